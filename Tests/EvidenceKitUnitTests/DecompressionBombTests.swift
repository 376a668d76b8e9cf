import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Images whose headers claim more pixels than any phone takes: refused from the header by
/// ``InspectionLimits/maxPixels`` before a row is decoded, so time and memory stay those of the
/// file's own size. (The refusal itself is the proof: a decode of 10^10 pixels would need tens
/// of gigabytes.)
struct DecompressionBombTests {
    /// A PNG whose IHDR says 100,000 x 100,000 (CRC fixed, so only the size is wrong).
    static func pngBomb() -> [UInt8] {
        var png = fixture("inspect/screenshot.png")
        let big: [UInt8] = [0x00, 0x01, 0x86, 0xA0]
        png.replaceSubrange(16..<20, with: big)
        png.replaceSubrange(20..<24, with: big)
        let crc = crc32(Array(png[12..<29]))
        png.replaceSubrange(29..<33, with: be32(crc))
        return png
    }

    /// A JPEG whose SOF0 says 65,500 x 65,500.
    static func jpegBomb() throws -> [UInt8] {
        var jpeg = fixture("inspect/photo-plain.jpg")
        let sof = try #require((0..<jpeg.count - 1).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 })
        jpeg.replaceSubrange(sof + 5..<sof + 9, with: [0xFF, 0xDC, 0xFF, 0xDC])
        return jpeg
    }

    @Test func pngAndJPEGBombsAreRefusedFromTheirHeaders() throws {
        let dir = TemporaryDirectory("bombs")
        for (name, bytes) in [("bomb.png", Self.pngBomb()), ("bomb.jpg", try Self.jpegBomb())] {
            let file = try FileInspector().inspectFile(at: dir.write(name, bytes))
            #expect(file.status == .corrupt, "\(name)")
            #expect(file.codes == ["image.too-large"], "\(name)")
        }
        // The same bytes under a raised limit are decoded, so the refusal above came from the limit.
        let raised = try FileInspector(limits: InspectionLimits(maxPixels: UInt64.max)).inspectFile(at: dir.path + "/bomb.jpg")
        #expect(!raised.codes.contains("image.too-large"))
    }

    @Test func inspectAndPackRefuseABombImageWithAClearMessage() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        FileManager.default.createFile(atPath: folder + "/订单截图.png", contents: Data(Self.pngBomb()))
        let inspected = try CLI.run(["inspect", folder + "/订单截图.png"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(inspected.status == 1)
        #expect(inspected.stdout.contains("image.too-large"))
        try "platform: taobao\ncategory: order-status\norder_id: \"3712345678901234567\"\nevidence:\n  - file: 订单截图.png\n    role: order-screenshot\n"
            .write(toFile: folder + "/case.yaml", atomically: true, encoding: .utf8)
        let packed = try CLI.run(["pack", folder, "-o", folder + "/bundle.zip"])
        #expect(packed.status == 1)
        #expect(packed.stderr.contains("image.too-large"), "\(packed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/bundle.zip"))
    }
}
