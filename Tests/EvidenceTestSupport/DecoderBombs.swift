import Foundation

/// Files that are valid (or nearly) but cost a decoder far more work than their size: the
/// decoder bombs the work budget (``EvidenceKit/InspectionLimits``) must stop. Built here byte by
/// byte so that each test makes its own; `Benchmarks/decoder_bombs.py` writes the same kinds for
/// the CPU measurement.
public enum DecoderBombs {
    /// A valid progressive JPEG whose every coefficient is zero, with the most scans the format
    /// allows: for each component, the DC and each of the 63 AC coefficients in scans of their
    /// own, at 14 successive-approximation levels (`components` x 64 x 14 scans; 2,688 for three).
    /// Each AC scan is a few bytes (end-of-band runs), yet libjpeg passes over every block in it.
    public static func progressiveJPEG(width: Int, height: Int, components: Int = 3) -> [UInt8] {
        func segment(_ marker: UInt8, _ body: [UInt8]) -> [UInt8] {
            [0xFF, marker, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)] + body
        }
        let blocks = ((width + 7) / 8) * ((height + 7) / 8)
        var out: [UInt8] = [0xFF, 0xD8]
        out += segment(0xDB, [0] + [UInt8](repeating: 1, count: 64))
        var sof: [UInt8] = [8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), UInt8(components)]
        for c in 0..<components { sof += [UInt8(c + 1), 0x11, 0] }
        out += segment(0xC2, sof)
        // One-symbol Huffman tables, code "0": DC category 0; AC EOB14 (a run of 2^14 + 14 bits of blocks).
        out += segment(0xC4, [0x00, 1] + [UInt8](repeating: 0, count: 15) + [0x00])
        out += segment(0xC4, [0x10, 1] + [UInt8](repeating: 0, count: 15) + [0xE0])
        func scan(_ component: Int, _ ss: UInt8, _ ah: UInt8, _ al: UInt8) -> [UInt8] {
            var bits = BitWriter()
            if ss == 0 {
                for _ in 0..<blocks { bits.put(0, 1) }  // DC: category 0, or one refinement bit
            } else {
                var left = blocks
                while left > 0 { bits.put(0, 1); bits.put(16383, 14); left -= 32767 }
            }
            return segment(0xDA, [1, UInt8(component + 1), 0x00, ss, ss, ah << 4 | al]) + bits.flushed()
        }
        for c in 0..<components { for k in UInt8(0)...63 { out += scan(c, k, 0, 13) } }
        for level in stride(from: UInt8(13), to: 0, by: -1) {
            for c in 0..<components { for k in UInt8(0)...63 { out += scan(c, k, level, level - 1) } }
        }
        return out + [0xFF, 0xD9]
    }

    /// An MP4 whose top level is `ftyp`, `moov` (with an `mvhd`) and then `count` empty `free`
    /// boxes of 8 bytes each.
    public static func manyBoxMP4(count: Int) -> [UInt8] {
        var out = box("ftyp", Array("isom".utf8) + [0, 0, 2, 0] + Array("isommp41".utf8))
        var mvhd = [UInt8](repeating: 0, count: 100)
        mvhd[15] = 0x03; mvhd[14] = 0xE8  // timescale 1000
        mvhd[19] = 0x10                   // duration 16
        out += box("moov", box("mvhd", mvhd))
        let free = box("free", [])
        out.reserveCapacity(out.count + free.count * count)
        for _ in 0..<count { out += free }
        return out
    }

    /// A HEIF whose `meta` holds an `iprp`/`ipco` of `count` empty property boxes.
    public static func manyBoxHEIF(count: Int) -> [UInt8] {
        var properties: [UInt8] = []
        let empty = box("free", [])
        properties.reserveCapacity(empty.count * count)
        for _ in 0..<count { properties += empty }
        let meta = box("meta", [0, 0, 0, 0] + box("hdlr", [UInt8](repeating: 0, count: 8) + Array("pict".utf8) + [UInt8](repeating: 0, count: 13))
                        + box("iprp", box("ipco", properties)))
        return box("ftyp", Array("heic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8)) + meta
    }

    /// A PDF of `objects` null objects (plus the catalog and an empty page tree), with a
    /// correct cross-reference table.
    public static func manyObjectPDF(objects: Int, claimedPages: Int = 0) -> [UInt8] {
        var out = Array("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        func object(_ body: String) {
            offsets.append(out.count)
            out += Array("\(offsets.count) 0 obj\n\(body)\nendobj\n".utf8)
        }
        object("<< /Type /Catalog /Pages 2 0 R >>")
        object("<< /Type /Pages /Kids [] /Count \(claimedPages) >>")
        for _ in 0..<objects { object("null") }
        let xref = out.count
        var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        out += Array(table.utf8)
        out += Array("trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }

    /// A GIF (or WebP) animation with its frames repeated until it has `frames` of them.
    public static func repeatedGIF(_ gif: [UInt8], frames: Int) -> [UInt8] {
        // The first frame's records (graphic control extension to the end of its image data)
        // are found by walking: header, screen descriptor, global colour table, then records.
        let packed = gif[10]
        var offset = 13 + (packed & 0x80 != 0 ? 3 << (Int(packed & 7) + 1) : 0)
        func skipBlocks(_ start: Int) -> Int {
            var at = start
            while gif[at] != 0 { at += Int(gif[at]) + 1 }
            return at + 1
        }
        let header = Array(gif[0..<offset])
        var frameStart: Int?
        var frame: [UInt8] = []
        while gif[offset] != 0x3B {
            let start = offset
            if gif[offset] == 0x21 {
                if gif[offset + 1] == 0xF9 && frameStart == nil { frameStart = start }
                offset = skipBlocks(offset + 2)
            } else {  // 0x2C image descriptor
                let flags = gif[offset + 9]
                offset += 10 + (flags & 0x80 != 0 ? 3 << (Int(flags & 7) + 1) : 0)
                offset = skipBlocks(offset + 1)
                frame = Array(gif[(frameStart ?? start)..<offset])
                break
            }
        }
        var out = header
        out.reserveCapacity(header.count + frame.count * frames + 1)
        for _ in 0..<frames { out += frame }
        return out + [0x3B]
    }

    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let size = UInt32(payload.count + 8)
        return [UInt8(size >> 24), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)] + Array(type.utf8) + payload
    }
}

/// Bits into bytes, most significant first, with JPEG's 0xFF00 stuffing and 1-bit padding.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt32 = 0
    private var count = 0

    mutating func put(_ value: UInt32, _ width: Int) {
        for shift in stride(from: width - 1, through: 0, by: -1) {
            accumulator = accumulator << 1 | (value >> UInt32(shift) & 1)
            count += 1
            if count == 8 {
                bytes.append(UInt8(accumulator))
                if accumulator == 0xFF { bytes.append(0) }
                accumulator = 0
                count = 0
            }
        }
    }

    mutating func flushed() -> [UInt8] {
        if count > 0 { put((1 << UInt32(8 - count)) - 1, 8 - count) }
        return bytes
    }
}
