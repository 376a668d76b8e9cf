/// Pure parsers for the values facts hold, robust to what OCR does to them: stray spaces inside
/// numbers, ¥ read as Y, O for 0 and l for 1 inside digit runs, full-width colons.
enum FactParsing {
    // MARK: Characters

    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
    static func isASCIILetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }
    static func isCJK(_ c: Character) -> Bool {
        guard let s = c.unicodeScalars.first else { return false }
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// The characters of `text` with the confusions OCR makes inside numbers undone where safe:
    /// `O`/`o` between two digits is `0`, `l`/`I` between two digits is `1`, and a single space
    /// between two digits is dropped (a number read in pieces).
    static func repairDigits(_ text: Substring, joiningSpaces: Bool = true) -> [Character] {
        let chars = Array(text)
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        for (i, c) in chars.enumerated() {
            let before = out.last.map(isDigit) ?? false
            let after = i + 1 < chars.count && isDigit(chars[i + 1])
            if before && after {
                switch c {
                case "O", "o": out.append("0"); continue
                case "l", "I": out.append("1"); continue
                case " " where joiningSpaces: continue
                default: break
                }
            }
            out.append(c)
        }
        return out
    }

    /// The runs of digits in `text` (after ``repairDigits(_:)``), in order.
    static func digitRuns(_ text: Substring) -> [String] {
        var runs: [String] = []
        var current = ""
        for c in repairDigits(text) {
            if isDigit(c) { current.append(c) } else if !current.isEmpty { runs.append(current); current = "" }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    // MARK: Numbers

    /// The first Taobao/Tmall order number (18-19 digits) in `text`.
    static func orderNumber(in text: Substring) -> String? {
        digitRuns(text).first { (18...19).contains($0.count) }
    }

    /// The first Alipay trade number in `text`: 28 digits starting with a date (`20YYMMDD`).
    static func tradeNumber(in text: Substring) -> String? {
        digitRuns(text).first { $0.count == 28 && startsWithDate($0) }
    }

    static func startsWithDate(_ digits: String) -> Bool {
        let d = Array(digits.prefix(8))
        guard d.count == 8, let year = Int(String(d[0..<4])), let month = Int(String(d[4..<6])), let day = Int(String(d[6..<8])) else { return false }
        return (2000...2099).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }

    /// The first tracking (waybill) number in `text`: up to four letters (SF, YT, JDVC...) then
    /// digits, 10-22 characters, at least 8 of them digits; letters upper-cased.
    static func trackingNumber(in text: Substring) -> String? {
        let chars = repairDigits(text)
        var i = 0
        while i < chars.count {
            var j = i
            var letters = ""
            while j < chars.count, isASCIILetter(chars[j]), letters.count < 5 { letters.append(chars[j]); j += 1 }
            // "SF 1480..." : one space between the prefix and the digits.
            if !letters.isEmpty, j + 1 < chars.count, chars[j] == " ", isDigit(chars[j + 1]) { j += 1 }
            var digits = ""
            while j < chars.count, isDigit(chars[j]) { digits.append(chars[j]); j += 1 }
            let startsWord = i == 0 || !(isASCIILetter(chars[i - 1]) || isDigit(chars[i - 1]))
            let endsWord = j == chars.count || !(isASCIILetter(chars[j]) || isDigit(chars[j]))
            if startsWord, endsWord, letters.count <= 4, digits.count >= 8, (10...22).contains(letters.count + digits.count) {
                return letters.uppercased() + digits
            }
            i = max(j, i + 1)
        }
        return nil
    }

    // MARK: Unified social credit code (GB 32100-2015)

    /// The 31 characters a credit code uses (no I, O, S, V, Z).
    static let creditAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The check character (18th) of a unified social credit code's first 17 characters; nil
    /// when they are not 17 characters of the code's alphabet.
    static func creditCheckCharacter(_ first17: String) -> Character? {
        let chars = Array(first17)
        guard chars.count == 17 else { return nil }
        var sum = 0
        for (i, c) in chars.enumerated() {
            guard let value = creditAlphabet.firstIndex(of: c) else { return nil }
            sum += value * creditWeights[i]
        }
        let check = (31 - sum % 31) % 31
        return creditAlphabet[check]
    }

    /// Whether `code` is 18 characters whose last is the right check character.
    static func isValidCreditCode(_ code: String) -> Bool {
        guard code.count == 18, let check = creditCheckCharacter(String(code.prefix(17))) else { return false }
        return code.last == check
    }

    /// The credit code at the start of `text` (spaces skipped; the letters the code never uses
    /// read as the digits they resemble: O→0, I→1, Z→2, S→5), when its check character holds.
    static func creditCode(in text: Substring) -> String? {
        var code = ""
        var started = false
        for c in text {
            if c == " " || c == ":" || c == "：" { if started && c != " " { break }; continue }
            guard c.isASCII, c.isLetter || c.isNumber else { if started { break }; continue }
            started = true
            let u = Character(c.uppercased())
            switch u {
            case "O": code.append("0")
            case "I": code.append("1")
            case "Z": code.append("2")
            case "S": code.append("5")
            default: code.append(u)
            }
            if code.count > 18 { return nil }
        }
        return isValidCreditCode(code) ? code : nil
    }

    // MARK: Amounts

    /// The first amount in `text`, as yuan with two decimals and no sign ("256.00"): an optional
    /// sign and currency mark (¥, ￥, Y as OCR reads ¥, RMB, CNY), digits with optional thousands
    /// commas, optional decimals; nil when none.
    /// - Parameter requireDecimals: only amounts written with decimals (a bare "2000" is not one).
    static func amount(in text: Substring, requireDecimals: Bool = false) -> String? {
        // Tokens: split at spaces and Chinese characters ("交易金额256.00元" -> "256.00").
        var tokens: [[Character]] = [[]]
        for c in repairDigits(text, joiningSpaces: false) {
            if c == " " || isCJK(c) || c == "(" || c == ")" || c == "（" || c == "）" {
                if !tokens[tokens.count - 1].isEmpty { tokens.append([]) }
            } else {
                tokens[tokens.count - 1].append(c)
            }
        }
        for var token in tokens where !token.isEmpty {
            for prefix in ["RMB", "CNY"] where token.starts(with: prefix) { token.removeFirst(prefix.count) }
            while let first = token.first, "-−+¥￥Y#$:：".contains(first) { token.removeFirst() }
            while let last = token.last, ",，;；".contains(last) { token.removeLast() }
            if let value = plainAmount(token, requireDecimals: requireDecimals) { return value }
        }
        return nil
    }

    /// `digits[,ddd]*[.d[d]]` as yuan with two decimals.
    private static func plainAmount(_ token: [Character], requireDecimals: Bool) -> String? {
        guard let first = token.first, isDigit(first) else { return nil }
        var whole = ""
        var i = 0
        while i < token.count {
            if isDigit(token[i]) { whole.append(token[i]); i += 1 }
            else if token[i] == ",", i + 3 < token.count, token[(i + 1)...(i + 3)].allSatisfy(isDigit) { i += 1 }
            else { break }
        }
        var fraction = ""
        if i < token.count {
            guard token[i] == ".", i + 1 < token.count else { return nil }
            fraction = String(token[(i + 1)...])
            guard (1...2).contains(fraction.count), fraction.allSatisfy(isDigit) else { return nil }
        } else if requireDecimals {
            return nil
        }
        guard !whole.isEmpty, whole.count <= 9, let value = Int(whole) else { return nil }
        let cents = fraction.isEmpty ? "00" : fraction.count == 1 ? fraction + "0" : fraction
        return "\(value).\(cents)"
    }

    /// Whether the whole line is one amount ("-269.00", "¥ 59.90"), as the headline of an
    /// Alipay bill shows it.
    static func isAmountLine(_ line: String) -> Bool {
        var rest = Substring(line.filter { $0 != " " })
        while let first = rest.first, "-−+¥￥Y".contains(first) { rest = rest.dropFirst() }
        guard rest.contains("."), rest.allSatisfy({ isDigit($0) || $0 == "." || $0 == "," }) else { return false }
        return amount(in: rest, requireDecimals: true) != nil
    }

    // MARK: Times

    /// The first date and time in `text`, normalised to `YYYY-MM-DD HH:MM:SS` (`:00` when the
    /// seconds are not shown): `2026-11-03 11:09:14`, `2026/11/3 11:10`, `2026年11月3日 11:10`,
    /// `2026.11.03 11:10:12`, full-width colons. A date alone gives nil.
    static func dateTime(in text: Substring) -> String? {
        let chars = repairDigits(text, joiningSpaces: false)
        var i = 0
        while i < chars.count {
            if isDigit(chars[i]), i == 0 || !isDigit(chars[i - 1]), let found = dateTime(chars, at: i) { return found }
            i += 1
        }
        return nil
    }

    private static func dateTime(_ c: [Character], at start: Int) -> String? {
        var i = start
        func number(_ minDigits: Int, _ maxDigits: Int) -> Int? {
            var digits = ""
            while i < c.count, isDigit(c[i]), digits.count < maxDigits { digits.append(c[i]); i += 1 }
            if i < c.count, isDigit(c[i]) { return nil }  // too many digits
            return digits.count >= minDigits ? Int(digits) : nil
        }
        func skipSpaces() { while i < c.count, c[i] == " " { i += 1 } }
        func separator(_ allowed: String) -> Bool {
            skipSpaces()
            guard i < c.count, allowed.contains(c[i]) else { return false }
            i += 1
            skipSpaces()
            return true
        }
        guard let year = number(4, 4), (2000...2099).contains(year) else { return nil }
        guard separator("-/.年") , let month = number(1, 2), (1...12).contains(month) else { return nil }
        guard separator("-/.月"), let day = number(1, 2), (1...31).contains(day) else { return nil }
        if i < c.count, c[i] == "日" { i += 1 }
        skipSpaces()
        if i < c.count, c[i] == "T" { i += 1 }
        guard let hour = number(1, 2), hour <= 23 else { return nil }
        guard separator(":："), let minute = number(2, 2), minute <= 59 else { return nil }
        var second = 0
        let mark = i
        if separator(":："), let s = number(2, 2), s <= 59 { second = s } else { i = mark }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)):\(two(second))"
    }
}
