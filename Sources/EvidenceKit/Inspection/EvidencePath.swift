#if canImport(Glibc)
import Glibc
#endif

/// A path found on disk, kept as the raw bytes the file system returned, so that names which
/// are not valid UTF-8 (GBK names from Chinese Windows tools, say) can still be opened. The
/// display form decodes them as GB18030 when that works, else escapes the bad bytes.
struct EvidencePath: Hashable, Sendable {
    /// The path bytes, without a terminating NUL.
    let raw: [UInt8]

    init(raw: [UInt8]) { self.raw = raw }
    init(_ path: String) { raw = Array(path.utf8) }

    /// Whether every byte sequence is valid UTF-8.
    var isUTF8: Bool { String(validating: raw, as: UTF8.self) != nil }

    /// The path for people: UTF-8 as is; otherwise each non-UTF-8 name decoded as GB18030, or
    /// with its bytes escaped as `\xNN`.
    var display: String {
        if let text = String(validating: raw, as: UTF8.self) { return text }
        return raw.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { component in
            let bytes = Array(component)
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            if let text = decodeGB18030(bytes) { return text }
            return bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
        }.joined(separator: "/")
    }

    /// The path with one more component appended.
    func appending(_ name: [UInt8]) -> EvidencePath {
        EvidencePath(raw: raw.last == UInt8(ascii: "/") ? raw + name : raw + [UInt8(ascii: "/")] + name)
    }

    func open(flags: Int32) -> Int32 {
        (raw + [0]).withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) { Glibc.open($0, flags) }
        }
    }

    func lstat(_ info: inout stat) -> Int32 {
        (raw + [0]).withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) { Glibc.lstat($0, &info) }
        }
    }

    /// The names in this folder (raw bytes, sorted bytewise), without `.` and `..`; nil when it cannot be listed.
    func childNames() -> [[UInt8]]? {
        let directory = (raw + [0]).withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) { opendir($0) }
        }
        guard let directory else { return nil }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }
}

/// Decodes GB18030 bytes with glibc's iconv; nil when they are not valid GB18030.
func decodeGB18030(_ bytes: [UInt8]) -> String? {
    let converter = iconv_open("UTF-8", "GB18030")
    guard converter != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(converter) }
    var input = bytes.map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: bytes.count * 4 + 4)
    let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
            var inLeft = inBuffer.count
            var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
            var outLeft = outBuffer.count
            guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
            return outBuffer.count - outLeft
        }
    }
    guard let written else { return nil }
    return String(validating: output.prefix(written).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
