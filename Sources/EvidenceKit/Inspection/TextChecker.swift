/// Chat exports and other text: the whole file must decode as UTF-8 (with or without BOM),
/// UTF-16 with a byte-order mark, or GB18030 (which covers GBK and GB2312). Validators for
/// UTF-8 and GB18030 run side by side on the stream, so the file is read once.
final class TextChecker: ContentChecker {
    private var start: [UInt8] = []
    private var utf8 = UTF8Validator()
    private var gb18030 = GB18030Validator()
    private var utf16: UTF16Validator?
    private var sawNonASCII = false
    private var sawNUL = false

    func consume(_ chunk: UnsafeRawBufferPointer) {
        if start.count < 4 {
            start.append(contentsOf: chunk.prefix(4 - start.count))
            if utf16 == nil && start.count >= 2 {
                if start[0] == 0xFF && start[1] == 0xFE { utf16 = UTF16Validator(littleEndian: true) }
                if start[0] == 0xFE && start[1] == 0xFF { utf16 = UTF16Validator(littleEndian: false) }
            }
        }
        if var validator = utf16 {
            validator.consume(chunk)
            utf16 = validator
            return
        }
        for byte in chunk {
            if byte >= 0x80 { sawNonASCII = true }
            if byte == 0 { sawNUL = true }
            utf8.consume(byte)
            gb18030.consume(byte)
        }
    }

    func finish(size: UInt64) -> CheckOutcome {
        var outcome = CheckOutcome()
        if let utf16 {
            if utf16.isValidAtEnd {
                outcome.metadata.textEncoding = utf16.littleEndian ? "utf-16le" : "utf-16be"
            } else {
                outcome.findings.append(.textUndecodable)
            }
            return outcome
        }
        if sawNUL {
            outcome.findings.append(.textUndecodable)
        } else if utf8.isValidAtEnd {
            let bom = start.starts(with: [0xEF, 0xBB, 0xBF])
            outcome.metadata.textEncoding = bom ? "utf-8-bom" : sawNonASCII ? "utf-8" : "ascii"
        } else if gb18030.isValidAtEnd {
            outcome.metadata.textEncoding = "gb18030"
            outcome.findings.append(.info(
                "text.legacy-encoding",
                zh: "文本使用 GB18030/GBK 编码（旧版 Windows 常见），部分平台上传后可能显示乱码。",
                en: "The text is encoded in GB18030/GBK (common from older Windows tools); some upload forms may show it garbled."))
        } else {
            outcome.findings.append(.textUndecodable)
        }
        return outcome
    }
}

extension Finding {
    static let textUndecodable = Finding.error(
        "text.undecodable",
        zh: "文本无法按 UTF-8、UTF-16 或 GB18030 解码（文件可能损坏或并非文本）。请从聊天软件重新导出。",
        en: "The text does not decode as UTF-8, UTF-16 or GB18030 (it is damaged or not text). Export it again from the chat app.")
}

/// A streaming UTF-8 validator (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
struct UTF8Validator {
    private var needed = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private(set) var failed = false

    mutating func consume(_ byte: UInt8) {
        guard !failed else { return }
        if needed == 0 {
            switch byte {
            case 0x00...0x7F: return
            case 0xC2...0xDF: needed = 1
            case 0xE0: needed = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: needed = 2
            case 0xED: needed = 2; upper = 0x9F
            case 0xF0: needed = 3; lower = 0x90
            case 0xF1...0xF3: needed = 3
            case 0xF4: needed = 3; upper = 0x8F
            default: failed = true
            }
            return
        }
        guard byte >= lower && byte <= upper else { failed = true; return }
        lower = 0x80
        upper = 0xBF
        needed -= 1
    }

    var isValidAtEnd: Bool { !failed && needed == 0 }
}

/// A streaming GB18030 structure validator: one byte 00-7F (80 and FF are invalid), two bytes
/// 81-FE + 40-7E/80-FE, or four bytes 81-FE + 30-39 + 81-FE + 30-39.
struct GB18030Validator {
    private var state = 0
    private(set) var failed = false

    mutating func consume(_ byte: UInt8) {
        guard !failed else { return }
        switch state {
        case 0:
            if byte <= 0x7F { return }
            if (0x81...0xFE).contains(byte) { state = 1 } else { failed = true }
        case 1:
            if (0x40...0x7E).contains(byte) || (0x80...0xFE).contains(byte) { state = 0 }
            else if (0x30...0x39).contains(byte) { state = 2 }
            else { failed = true }
        case 2:
            if (0x81...0xFE).contains(byte) { state = 3 } else { failed = true }
        default:
            if (0x30...0x39).contains(byte) { state = 0 } else { failed = true }
        }
    }

    var isValidAtEnd: Bool { !failed && state == 0 }
}

/// A streaming UTF-16 validator (after a BOM): surrogates must pair up, length must be even.
struct UTF16Validator {
    let littleEndian: Bool
    private var pendingByte: UInt8?
    private var expectLowSurrogate = false
    private(set) var failed = false

    init(littleEndian: Bool) { self.littleEndian = littleEndian }

    mutating func consume(_ chunk: UnsafeRawBufferPointer) {
        for byte in chunk {
            guard !failed else { return }
            guard let first = pendingByte else { pendingByte = byte; continue }
            pendingByte = nil
            let unit = littleEndian ? UInt16(byte) << 8 | UInt16(first) : UInt16(first) << 8 | UInt16(byte)
            switch unit {
            case 0xD800...0xDBFF:
                if expectLowSurrogate { failed = true }
                expectLowSurrogate = true
            case 0xDC00...0xDFFF:
                if !expectLowSurrogate { failed = true }
                expectLowSurrogate = false
            default:
                if expectLowSurrogate { failed = true }
            }
        }
    }

    var isValidAtEnd: Bool { !failed && pendingByte == nil && !expectLowSurrogate }
}
