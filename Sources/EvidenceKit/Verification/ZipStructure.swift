import Foundation

/// A bounded, careful parse of a zip's own structure (end record, central directory, every
/// local header), to catch what makes two readers see different archives: data before or after
/// the zip, concatenated zips, fake end records, a central directory that disagrees with the
/// local headers, Unicode Path extra fields that contradict the name, overlapping entries. This
/// checks; libarchive still reads the data.
struct ZipStructure {
    /// One central directory record.
    struct Entry {
        var name: [UInt8]
        var flags: UInt16
        var method: UInt16
        var crc: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
        /// The Info-ZIP Unicode Path (0x7075) name, when present.
        var unicodePath: [UInt8]?
        /// The Unix mode in the external attributes' high 16 bits, when the entry was made on
        /// Unix or macOS (version made by: host 3 or 19); nil otherwise.
        var unixMode: UInt32? = nil

        /// The name for messages: UTF-8 when valid, else with invalid bytes replaced.
        var displayName: String { String(decoding: name, as: UTF8.self) }
    }

    static let localSignature: UInt32 = 0x0403_4b50
    static let centralSignature: UInt32 = 0x0201_4b50
    static let endSignature: UInt32 = 0x0605_4b50
    static let zip64EndSignature: UInt32 = 0x0606_4b50
    static let zip64LocatorSignature: UInt32 = 0x0706_4b50

    /// The central directory, when it could be read.
    var entries: [Entry] = []
    /// Everything wrong, in the order found.
    var problems: [VerificationProblem] = []
    /// Sum of the declared uncompressed sizes.
    var declaredExpandedSize: UInt64 = 0

    /// Checks the zip in `file` against `limits`.
    static func inspect(_ file: ByteFile, limits: VerificationLimits) -> ZipStructure {
        var result = ZipStructure()
        result.run(file, limits: limits)
        return result
    }

    private mutating func fail(_ code: VerificationProblem.Code, entry: String? = nil, expected: String? = nil, found: String? = nil, detail: String? = nil) {
        problems.append(VerificationProblem(code, entry: entry, expected: expected, found: found, detail: detail))
    }

    private mutating func run(_ file: ByteFile, limits: VerificationLimits) {
        let size = file.size
        let tailLength = Int(min(size, 65_535 + 22))
        let tailStart = size - UInt64(tailLength)
        let tail = file.read(at: tailStart, count: tailLength)
        guard tail.count == tailLength else { return fail(.cannotOpen, detail: "short read") }

        // Every plausible end record in the last 64 KiB: readers that search differently would
        // pick different ones, so more than one is refused.
        var candidates: [Int] = []
        var position = tail.count - 22
        while position >= 0 {
            if tail.hasSignature(Self.endSignature, at: position) {
                let commentLength = Int(tail.u16(position + 20))
                let cdSize = UInt64(tail.u32(position + 12)), cdOffset = UInt64(tail.u32(position + 16))
                let absolute = tailStart + UInt64(position)
                let plausible = position + 22 + commentLength <= tail.count
                    && tail.u16(position + 4) == 0 && tail.u16(position + 6) == 0
                    && tail.u16(position + 8) == tail.u16(position + 10)
                    && (cdOffset == 0xFFFF_FFFF || cdSize == 0xFFFF_FFFF || cdOffset &+ cdSize <= absolute)
                if plausible { candidates.append(position) }
            }
            position -= 1
        }
        guard let end = candidates.first else {
            let head = file.read(at: 0, count: 4)
            if head.hasSignature(Self.localSignature, at: 0) {
                return fail(.truncated, detail: "no end of central directory record")
            }
            return fail(.malformedZip, detail: "no end of central directory record")
        }
        if candidates.count > 1 {
            return fail(.ambiguousEndRecord, found: String(candidates.count))
        }
        let endAbsolute = tailStart + UInt64(end)
        let trailing = tail.count - (end + 22 + Int(tail.u16(end + 20)))
        if trailing > 0 { fail(.dataAfterArchive, found: String(trailing)) }

        var count = UInt64(tail.u16(end + 10))
        var cdSize = UInt64(tail.u32(end + 12))
        var cdOffset = UInt64(tail.u32(end + 16))
        var cdEndExpected = endAbsolute
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            let locator = file.read(at: endAbsolute >= 20 ? endAbsolute - 20 : 0, count: 20)
            guard endAbsolute >= 20, locator.hasSignature(Self.zip64LocatorSignature, at: 0) else {
                return fail(.malformedZip, detail: "zip64 end record locator missing")
            }
            let recordOffset = locator.u64(8)
            let record = file.read(at: recordOffset, count: 56)
            guard record.count == 56, record.hasSignature(Self.zip64EndSignature, at: 0), recordOffset + 56 <= endAbsolute - 20 else {
                return fail(.malformedZip, detail: "zip64 end record missing")
            }
            count = record.u64(32)
            cdSize = record.u64(40)
            cdOffset = record.u64(48)
            cdEndExpected = recordOffset
        }
        if count > UInt64(limits.maxEntries) {
            return fail(.tooManyEntries, expected: String(limits.maxEntries), found: String(count))
        }
        let (cdEnd, overflow) = cdOffset.addingReportingOverflow(cdSize)
        if overflow || cdEnd > cdEndExpected {
            return fail(.malformedZip, detail: "central directory runs past its end record")
        }
        if cdEnd < cdEndExpected {
            // Offsets count from a later start: something was put in front (a JPEG, a PDF,
            // another zip), or something sits between the directory and the end record.
            return fail(.dataBeforeArchive, found: String(cdEndExpected - cdEnd))
        }
        guard cdSize <= 64 << 20 else { return fail(.malformedZip, detail: "central directory larger than 64 MiB") }
        let directory = file.read(at: cdOffset, count: Int(cdSize))
        guard directory.count == Int(cdSize) else { return fail(.truncated, detail: "central directory cut short") }
        parseDirectory(directory, count: Int(count))
        guard problems.allSatisfy({ $0.code != .malformedZip }) else { return }
        // Names as stored: libarchive hands names back NFC-normalised, so duplicates that
        // differ only in normalisation must be caught here, on the raw bytes.
        problems += ArchiveSafety.duplicates(entries.map {
            ListedEntry(name: String(validating: $0.name, as: UTF8.self), rawName: $0.name, kind: .file)
        })
        checkEntries(file, cdOffset: cdOffset, limits: limits)
    }

    private mutating func parseDirectory(_ cd: [UInt8], count: Int) {
        var at = 0
        for index in 0..<count {
            guard at + 46 <= cd.count, cd.hasSignature(Self.centralSignature, at: at) else {
                return fail(.malformedZip, detail: "central directory record \(index + 1) of \(count) is missing")
            }
            let nameLength = Int(cd.u16(at + 28)), extraLength = Int(cd.u16(at + 30)), commentLength = Int(cd.u16(at + 32))
            guard at + 46 + nameLength + extraLength + commentLength <= cd.count else {
                return fail(.malformedZip, detail: "central directory record \(index + 1) runs past the directory")
            }
            let name = Array(cd[(at + 46)..<(at + 46 + nameLength)])
            let extra = Array(cd[(at + 46 + nameLength)..<(at + 46 + nameLength + extraLength)])
            var entry = Entry(name: name, flags: cd.u16(at + 8), method: cd.u16(at + 10), crc: cd.u32(at + 16),
                              compressedSize: UInt64(cd.u32(at + 20)), uncompressedSize: UInt64(cd.u32(at + 24)),
                              localHeaderOffset: UInt64(cd.u32(at + 42)), unicodePath: nil)
            let host = cd.u16(at + 4) >> 8
            if host == 3 || host == 19 { entry.unixMode = cd.u32(at + 38) >> 16 }
            Self.applyExtra(extra, to: &entry, central: true)
            entries.append(entry)
            at += 46 + nameLength + extraLength + commentLength
        }
        if at != cd.count {
            fail(.malformedZip, detail: "central directory holds \(cd.count - at) bytes beyond its \(count) records")
        }
    }

    /// Reads the zip64 (0x0001) and Unicode Path (0x7075) extra fields.
    private static func applyExtra(_ extra: [UInt8], to entry: inout Entry, central: Bool) {
        var at = 0
        while at + 4 <= extra.count {
            let id = extra.u16(at), length = Int(extra.u16(at + 2))
            guard at + 4 + length <= extra.count else { return }
            let body = Array(extra[(at + 4)..<(at + 4 + length)])
            if id == 0x0001 {
                var field = 0
                func next() -> UInt64? {
                    guard field + 8 <= body.count else { return nil }
                    defer { field += 8 }
                    return body.u64(field)
                }
                if entry.uncompressedSize == 0xFFFF_FFFF, let v = next() { entry.uncompressedSize = v }
                if entry.compressedSize == 0xFFFF_FFFF, let v = next() { entry.compressedSize = v }
                if central, entry.localHeaderOffset == 0xFFFF_FFFF, let v = next() { entry.localHeaderOffset = v }
            } else if id == 0x7075, body.count >= 5 {
                entry.unicodePath = Array(body[5...])
            }
            at += 4 + length
        }
    }

    private mutating func checkEntries(_ file: ByteFile, cdOffset: UInt64, limits: VerificationLimits) {
        var ranges: [(start: UInt64, end: UInt64, name: String)] = []
        for entry in entries {
            let name = entry.displayName
            declaredExpandedSize &+= entry.uncompressedSize
            if entry.flags & 1 != 0 { fail(.encrypted, entry: name) }
            if entry.method != 0 && entry.method != 8 { fail(.unsupportedCompression, entry: name, found: String(entry.method)) }
            checkName(entry)
            // libarchive reads a FIFO, device or socket mode in a zip as a regular file: refuse it here.
            if let mode = entry.unixMode, ![0, 0o100000, 0o040000, 0o120000].contains(mode & 0o170000) {
                fail(.specialFile, entry: name, found: ListedEntry.specialKindName(mode))
            }
            if entry.method == 0, entry.compressedSize != entry.uncompressedSize {
                fail(.sizeMismatch, entry: name, expected: String(entry.uncompressedSize), found: String(entry.compressedSize),
                     detail: "stored entry")
            }

            let header = file.read(at: entry.localHeaderOffset, count: 30)
            guard header.count == 30, entry.localHeaderOffset + 30 <= cdOffset else {
                fail(.malformedZip, entry: name, detail: "local header outside the archive")
                continue
            }
            guard header.hasSignature(Self.localSignature, at: 0) else {
                fail(.localHeaderMismatch, entry: name, expected: "PK\\3\\4", found: "-", detail: "signature")
                continue
            }
            let nameLength = Int(header.u16(26)), extraLength = Int(header.u16(28))
            let variable = file.read(at: entry.localHeaderOffset + 30, count: nameLength + extraLength)
            guard variable.count == nameLength + extraLength else {
                fail(.truncated, entry: name, detail: "local header cut short")
                continue
            }
            let localName = Array(variable[0..<nameLength])
            var local = Entry(name: localName, flags: header.u16(6), method: header.u16(8), crc: header.u32(14),
                              compressedSize: UInt64(header.u32(18)), uncompressedSize: UInt64(header.u32(22)),
                              localHeaderOffset: entry.localHeaderOffset, unicodePath: nil)
            Self.applyExtra(Array(variable[nameLength...]), to: &local, central: false)
            compare(entry, local)

            let dataStart = entry.localHeaderOffset + 30 + UInt64(nameLength + extraLength)
            let (dataEnd, overflow) = dataStart.addingReportingOverflow(entry.compressedSize)
            if overflow || dataEnd > cdOffset {
                fail(.truncated, entry: name, detail: "entry data runs past the central directory")
                continue
            }
            ranges.append((entry.localHeaderOffset, dataEnd, name))
        }
        ranges.sort { $0.start < $1.start }
        if let first = ranges.first, first.start > 0 {
            fail(.dataBeforeArchive, found: String(first.start))
        }
        for (previous, next) in zip(ranges, ranges.dropFirst()) where next.start < previous.end {
            fail(.overlappingEntries, entry: next.name, found: previous.name)
        }
        if let sizeProblem = limits.sizeProblem(expanded: declaredExpandedSize, archiveSize: file.size, entry: nil) {
            problems.append(sizeProblem)
        }
    }

    private mutating func checkName(_ entry: Entry) {
        let name = entry.displayName
        if entry.name.contains(0) { return fail(.invalidName, entry: name, detail: "NUL byte in the name") }
        let utf8 = String(validating: entry.name, as: UTF8.self)
        if utf8 == nil { fail(.nameNotUTF8, entry: name) }
        if let utf8, Array(utf8.precomposedStringWithCanonicalMapping.utf8) != entry.name {
            fail(.nameNotNFC, entry: name)
        }
        if let unicode = entry.unicodePath, unicode != entry.name {
            fail(.unicodePathMismatch, entry: name, found: String(decoding: unicode, as: UTF8.self))
        }
        let ascii = entry.name.allSatisfy { $0 < 0x80 }
        if utf8 != nil, !ascii, entry.flags & 0x0800 == 0, entry.unicodePath != entry.name {
            fail(.nameNotMarkedUTF8, entry: name)
        }
    }

    private mutating func compare(_ central: Entry, _ local: Entry) {
        let name = central.displayName
        func mismatch(_ what: String, _ c: String, _ l: String) {
            fail(.localHeaderMismatch, entry: name, expected: c, found: l, detail: what)
        }
        if local.name != central.name { mismatch("name", central.displayName, local.displayName) }
        if local.method != central.method { mismatch("method", String(central.method), String(local.method)) }
        if local.flags & 0x0801 != central.flags & 0x0801 { mismatch("flags", String(central.flags), String(local.flags)) }
        if let unicode = local.unicodePath, unicode != central.name {
            fail(.unicodePathMismatch, entry: name, found: String(decoding: unicode, as: UTF8.self))
        }
        // With a data descriptor (bit 3) the local header may leave CRC and sizes at zero.
        let deferred = local.flags & 0x0008 != 0
        if !(deferred && local.crc == 0), local.crc != central.crc {
            mismatch("crc", hex32(central.crc), hex32(local.crc))
        }
        if !(deferred && local.compressedSize == 0), local.compressedSize != central.compressedSize {
            mismatch("compressed size", String(central.compressedSize), String(local.compressedSize))
        }
        if !(deferred && local.uncompressedSize == 0), local.uncompressedSize != central.uncompressedSize {
            mismatch("uncompressed size", String(central.uncompressedSize), String(local.uncompressedSize))
        }
    }
}

func hex32(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
}
