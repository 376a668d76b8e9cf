import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// "What this bundle shows" (这份证据包会透露的信息): the complainant fields, photo positions,
/// camera serials, phone numbers and addresses, from the samples and from constructed values.
@Suite struct DisclosureTests {
    @Test func theQualitySampleShowsTheDefectPhotosPosition() throws {
        let temporary = TemporaryDirectory("disclosure")
        defer { temporary.remove() }
        let loaded = try CaseFile.load(path: Repository.samples + "/quality-earbuds")
        let report = try BundlePacker().pack(loaded, rules: RuleSet.bundled(), to: temporary.path + "/b.zip", options: PackOptions())
        let disclosure = try #require(report.disclosure)
        #expect(disclosure.locations == [Disclosure.Location(file: "photos/左耳无声.jpg", latitude: 31.23, longitude: 121.47,
                                                             roundedTo: 0.01, removed: false, removable: true,
                                                             advice: disclosure.locations.first?.advice)])
        #expect(disclosure.locations.first?.advice?.en.contains("removing photo locations") == true)
        #expect(disclosure.complainant.isEmpty && disclosure.phoneNumbers.isEmpty && disclosure.addresses.isEmpty)
        #expect(disclosure.cameraSerials.isEmpty && disclosure.outsideFiles.isEmpty)
        // The inspection reads the exact position (exiftool wrote 31°13'48" N, 121°28'12" E).
        let photo = try #require(report.inspected.first { $0.path == "photos/左耳无声.jpg" })
        #expect(abs((photo.metadata.gpsLatitude ?? 0) - 31.23) < 1e-9 && abs((photo.metadata.gpsLongitude ?? 0) - 121.47) < 1e-9)
    }

    @Test func everySampleSaysWhatItShows() throws {
        // Only the quality sample's left-earbud photo holds GPS; the HEIC of missing-items does not.
        // The samples with a case file (Samples/phone-quality has none on purpose: it is the
        // quick form's sample, checked in SamplesTests).
        let folders = try FileManager.default.contentsOfDirectory(atPath: Repository.samples).sorted()
            .filter { FileManager.default.fileExists(atPath: Repository.samples + "/" + $0 + "/case.yaml") }
        #expect(folders.count >= 8 && folders.contains("quality-earbuds"))
        for folder in folders {
            let temporary = TemporaryDirectory("disclosure-samples")
            defer { temporary.remove() }
            let loaded = try CaseFile.load(path: Repository.samples + "/" + folder)
            var options = PackOptions()
            options.allowIncomplete = true
            let report = try BundlePacker().pack(loaded, rules: RuleSet.bundled(), to: temporary.path + "/b.zip", options: options)
            let disclosure = try #require(report.disclosure)
            #expect(disclosure.locations.map(\.file) == (folder == "quality-earbuds" ? ["photos/左耳无声.jpg"] : []), "\(folder)")
            #expect(disclosure.phoneNumbers.isEmpty && disclosure.addresses.isEmpty, "\(folder): \(disclosure)")
        }
    }

    @Test func complainantFieldsTextExportsAndReadingsAreScanned() throws {
        var complaint = ComplaintCase(category: "quality")
        complaint.complainant = .init(name: "张三", phone: "13812342046", address: " ")
        var chat = InspectedFile.placeholder(path: "chat.txt")
        chat.kind = .text
        chat.status = .ok
        var screenshot = InspectedFile.placeholder(path: "订单截图.png")
        screenshot.reading = ContentReading(source: .ocr, engine: "test", lineCount: 3, truncated: false, role: nil, facts: [
            Fact(kind: .orderNumber, value: "3712345678901234567", line: "订单编号：3712345678901234567 收货人 李四 139****8876"),
            Fact(kind: .shop, value: "某某旗舰店", line: "收货地址：浙江省杭州市西湖区文三路 88 号 2 单元 301 室"),
        ])
        var photo = InspectedFile.placeholder(path: "p.jpg")
        photo.metadata.hasGPS = true
        photo.metadata.cameraSerial = "0123456789"
        photo.mimeType = "image/heic"
        let text = """
            2026-11-06 20:30 我: 我的电话是 138 1234 5678，寄到上海市浦东新区世纪大道100号。
            2026-11-06 20:31 客服: 订单 3712345678901234567，运单 SF1234567890123，金额 299.00
            """
        let disclosure = Disclosure.assess(case: complaint, inputs: [
            .init(file: "chat.txt", inspected: chat, text: text),
            .init(file: "订单截图.png", inspected: screenshot),
            .init(file: "p.heic", inspected: photo),
        ])
        #expect(disclosure.complainant == [.init(field: "name", value: "张三"), .init(field: "phone", value: "13812342046")])
        #expect(disclosure.phoneNumbers == [.init(file: "chat.txt", text: "138 1234 5678", source: .text),
                                            .init(file: "订单截图.png", text: "139****8876", source: .reading)])
        #expect(disclosure.addresses == [.init(file: "chat.txt", text: "上海市浦东新区世纪大道100号", source: .text),
                                         .init(file: "订单截图.png", text: "浙江省杭州市西湖区文三路 88 号 2 单元 301 室", source: .reading)])
        #expect(disclosure.cameraSerials == [.init(file: "p.heic", serial: "0123456789")])
        let heic = try #require(disclosure.locations.first)
        #expect(heic.latitude == nil && heic.removed == false && heic.removable == false)
        #expect(heic.advice?.zh.contains("HEIC") == true && heic.advice?.en.contains("Location") == true)
        #expect(!disclosure.isEmpty)
    }

    @Test(arguments: [
        ("13812342046", true), ("+86 138-1234-2046", true), ("138****2046", true), ("3712345678901234567", false),
        ("SF13812342046", false), ("1381234204", false), ("12812342046", false), ("138*****046", false),
    ])
    func mobileNumbers(text: String, found: Bool) {
        #expect(TextScan.phoneNumbers(in: "电话 \(text) 。").isEmpty == !found, "\(text)")
    }
}
