import Foundation
import EvidenceTestSupport
import Synchronization
import Testing
@testable import EvidenceKit

/// Inspection's reading pass: files as a phone leaves them get the role their content shows,
/// with facts; reading problems are findings, never a change of status or a silent pass.
@Suite struct ReadingPassTests {
    let dir = TemporaryDirectory("reading-pass")

    var options: ReadingOptions {
        var o = ReadingOptions()
        o.cacheDirectory = dir.file("cache")
        return o
    }

    func copy(_ fixture: String, as name: String, into folder: String) throws -> String {
        let target = folder + "/" + name
        try FileManager.default.copyItem(atPath: ScreenshotFixtures.path(fixture), toPath: target)
        return target
    }

    /// The folder: phone-named screenshots, a receipt PDF, a camera photo, a chat export.
    func phoneFolder() throws -> String {
        let folder = dir.file("phone")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = try copy("order-01.png", as: "Screenshot_20261105-203312_Taobao.png", into: folder)
        _ = try copy("alipay-01.png", as: "IMG_4471.PNG", into: folder)
        _ = try copy("logistics-02.png", as: "微信图片_20261106203901.png", into: folder)
        _ = try copy("receipt-text.pdf", as: "1699012345678.pdf", into: folder)
        _ = dir.write("phone/IMG_20261106_201405.jpg", fixture("inspect/photo-exif.jpg"))
        _ = dir.write("phone/msg.csv", ExportBytes.gb(ExportBytes.alipayCurrent))
        return folder
    }

    func file(_ files: [InspectedFile], _ name: String) throws -> InspectedFile {
        try #require(files.first { $0.name == name })
    }

    @Test func phoneNamedFilesGetTheRoleTheirContentShowsWithFacts() throws {
        let folder = try phoneFolder()
        let calls = Mutex<[Int]>([])
        let files = try Inspection.inspect(paths: [folder], jobs: 2, reading: options) { done, total in
            #expect(total == 6)
            calls.withLock { $0.append(done) }
        }
        #expect(calls.withLock { $0.sorted() } == [1, 2, 3, 4, 5, 6])

        let order = try file(files, "Screenshot_20261105-203312_Taobao.png")
        #expect(order.suggestedRole == .orderScreenshot)
        #expect(order.roleAssessment?.basis == .content)
        #expect(order.roleAssessment?.cues.contains("订单编号") == true)
        #expect(order.reading?.source == .ocr)
        #expect(order.reading?.fact(.orderNumber)?.value == "946799918587044260")

        let bill = try file(files, "IMG_4471.PNG")
        #expect(bill.suggestedRole == .paymentReceipt && bill.roleAssessment?.basis == .content)
        #expect(bill.reading?.fact(.tradeNumber)?.value == "2026110322007244701361585478")

        // The name says WeChat (a chat); the content is a tracking page, and the content wins.
        let logistics = try file(files, "微信图片_20261106203901.png")
        #expect(logistics.suggestedRole == .logisticsRecord)
        #expect(logistics.reading?.fact(.trackingNumber)?.value == "SF1480351918958")

        let receipt = try file(files, "1699012345678.pdf")
        #expect(receipt.suggestedRole == .paymentReceipt)
        #expect(receipt.reading?.source == .pdfText)
        #expect(receipt.reading?.fact(.orderNumber)?.value == "946799918587044260")

        // A camera photo is not OCRed: its metadata decides.
        let photo = try file(files, "IMG_20261106_201405.jpg")
        #expect(photo.reading == nil)
        #expect(photo.suggestedRole == .productPhoto && photo.roleAssessment?.basis == .metadata)
        #expect(photo.roleAssessment?.cues.first?.hasPrefix("camera EXIF") == true)

        let csv = try file(files, "msg.csv")
        #expect(csv.suggestedRole == .paymentReceipt && csv.reading?.source == .alipayCSV)
        #expect(files.allSatisfy { $0.status == .ok })
    }

    @Test func withoutReadingRolesComeFromMetadataAndNamesWithTheirBasis() throws {
        let folder = try phoneFolder()
        let files = try Inspection.inspect(paths: [folder], jobs: 1)
        #expect(files.allSatisfy { $0.reading == nil && $0.roleAssessment != nil })
        let order = try file(files, "Screenshot_20261105-203312_Taobao.png")
        #expect(order.suggestedRole == .other && order.roleAssessment?.confidence == 0)
        let chat = try file(files, "微信图片_20261106203901.png")
        #expect(chat.suggestedRole == .chatRecord)
        #expect(chat.roleAssessment?.basis == .name && chat.roleAssessment?.cues == ["name: 微信"])
        #expect(try file(files, "IMG_20261106_201405.jpg").roleAssessment?.basis == .metadata)
    }

    @Test func missingLanguageDataIsAWarningOnEveryFileThatNeededOCR() throws {
        let folder = try phoneFolder()
        let files = try Inspection.inspect(
            [EvidencePath(folder + "/IMG_4471.PNG"), EvidencePath(folder + "/1699012345678.pdf")], limits: InspectionLimits(),
            jobs: 1, describing: false, reading: options,
            makeReader: { _ in throw ReadingError(.ocrUnavailable, path: nil, detail: "no chi_sim.traineddata") })
        let image = files[0]
        #expect(image.status == .ok)
        #expect(image.codes.contains("reading.unavailable"))
        let finding = try #require(image.findings.first { $0.code == "reading.unavailable" })
        #expect(finding.severity == .warning)
        #expect(finding.message.en.contains("IMG_4471.PNG") && finding.message.en.contains("chi_sim"))
        #expect(image.reading == nil && image.roleAssessment?.basis == .name)
        // The PDF's text layer needs no OCR: still read.
        #expect(files[1].reading?.fact(.orderNumber)?.value == "946799918587044260")
        #expect(!files[1].codes.contains("reading.unavailable"))
    }

    @Test func ocrOffReadsPDFsButNotImages() throws {
        let folder = try phoneFolder()
        var o = options
        o.ocr = false
        let files = try Inspection.inspect(paths: [folder], jobs: 1, reading: o)
        #expect(try file(files, "IMG_4471.PNG").reading == nil)
        #expect(try file(files, "IMG_4471.PNG").codes.allSatisfy { !$0.hasPrefix("reading.") })
        #expect(try file(files, "1699012345678.pdf").reading?.source == .pdfText)
    }

    @Test func unreadableImageFormatIsAnInfoFindingAndTheStatusStays() throws {
        let path = dir.write("IMG_0001.heif", fixture("inspect/hopper.heif"))
        let file = try #require(try Inspection.inspectFiles([path], jobs: 1, reading: options).first)
        #expect(file.status == .ok)
        let finding = try #require(file.findings.first { $0.code == "reading.image-format-unsupported" })
        #expect(finding.severity == .info && finding.message.en.contains(path))
    }

    @Test func corruptPDFAndHugePNGHeaderAreHandledWithinTheLimits() throws {
        let pdf = dir.write("回单.pdf", Array("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nendobj\ngarbage\n%%EOF\n".utf8))
        let png = dir.write("huge.png", TestPNG.header(width: 30_000, height: 30_000))
        let files = try Inspection.inspectFiles([pdf, png], jobs: 2, reading: options)
        for file in files {
            // Whatever inspection concluded stands; reading adds at most a finding, never decodes.
            let alone = try inspect(file.path)
            #expect(file.status == alone.status)
            if file.status == .ok {
                #expect(file.codes.contains { $0 == "reading.pdf-unreadable" || $0 == "reading.image-too-large" }, "\(file.codes)")
            } else {
                #expect(file.reading == nil)
            }
            #expect(file.findings.allSatisfy { !$0.code.hasPrefix("reading.") || $0.severity != .error })
        }
    }

    /// 256 MiB of chat lines (1 GB takes minutes to write and hash in a debug build; the bound
    /// is the same: only the first 4 MiB are ever read for understanding).
    @Test func hugeTextFileIsReadOnlyUpToTheBound() throws {
        let path = dir.file("聊天记录.txt")
        let handle = try #require(FileHandle(forWritingAtPath: { FileManager.default.createFile(atPath: path, contents: nil); return path }()))
        let block = Data(String(repeating: ExportBytes.wechatTXT, count: 1 + (1 << 20) / ExportBytes.wechatTXT.utf8.count).utf8)
        var written = 0
        while written < 256 << 20 { handle.write(block); written += block.count }
        try handle.close()
        let file = try #require(try Inspection.inspectFiles([path], jobs: 1, reading: options).first)
        #expect(file.status == .ok)
        let reading = try #require(file.reading)
        #expect(reading.truncated)
        #expect(reading.source == .wechatTXT && file.suggestedRole == .chatRecord)
        #expect(reading.lineCount <= ContentInterpreter.maxExportLines)
    }
}
