/// Turns an engine's text into the lines of ``ReadText``.
enum TextLines {
    /// Non-empty lines, trimmed, whitespace runs collapsed to one space. A single space between
    /// two Chinese characters is OCR spacing out one word ("营 业 执 照" -> "营业执照") and is
    /// removed; a longer run is a gap between columns ("收款方全称      福建…") and stays one space.
    static func normalise(_ text: String) -> [String] {
        var result: [String] = []
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\u{0C}" }) {
            let line = collapse(raw)
            if !line.isEmpty { result.append(line) }
        }
        return result
    }

    private static func collapse(_ raw: Substring) -> String {
        var scalars: [Unicode.Scalar] = []
        var run = 0, gap = false
        for scalar in raw.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !scalars.isEmpty {
                    run += 1
                    if scalar != " " { gap = true }
                }
                continue
            }
            if run > 0, let last = scalars.last, run > 1 || gap || !(isCJK(last) && isCJK(scalar)) {
                scalars.append(" ")
            }
            run = 0
            gap = false
            scalars.append(scalar)
        }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return String(s)
    }

    /// Han characters and CJK/full-width punctuation.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x2FA1F: true
        default: false
        }
    }
}
