import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Images saved from the Taobao/Tmall apps and chats: WebP (still and animated) and GIF must
/// really open, not only carry the right type. Fixtures: `Fixtures/webp-gif` (PROVENANCE.txt);
/// every damaged variant is made here from their bytes.
@Suite struct WebPInspectionTests {
    let dir = TemporaryDirectory("webp")

    @Test(arguments: [("lossy.webp", 96, 64), ("lossless.webp", 120, 80), ("animated.webp", 64, 48)])
    func validWebPIsAcceptedWithItsSize(name: String, width: Int, height: Int) throws {
        let file = try inspect(dir.write("商品图-\(name)", fixture("webp-gif/" + name)))
        #expect(file.status == .ok)
        #expect(file.mimeType == "image/webp")
        #expect(file.kind == .image)
        #expect(file.metadata.width == width && file.metadata.height == height)
        #expect(file.findings.isEmpty)
    }

    @Test func webpEXIFGivesCaptureTimeCameraAndGPS() throws {
        let file = try inspect(dir.write("photo.webp", fixture("webp-gif/photo-exif.webp")))
        #expect(file.status == .ok)
        #expect(file.metadata.width == 96 && file.metadata.height == 64)
        #expect(file.metadata.captureTime == "2026-11-06T09:30:00+08:00")
        #expect(file.metadata.cameraModel == "Xiaomi Redmi Note 12")
        #expect(file.metadata.hasGPS == true)
    }

    @Test(arguments: ["lossy.webp", "lossless.webp", "photo-exif.webp", "animated.webp"], [0.3, 0.7, 0.95])
    func webpCutShortIsCorrupt(name: String, fraction: Double) throws {
        let bytes = fixture("webp-gif/" + name)
        let file = try inspect(dir.write("cut-\(fraction)-\(name)", Array(bytes.prefix(Int(Double(bytes.count) * fraction)))))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["webp.corrupt"])
        #expect(file.findings[0].message.en.contains("truncated"))
    }

    @Test(arguments: ["lossy.webp", "lossless.webp", "animated.webp"])
    func webpCutShortWithItsRIFFSizeMendedIsStillCorrupt(name: String) throws {
        // A cut whose RIFF size was rewritten to match: only the chunks and the image data tell.
        var bytes = Array(fixture("webp-gif/" + name).prefix(Int(Double(fixture("webp-gif/" + name).count) * 0.7)))
        bytes.replaceSubrange(4..<8, with: le32(UInt32(bytes.count - 8)))
        let file = try inspect(dir.write("mended-\(name)", bytes))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["webp.corrupt"])
    }

    @Test func lossyWebPWithAScrambledHeaderPartitionIsCorrupt() throws {
        var bytes = fixture("webp-gif/lossy.webp")
        let vp8 = try #require(RIFFChunks.list(bytes).first { $0.type == "VP8 " })
        // Partition 0 (modes and probabilities) follows the 10-byte key-frame header.
        let tag = Int(bytes[vp8.payload]) | Int(bytes[vp8.payload + 1]) << 8 | Int(bytes[vp8.payload + 2]) << 16
        let first = vp8.payload + 10, size = tag >> 5 & 0x7FFFF
        bytes.replaceSubrange(first..<first + size, with: [UInt8](repeating: 0xFF, count: size))
        let file = try inspect(dir.write("scrambled.webp", bytes))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["webp.corrupt"])
    }

    @Test func mostByteFlipsInLosslessWebPDataAreCaught() throws {
        // VP8L has no checksum: a flip can still decode to a (different) picture. Measured on this
        // file: 355 of the 425 payload bytes flipped are caught; none may crash.
        let bytes = fixture("webp-gif/lossless.webp")
        let vp8l = try #require(RIFFChunks.list(bytes).first { $0.type == "VP8L" })
        var caught = 0, total = 0
        for index in (vp8l.payload + 5)..<(vp8l.payload + vp8l.size) {
            var damaged = bytes
            damaged[index] ^= 0xFF
            let codes = damaged.withUnsafeBytes { ContentCheck.run($0, as: .webp).codes }
            total += 1
            if codes == ["webp.corrupt"] { caught += 1 } else { #expect(codes.isEmpty, "flip at \(index): \(codes)") }
        }
        #expect(total > 400)
        #expect(caught * 100 >= total * 75, "\(caught) of \(total) caught")
    }

    @Test func animatedWebPWithOneDamagedFrameIsCorruptAndNamesTheFrame() throws {
        var bytes = fixture("webp-gif/animated.webp")
        // Frame 2 is the lossless one: overwrite the middle of its VP8L data.
        let frames = RIFFChunks.list(bytes).filter { $0.type == "ANMF" }
        #expect(frames.count == 3)
        let inner = RIFFChunks.list(bytes, from: frames[1].payload + 16, to: frames[1].payload + frames[1].size)
        let vp8l = try #require(inner.first { $0.type == "VP8L" })
        let middle = vp8l.payload + vp8l.size / 2
        bytes.replaceSubrange(middle - 8..<middle + 8, with: [UInt8](repeating: 0xFF, count: 16))
        let file = try inspect(dir.write("anim.webp", bytes))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["webp.corrupt"])
        #expect(file.findings[0].message.en.contains("frame 2 of 3"))
    }

    /// lossy.webp with its VP8 frame header claiming 16383 x 16383 (268 megapixels).
    static func lossyBomb() -> [UInt8] {
        var bytes = fixture("webp-gif/lossy.webp")
        bytes.replaceSubrange(26..<30, with: [0xFF, 0x3F, 0xFF, 0x3F])
        return bytes
    }

    /// lossless.webp with its VP8L header claiming 16384 x 16384 (decoding it would need > 1 GiB).
    static func losslessBomb() -> [UInt8] {
        var bytes = fixture("webp-gif/lossless.webp")
        let header = UInt32(bytes[21]) | UInt32(bytes[22]) << 8 | UInt32(bytes[23]) << 16 | UInt32(bytes[24]) << 24
        bytes.replaceSubrange(21..<25, with: le32(header & 0xF000_0000 | 0x3FFF << 14 | 0x3FFF))
        return bytes
    }

    @Test func webpPixelBombsAreRefusedFromTheirHeaders() throws {
        #expect(Self.lossyBomb().count < 1024)
        var canvas = fixture("webp-gif/animated.webp")  // VP8X canvas -> 20000 x 20000
        canvas.replaceSubrange(24..<30, with: [0x1F, 0x4E, 0x00, 0x1F, 0x4E, 0x00])
        for (name, bytes) in [("lossy-bomb.webp", Self.lossyBomb()), ("lossless-bomb.webp", Self.losslessBomb()), ("canvas-bomb.webp", canvas)] {
            let file = try inspect(dir.write(name, bytes))
            #expect(file.status == .corrupt, "\(name)")
            #expect(file.codes == ["image.too-large"], "\(name)")
        }
        // Under a raised limit the lossy bomb is decoded (and found wanting): the refusal came from the limit.
        let raised = try FileInspector(limits: InspectionLimits(maxPixels: UInt64.max)).inspectFile(at: dir.path + "/lossy-bomb.webp")
        #expect(raised.codes == ["webp.corrupt"])
    }

    @Test func webpWithAppendedDataIsWarned() throws {
        let file = try inspect(dir.write("appended.webp", fixture("webp-gif/lossy.webp") + fixture("inspect/helloworld.ofd")))
        #expect(file.status == .ok)
        #expect(file.codes == ["format.trailing-data"])
        #expect(file.findings[0].message.en.contains("\(fixture("inspect/helloworld.ofd").count) bytes"))
    }
}

@Suite struct GIFInspectionTests {
    let dir = TemporaryDirectory("gif")

    @Test(arguments: [("still.gif", 120, 80), ("animated.gif", 64, 48)])
    func validGIFIsAcceptedWithItsSize(name: String, width: Int, height: Int) throws {
        let file = try inspect(dir.write("聊天图-\(name)", fixture("webp-gif/" + name)))
        #expect(file.status == .ok)
        #expect(file.mimeType == "image/gif")
        #expect(file.kind == .image)
        #expect(file.metadata.width == width && file.metadata.height == height)
        #expect(file.findings.isEmpty)
    }

    @Test(arguments: ["still.gif", "animated.gif"], [0.3, 0.7, 0.95])
    func gifCutShortIsCorrupt(name: String, fraction: Double) throws {
        let bytes = fixture("webp-gif/" + name)
        let file = try inspect(dir.write("cut-\(fraction)-\(name)", Array(bytes.prefix(Int(Double(bytes.count) * fraction)))))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["gif.corrupt"])
    }

    @Test func gifWithoutItsTrailerIsCorrupt() throws {
        let bytes = fixture("webp-gif/animated.gif")
        #expect(bytes.last == 0x3B)
        let file = try inspect(dir.write("no-trailer.gif", Array(bytes.dropLast())))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["gif.corrupt"])
        #expect(file.findings[0].message.en.contains("trailer"))
    }

    @Test(arguments: ["still.gif", "animated.gif"])
    func gifWithAnLZWCodeTheDictionaryLacksIsCorrupt(name: String) throws {
        var bytes = fixture("webp-gif/" + name)
        let frame = try #require(GIFBlocks.frames(bytes).first)
        // frame.data is the first sub-block's length byte. After the first code (a clear code),
        // codes of all ones: far beyond the few entries the table has.
        bytes.replaceSubrange(frame.data + 2..<frame.data + 10, with: [UInt8](repeating: 0xFF, count: 8))
        let file = try inspect(dir.write("bad-lzw-\(name)", bytes))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["gif.corrupt"])
        #expect(file.findings[0].message.en.contains("bad LZW code"))
    }

    @Test func mostByteFlipsInGIFImageDataAreCaught() throws {
        // LZW has no checksum; giflib's own decoder let about half of these through. Measured:
        // 462 of 616 (still.gif) and 927 of 1,255 (animated.gif) flips are caught; none may crash.
        for name in ["still.gif", "animated.gif"] {
            let bytes = fixture("webp-gif/" + name)
            var caught = 0, total = 0
            for frame in GIFBlocks.frames(bytes) {
                for index in frame.data..<frame.end {
                    var damaged = bytes
                    damaged[index] ^= 0xFF
                    let codes = damaged.withUnsafeBytes { ContentCheck.run($0, as: .gif).codes }
                    total += 1
                    if codes.contains("gif.corrupt") { caught += 1 }
                }
            }
            #expect(total > 600)
            #expect(caught * 100 >= total * 70, "\(name): \(caught) of \(total) caught")
        }
    }

    @Test func gifPixelBombsAreRefusedFromTheirDescriptors() throws {
        let gif = fixture("webp-gif/still.gif")
        var screen = gif  // logical screen 65535 x 65535
        screen.replaceSubrange(6..<10, with: [0xFF, 0xFF, 0xFF, 0xFF])
        var frame = gif  // first frame 65535 x 65535 on a 120 x 80 screen
        let descriptor = try #require(GIFBlocks.frames(gif).first).descriptor
        frame.replaceSubrange(descriptor + 5..<descriptor + 9, with: [0xFF, 0xFF, 0xFF, 0xFF])
        for (name, bytes) in [("screen-bomb.gif", screen), ("frame-bomb.gif", frame)] {
            let file = try inspect(dir.write(name, bytes))
            #expect(file.status == .corrupt, "\(name)")
            #expect(file.codes == ["image.too-large"], "\(name)")
            #expect(file.findings[0].message.en.contains("65535×65535"), "\(name)")
        }
        // Under a raised limit the frame's data is read and falls far short of its 4.3 billion pixels.
        let raised = try FileInspector(limits: InspectionLimits(maxPixels: UInt64.max)).inspectFile(at: dir.path + "/frame-bomb.gif")
        #expect(raised.codes == ["gif.corrupt"])
        #expect(raised.findings[0].message.en.contains("before the last pixel") || raised.findings[0].message.en.contains("end code"))
    }

    @Test func gifWithAppendedDataIsWarned() throws {
        let file = try inspect(dir.write("appended.gif", fixture("webp-gif/animated.gif") + fixture("inspect/helloworld.ofd")))
        #expect(file.status == .ok)
        #expect(file.codes == ["format.trailing-data"])
    }

    @Test func gifWithNoImageIsCorrupt() throws {
        let gif = fixture("webp-gif/still.gif")
        let first = try #require(GIFBlocks.frames(gif).first)
        let file = try inspect(dir.write("empty.gif", Array(gif[..<first.descriptor]) + [0x3B]))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["gif.corrupt"])
    }
}

/// The pixel-bomb refusals happen before decoding: a separate `evidence inspect` process stays
/// small (its peak RSS is read by Python's `resource.getrusage(RUSAGE_CHILDREN)`, which counts
/// that one child only). Decoding the lossless WebP would need over 1 GiB.
@Suite struct ImageBombMemoryTests {
    @Test func refusingWebPAndGIFBombsKeepsPeakMemorySmall() throws {
        let dir = TemporaryDirectory("bomb-rss")
        var gif = fixture("webp-gif/still.gif")
        gif.replaceSubrange(6..<10, with: [0xFF, 0xFF, 0xFF, 0xFF])
        for (name, bytes) in [("bomb.webp", WebPInspectionTests.losslessBomb()), ("bomb.gif", gif)] {
            let path = dir.write(name, bytes)
            let script = """
                import resource, subprocess, sys
                done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
                print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "image.too-large" in done.stdout)
                """
            let result = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", script, CLI.executable, "inspect", "--lang", "en", path])
            let fields = result.output.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(fields.count == 3, "\(result.output)")
            guard fields.count == 3, let peakKiB = Int(fields[1]) else { continue }
            #expect(fields[0] == "1", "\(name)")
            #expect(fields[2] == "True", "\(name)")
            #expect(peakKiB < 200 * 1024, "\(name): peak RSS \(peakKiB) KiB")
        }
    }
}

/// RIFF chunks of a WebP file: type, where the payload starts, its size.
enum RIFFChunks {
    static func list(_ bytes: [UInt8], from start: Int = 12, to end: Int? = nil) -> [(type: String, payload: Int, size: Int)] {
        var result: [(String, Int, Int)] = []
        var offset = start
        let limit = min(end ?? bytes.count, bytes.count)
        while offset + 8 <= limit {
            let type = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            result.append((type, offset + 8, size))
            offset += 8 + size + (size & 1)
        }
        return result
    }
}

/// GIF frames: where each image descriptor starts, and the span of its LZW data sub-blocks
/// (from the first block's length byte to the block terminator).
enum GIFBlocks {
    static func frames(_ bytes: [UInt8]) -> [(descriptor: Int, data: Int, end: Int)] {
        var result: [(Int, Int, Int)] = []
        guard bytes.count > 13 else { return [] }
        var offset = 13
        if bytes[10] & 0x80 != 0 { offset += 3 << (Int(bytes[10] & 7) + 1) }
        func skipBlocks(_ start: Int) -> Int {
            var position = start
            while position < bytes.count && bytes[position] != 0 { position += Int(bytes[position]) + 1 }
            return position + 1
        }
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x21: offset = skipBlocks(offset + 2)
            case 0x2C:
                let descriptor = offset
                guard offset + 10 <= bytes.count else { return result }
                var position = offset + 10
                if bytes[offset + 9] & 0x80 != 0 { position += 3 << (Int(bytes[offset + 9] & 7) + 1) }
                let data = position + 1  // after the LZW minimum code size
                let end = skipBlocks(data)
                result.append((descriptor, data, min(end, bytes.count)))
                offset = end
            default: return result
            }
        }
        return result
    }
}
