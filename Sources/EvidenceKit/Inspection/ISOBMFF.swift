/// Reading ISO base media file format boxes (MP4, MOV, 3GP, HEIC, AVIF) from bytes in memory,
/// with every read bounds-checked: hostile sizes end the walk, they never trap.
struct ISOBMFFBox {
    /// The four-character type, e.g. `moov`.
    var type: String
    /// Where the box's payload starts and ends in the buffer.
    var payload: Range<Int>
    /// Whether the declared size ran past the end of the buffer.
    var truncated: Bool
}

struct ByteReader {
    let bytes: [UInt8]
    /// The most boxes ``boxes(in:)`` lists at one level; it stops after one more, so a caller
    /// sees `count > maxBoxes` and reports the work limit instead of walking millions of boxes.
    var maxBoxes = Int.max

    func uint(_ offset: Int, _ width: Int) -> UInt64? {
        guard width >= 0, offset >= 0, offset + width <= bytes.count else { return nil }
        var value: UInt64 = 0
        for index in offset..<(offset + width) { value = value << 8 | UInt64(bytes[index]) }
        return value
    }

    func fourCC(_ offset: Int) -> String? {
        guard offset >= 0, offset + 4 <= bytes.count else { return nil }
        return String(decoding: bytes[offset..<(offset + 4)].map { (0x20...0x7E).contains($0) ? $0 : 0x3F }, as: UTF8.self)
    }

    /// The boxes laid end to end in `range`.
    func boxes(in range: Range<Int>) -> [ISOBMFFBox] {
        var result: [ISOBMFFBox] = []
        var offset = range.lowerBound
        while offset + 8 <= range.upperBound, result.count <= maxBoxes {
            guard let size32 = uint(offset, 4), let type = fourCC(offset + 4) else { break }
            var headerSize = 8
            var size = size32
            if size32 == 1 {
                guard let large = uint(offset + 8, 8) else { break }
                size = large
                headerSize = 16
            } else if size32 == 0 {
                size = UInt64(range.upperBound - offset)
            }
            guard size >= UInt64(headerSize) else {
                result.append(ISOBMFFBox(type: type, payload: (offset + headerSize)..<(offset + headerSize), truncated: true))
                break
            }
            // A 64-bit size near 2^64 must not wrap (found by fuzzing: Fuzz/regressions/video).
            let (end, overflow) = UInt64(offset).addingReportingOverflow(size)
            let truncated = overflow || end > UInt64(range.upperBound)
            let payloadEnd = truncated ? range.upperBound : Int(end)
            result.append(ISOBMFFBox(type: type, payload: min(offset + headerSize, payloadEnd)..<payloadEnd, truncated: truncated))
            if truncated { break }
            offset = Int(end)
        }
        return result
    }

    /// The first child of `box` with the given type; `skip` bytes of a full box header first.
    func child(_ type: String, of box: ISOBMFFBox, skip: Int = 0) -> ISOBMFFBox? {
        guard box.payload.count >= skip else { return nil }
        return boxes(in: (box.payload.lowerBound + skip)..<box.payload.upperBound).first { $0.type == type }
    }
}

/// Duration and creation time from an `mvhd` box payload.
func movieHeader(_ reader: ByteReader, _ mvhd: ISOBMFFBox) -> (duration: Double?, created: UInt64?) {
    let start = mvhd.payload.lowerBound
    guard let version = reader.uint(start, 1) else { return (nil, nil) }
    let wide = version == 1 ? 8 : 4
    let created = reader.uint(start + 4, wide)
    let timescaleOffset = start + 4 + 2 * wide
    guard let timescale = reader.uint(timescaleOffset, 4), timescale > 0,
          let duration = reader.uint(timescaleOffset + 4, wide) else { return (nil, created) }
    let unknown: UInt64 = wide == 8 ? .max : 0xFFFF_FFFF
    return (duration == unknown ? nil : Double(duration) / Double(timescale), created)
}
