/// Finds facts in lines of text by their labels (``ContentCues/facts``): the value on the
/// label's row, or on the next row (times: within a few rows, as tracking timelines put them).
/// Values are validated by their shape (18-19 digit order numbers, 28-digit trade numbers
/// starting with a date, credit codes with their check character, shop and company names by
/// their endings), so a label read in the wrong place gives nothing rather than a wrong fact.
struct FactExtractor {
    let lines: [String]
    let cues: ContentCues

    /// At most this many facts of one kind from a page (a bill list may repeat kinds).
    static let maxFactsPerKind = 1

    func facts(role: EvidenceRole?) -> [Fact] {
        var facts: [Fact] = []
        func add(_ kind: Fact.Kind, _ found: (value: String, line: String)?) {
            guard let found, !facts.contains(where: { $0.kind == kind }) else { return }
            facts.append(Fact(kind: kind, value: found.value, line: found.line))
        }
        add(.orderNumber, labelled(.orderNumber) { FactParsing.orderNumber(in: $0) })
        add(.tradeNumber, labelled(.tradeNumber) { FactParsing.tradeNumber(in: $0) }
            ?? anyLine { FactParsing.tradeNumber(in: Substring($0)) })
        add(.amountPaid, labelled(.amountPaid) { FactParsing.amount(in: $0) }
            ?? (role == .paymentReceipt ? anyLine { FactParsing.isAmountLine($0) ? FactParsing.amount(in: Substring($0)) : nil } : nil))
        for kind in [Fact.Kind.orderedAt, .paidAt, .shippedAt, .signedAt] {
            add(kind, labelled(kind, lookahead: cues.timeLookahead) { FactParsing.dateTime(in: $0) })
        }
        if role == .logisticsRecord {
            // A timeline lists the newest event first: its last time is when the parcel was sent.
            add(.shippedAt, lines.indices.reversed().lazy.compactMap { i in
                FactParsing.dateTime(in: Substring(lines[i])).map { ($0, lines[i]) }
            }.first)
        }
        add(.courier, labelled(.courier) { courier(in: $0) }
            ?? (role == .logisticsRecord ? anyLine { courier(in: Substring($0)) } : nil))
        add(.trackingNumber, labelled(.trackingNumber) { FactParsing.trackingNumber(in: $0) })
        add(.creditCode, labelled(.creditCode) { FactParsing.creditCode(in: $0) })
        add(.merchantName, labelled(.merchantName) { name(in: $0, suffixes: cues.merchantSuffixes, minLength: 6) }
            ?? anyLine { companyLine($0) })
        add(.shop, labelled(.shop) { name(in: $0, suffixes: cues.shopSuffixes, minLength: 3) }
            ?? anyLine { shopLine($0) })
        return facts
    }

    // MARK: Labels

    /// The first value found after one of `kind`'s labels, in document order.
    func labelled(_ kind: Fact.Kind, lookahead: Int = 1, value: (Substring) -> String?) -> (value: String, line: String)? {
        guard let factCues = cues.facts[kind] else { return nil }
        for (i, line) in lines.enumerated() {
            for label in factCues.labels {
                guard let rest = Self.after(label: label, in: line, anywhere: factCues.anywhere) else { continue }
                if let v = value(rest) { return (v, line) }
                var j = i + 1
                while j < lines.count, j <= i + lookahead {
                    if let v = value(Substring(lines[j])) { return (v, lines[j]) }
                    j += 1
                }
            }
        }
        return nil
    }

    /// The first line that gives a value.
    func anyLine(_ value: (String) -> String?) -> (value: String, line: String)? {
        for line in lines { if let v = value(line) { return (v, line) } }
        return nil
    }

    /// What follows `label` in `line` (spaces and case ignored in the match), or nil when the
    /// label is not there. Unless `anywhere`, the label must start the row (after at most three
    /// stray non-Chinese marks, as OCR reads icons); a label ending in a letter must not run
    /// on into another word ("Paid" is not "Paidx"). A colon after the label is skipped.
    static func after(label: String, in line: String, anywhere: Bool) -> Substring? {
        let needle = Array(label.lowercased().filter { !$0.isWhitespace })
        guard !needle.isEmpty else { return nil }
        let chars = Array(line)
        let lower = chars.map { $0.lowercased().first ?? $0 }
        var marksBefore = 0
        for start in chars.indices {
            if !anywhere && marksBefore > 3 { break }
            if let end = match(needle, in: lower, from: start), !runsIntoWord(needle, chars, start, end) {
                var rest = Substring(line)[line.index(line.startIndex, offsetBy: end)...]
                while let c = rest.first, c == " " || c == ":" || c == "：" { rest = rest.dropFirst() }
                return rest
            }
            if !chars[start].isWhitespace {
                // A Chinese character before the label: the row is about something else (退款金额 is not 金额).
                if !anywhere && FactParsing.isCJK(chars[start]) { break }
                marksBefore += 1
            }
        }
        return nil
    }

    /// Whether a label made of letters starts or ends inside a longer word.
    private static func runsIntoWord(_ needle: [Character], _ chars: [Character], _ start: Int, _ end: Int) -> Bool {
        func letter(_ c: Character) -> Bool { c.isASCII && c.isLetter }
        if let last = needle.last, letter(last), end < chars.count, letter(chars[end]) { return true }
        if let first = needle.first, letter(first), start > 0, letter(chars[start - 1]) { return true }
        return false
    }

    /// Where `needle` ends when it matches `hay` at `start`, skipping whitespace in `hay`.
    private static func match(_ needle: [Character], in hay: [Character], from start: Int) -> Int? {
        var i = start, j = 0
        guard i < hay.count, hay[i] == needle[0] else { return nil }
        while j < needle.count {
            guard i < hay.count else { return nil }
            if hay[i].isWhitespace, j > 0 { i += 1; continue }
            guard hay[i] == needle[j] else { return nil }
            i += 1
            j += 1
        }
        return i
    }

    // MARK: Names

    /// A run of Chinese characters (and the few marks company names hold) in `text` that ends
    /// with one of `suffixes` and is at least `minLength` long; the first such.
    func name(in text: Substring, suffixes: [String], minLength: Int) -> String? {
        for token in Self.nameTokens(text) {
            if let suffix = suffixes.first(where: { token.hasSuffix($0) }), token.count >= max(minLength, suffix.count + 2) {
                return token
            }
        }
        return nil
    }

    /// Chinese runs of `text`, punctuation at their ends dropped.
    static func nameTokens(_ text: Substring) -> [String] {
        var tokens: [String] = []
        var current = ""
        for c in text {
            if FactParsing.isCJK(c) || (!current.isEmpty && "（）()·".contains(c)) { current.append(c) }
            else if !current.isEmpty { tokens.append(current); current = "" }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens.map { t in
            var t = Substring(t)
            while let last = t.last, "（(·".contains(last) { t = t.dropLast() }
            return String(t)
        }
    }

    /// A shop's own row: one Chinese name ending like a shop (旗舰店, 专营店, 店, 馆...), the rest of
    /// the row at most short marks (an icon, a "›"), as order pages, bills, listings and chat
    /// titles show it.
    func shopLine(_ line: String) -> String? {
        // Single Chinese characters standing apart are icons read as text ("三", "于").
        let tokens = Self.nameTokens(Substring(line)).filter { $0.count > 1 }
        guard tokens.count == 1, var token = tokens.first else { return nil }
        let other = line.filter { !FactParsing.isCJK($0) && !$0.isWhitespace && !"，,。>›》《<·、".contains($0) }
        guard other.count <= 5 else { return nil }
        // The shop's icon, read as a character glued to the name at the start of the row.
        if line.hasPrefix(token), let first = token.first, cues.shopIconMarks.contains(String(first)), token.count > 5 {
            token.removeFirst()
        }
        return name(in: Substring(token), suffixes: cues.shopSuffixes, minLength: 4)
    }

    /// A company name on a row of its own or after any label: at least six characters ending in
    /// 有限公司 or the like, not the licence's type field (有限责任公司 alone).
    func companyLine(_ line: String) -> String? {
        for token in Self.nameTokens(Substring(line)) where token.count >= 8 {
            if cues.merchantSuffixes.contains(where: { $0.hasSuffix("公司") && token.hasSuffix($0) }),
               !cues.merchantSuffixes.contains(where: { token == $0 }) {
                return token
            }
        }
        return nil
    }

    // MARK: Couriers

    /// The courier named in `text` (its canonical name), longest spelling first.
    func courier(in text: Substring) -> String? {
        let hay = Array(text.lowercased())
        var best: (start: Int, name: String)?
        for courier in cues.couriers {
            for alias in courier.aliases {
                let needle = Array(alias.lowercased())
                guard needle.count <= hay.count else { continue }
                var i = 0
                while i + needle.count <= hay.count {
                    if Array(hay[i..<(i + needle.count)]) == needle {
                        let ascii = needle.allSatisfy(\.isASCII)
                        let beforeOK = i == 0 || !(hay[i - 1].isASCII && hay[i - 1].isLetter)
                        let afterOK = i + needle.count == hay.count || !(hay[i + needle.count].isASCII && hay[i + needle.count].isLetter)
                        if !ascii || (beforeOK && afterOK) {
                            if best == nil || i < best!.start { best = (i, courier.name) }
                            break
                        }
                    }
                    i += 1
                }
            }
        }
        return best?.name
    }
}
