import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tag file's text, read by bytes as RFC 8493 section 2 describes it: decoded from the
/// encoding `bagit.txt` declares (`Tag-File-Character-Encoding`, through iconv, so any encoding
/// the C library knows: UTF-8, ISO-8859-1, UTF-16 with its byte-order mark...), then split into
/// lines at LF, CR or CRLF. Swift's `Character` treats CRLF as one character, so lines are
/// split on Unicode scalars, never on `Character`s.
struct TagFileText {
    /// The lines, without their line ends.
    var lines: [String]
    /// The line ends seen (`LF`, `CR`, `CRLF`), in order of first appearance.
    var lineEnds: [String]
    /// Whether the text started with U+FEFF (a byte-order mark), which is dropped.
    var hadByteOrderMark: Bool

    /// Why a tag file could not be decoded.
    enum Failure: Error, Equatable {
        /// iconv does not know the declared encoding.
        case unknownEncoding(String)
        /// The bytes are not valid in the declared encoding (`offset` is the first bad byte).
        case invalidBytes(offset: Int)
    }

    /// Decodes `bytes` in `encoding` and splits the text into lines.
    static func decode(_ bytes: [UInt8], encoding: String) -> Result<TagFileText, Failure> {
        switch decodeText(bytes, encoding: encoding) {
        case .failure(let failure): return .failure(failure)
        case .success(var text):
            var bom = false
            if text.unicodeScalars.first == "\u{FEFF}" {
                bom = true
                text.unicodeScalars.removeFirst()
            }
            let (lines, ends) = split(text)
            return .success(TagFileText(lines: lines, lineEnds: ends, hadByteOrderMark: bom))
        }
    }

    /// `bytes` as text in `encoding` (UTF-8 validated directly, every other encoding through iconv).
    static func decodeText(_ bytes: [UInt8], encoding: String) -> Result<String, Failure> {
        let name = encoding.trimmingCharacters(in: .whitespaces)
        if ["UTF-8", "UTF8"].contains(name.uppercased()) {
            if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
            return .failure(.invalidBytes(offset: firstInvalidUTF8(bytes)))
        }
        let converter = iconv_open("UTF-8", name)
        guard converter != iconv_t(bitPattern: -1) else { return .failure(.unknownEncoding(name)) }
        defer { iconv_close(converter) }
        if bytes.isEmpty { return .success("") }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let total = input.count
        var inLeft = total, outLeft = output.count
        let result: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        if result == -1 || inLeft != 0 { return .failure(.invalidBytes(offset: total - inLeft)) }
        let produced = output.count - outLeft
        let utf8 = output[0..<produced].map { UInt8(bitPattern: $0) }
        guard let text = String(validating: utf8, as: UTF8.self) else { return .failure(.invalidBytes(offset: 0)) }
        return .success(text)
    }

    /// Lines split at LF, CR and CRLF (a final line end does not start an empty line).
    static func split(_ text: String) -> (lines: [String], ends: [String]) {
        var lines: [String] = []
        var ends: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        func noteEnd(_ end: String) { if !ends.contains(end) { ends.append(end) } }
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\n":
                lines.append(String(current)); current = String.UnicodeScalarView()
                noteEnd("LF")
            case "\r":
                lines.append(String(current)); current = String.UnicodeScalarView()
                if pending == "\n" {
                    pending = scalars.next()
                    noteEnd("CRLF")
                } else {
                    noteEnd("CR")
                }
            default:
                current.append(scalar)
            }
        }
        if !current.isEmpty { lines.append(String(current)) }
        return (lines, ends)
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput, .error: return offset
            }
        }
    }
}

/// `Label: value` elements of a tag file (`bagit.txt`, `bag-info.txt`), with RFC 8493's
/// continuation lines (a line starting with whitespace continues the previous value).
struct TagElements {
    var elements: [(label: String, value: String)] = []
    /// Line numbers (1-based) of lines that are neither an element nor a continuation.
    var badLines: [Int] = []

    init(_ text: TagFileText) {
        for (index, line) in text.lines.enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if let first = line.unicodeScalars.first, first == " " || first == "\t", !elements.isEmpty {
                elements[elements.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                badLines.append(index + 1)
                continue
            }
            let label = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            elements.append((label, value))
        }
    }

    /// Every value of `label`.
    func values(_ label: String) -> [String] { elements.filter { $0.label == label }.map(\.value) }
}
