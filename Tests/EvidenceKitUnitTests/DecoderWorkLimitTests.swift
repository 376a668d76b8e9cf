import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Decoder bombs: small files that would cost a decoder seconds of CPU. Each is stopped by the
/// work budget (``InspectionLimits``) with `check.work-limit`, a finding that names the file, and
/// a status that is not "ok"; the same bytes under lifted limits show that the limit, not damage,
/// stopped them. (How long they take is measured by `Benchmarks/slowest_inspect.py --bombs`,
/// never asserted here.)
@Suite struct DecoderWorkLimitTests {
    let dir = TemporaryDirectory("work-limit")

    func expectWorkLimit(_ file: InspectedFile, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(file.codes.contains("check.work-limit"), "\(name): \(file.codes)", sourceLocation: sourceLocation)
        #expect(file.status == .unreadable, "\(name)", sourceLocation: sourceLocation)
        let finding = file.findings.first { $0.code == "check.work-limit" }
        #expect(finding?.severity == .error, sourceLocation: sourceLocation)
        #expect(finding?.message.en.contains(name) == true && finding?.message.zh.contains(name) == true,
                "the message names the file", sourceLocation: sourceLocation)
    }

    @Test func aProgressiveJPEGWithThousandsOfScansStopsAtTheWorkBudget() throws {
        let bomb = DecoderBombs.progressiveJPEG(width: 4096, height: 1024)
        #expect(bomb.count < 500_000)
        let file = try inspect(dir.write("scans.jpg", bomb))
        expectWorkLimit(file, "scans.jpg")
        #expect(file.findings.first { $0.code == "check.work-limit" }?.message.en.contains("JPEG") == true)
    }

    @Test func aSmallJPEGWithMoreScansThanTheLimitStopsThereAndIsValidWithoutIt() throws {
        let path = dir.write("tiny-scans.jpg", DecoderBombs.progressiveJPEG(width: 64, height: 64, components: 1))  // 896 scans
        let file = try inspect(path)
        expectWorkLimit(file, "tiny-scans.jpg")
        #expect(file.findings.first { $0.code == "check.work-limit" }?.message.en.contains("more than 500 scans") == true)
        let lifted = try FileInspector(limits: InspectionLimits(maxJPEGScans: 0)).inspectFile(at: path)
        #expect(lifted.status == .ok, "the generated file is a valid JPEG: \(lifted.codes)")
    }

    @Test func aPNGWhoseImageDataWouldTakeGigabytesStopsFromItsHeader() throws {
        // 10,000 x 10,000 RGBA at 16 bits: within the pixel limit, 800 MB of image data to inflate.
        var png = fixture("inspect/screenshot.png")
        png.replaceSubrange(16..<25, with: be32(10_000) + be32(10_000) + [16])
        png[25] = 6
        png.replaceSubrange(29..<33, with: be32(crc32(Array(png[12..<29]))))
        let path = dir.write("data.png", png)
        expectWorkLimit(try inspect(path), "data.png")
        let lifted = try FileInspector(limits: InspectionLimits(maxWork: .max)).inspectFile(at: path)
        #expect(lifted.codes == ["png.corrupt"], "without the budget libpng starts decoding (and finds the data short)")
    }

    @Test func aPNGWithAHundredThousandTextChunksIsReadWithLibpngsChunkLimits() throws {
        let png = fixture("inspect/screenshot.png")
        var chunk = be32(7) + Array("tEXtkey\u{0}abc".utf8)
        chunk += be32(crc32(Array(chunk[4...])))
        var flooded = Array(png[0..<33])
        flooded.reserveCapacity(png.count + chunk.count * 100_000)
        for _ in 0..<100_000 { flooded += chunk }
        flooded += png[33...]
        let file = try inspect(dir.write("chunks.png", flooded))
        #expect(file.status == .ok, "\(file.codes)")
        #expect(file.codes == ["png.warning"], "libpng warns once that its chunk cache is full")
    }

    @Test func aGIFWithMoreFramesThanTheLimitStopsThere() throws {
        let path = dir.write("frames.gif", DecoderBombs.repeatedGIF(fixture("webp-gif/animated.gif"), frames: 10_001))
        expectWorkLimit(try inspect(path), "frames.gif")
        let lifted = try FileInspector(limits: InspectionLimits(maxFrames: 0)).inspectFile(at: path)
        #expect(lifted.status == .ok, "\(lifted.codes)")
    }

    @Test func aWebPWithMoreFramesThanTheLimitStopsThere() throws {
        let webp = fixture("webp-gif/animated.webp")
        // RIFF header, then VP8X and ANIM, then the first ANMF repeated.
        var chunks: [(type: String, bytes: ArraySlice<UInt8>)] = []
        var offset = 12
        while offset + 8 <= webp.count {
            let size = Int(UInt32(webp[offset + 4]) | UInt32(webp[offset + 5]) << 8 | UInt32(webp[offset + 6]) << 16 | UInt32(webp[offset + 7]) << 24)
            let end = offset + 8 + size + (size & 1)
            chunks.append((String(decoding: webp[offset..<offset + 4], as: UTF8.self), webp[offset..<end]))
            offset = end
        }
        let frame = try #require(chunks.first { $0.type == "ANMF" }).bytes
        var body = Array("WEBP".utf8)
        for chunk in chunks where chunk.type == "VP8X" || chunk.type == "ANIM" { body += chunk.bytes }
        for _ in 0..<10_001 { body += frame }
        let path = dir.write("frames.webp", Array("RIFF".utf8) + le32(UInt32(body.count)) + body)
        expectWorkLimit(try inspect(path), "frames.webp")
        let lifted = try FileInspector(limits: InspectionLimits(maxFrames: 0)).inspectFile(at: path)
        #expect(!lifted.codes.contains("check.work-limit"), "\(lifted.codes)")
    }

    @Test func aPDFWithMoreObjectsOrPagesThanTheLimitStopsBeforeQpdfWalksThem() throws {
        let objects = dir.write("objects.pdf", DecoderBombs.manyObjectPDF(objects: 2_000))
        expectWorkLimit(try FileInspector(limits: InspectionLimits(maxPDFObjects: 1_000)).inspectFile(at: objects), "objects.pdf")
        #expect(try inspect(objects).status == .ok, "under the default limits the same PDF opens")
        let pages = dir.write("pages.pdf", DecoderBombs.manyObjectPDF(objects: 10, claimedPages: 5_000_000))
        expectWorkLimit(try inspect(pages), "pages.pdf")
    }

    @Test func anMP4OfMillionsOfBoxesStopsAtTheBoxLimit() throws {
        let path = dir.write("boxes.mp4", DecoderBombs.manyBoxMP4(count: 150_000))
        expectWorkLimit(try inspect(path), "boxes.mp4")
        let lifted = try FileInspector(limits: InspectionLimits(maxBoxes: .max)).inspectFile(at: path)
        #expect(lifted.status == .ok, "\(lifted.codes)")
    }

    @Test func aHEIFWithAFloodOfPropertyBoxesStopsAtTheBoxLimit() throws {
        let path = dir.write("boxes.heic", DecoderBombs.manyBoxHEIF(count: 150_000))
        expectWorkLimit(try inspect(path), "boxes.heic")
        let lifted = try FileInspector(limits: InspectionLimits(maxBoxes: .max)).inspectFile(at: path)
        #expect(!lifted.codes.contains("check.work-limit"), "\(lifted.codes)")
    }

    @Test func theDamagedProgressiveJPEGFromQpdfsCorpusStopsAtItsFirstCorruptScan() throws {
        // 52 KB, 65327 x 169, 928 scans; it took ~10 s of CPU before the decode stopped at the
        // first "corrupt data" warning. Rebuilt here: the same kind of file, its second AC scan
        // repeated (an inconsistent progression).
        var bytes = DecoderBombs.progressiveJPEG(width: 8192, height: 512, components: 1)
        let sos = (0..<bytes.count - 1).filter { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA }
        let second = Array(bytes[sos[1]..<sos[2]])
        bytes.insert(contentsOf: second, at: sos[2])
        let file = try inspect(dir.write("inconsistent.jpg", bytes))
        #expect(file.codes == ["jpeg.corrupt"])
        #expect(file.findings[0].message.en.contains("Inconsistent progression sequence"))
    }
}
