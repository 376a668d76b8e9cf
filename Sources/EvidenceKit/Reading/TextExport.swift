import Foundation

extension ContentInterpreter {
    /// At most this many bytes of an export are read (the rest is left and the reading marked
    /// `truncated`): a chat or bill export states its facts near the top, and a 1 GB text file
    /// must cost no more than a small one.
    public static let maxExportBytes = 4 << 20
    /// At most this many lines of an export are read.
    public static let maxExportLines = 20_000
    /// At most this many rows of a bill give facts.
    public static let maxBillRows = 1_000

    /// Reads a text export recognised by its structure: a WeChat exporter's TXT (`{time} {name}`
    /// lines, then the content, `[图片]`-style placeholders) or CSV (`localId,TalkerId,Type,...`
    /// header, UTF-8 with BOM), a Qianniu/Wangwang chat copied as text (speaker and time lines),
    /// an Alipay bill CSV in GBK/GB18030 (legacy 16-column or current 12-column table between
    /// header and footer lines). Other text is read as plain lines for cue words.
    /// - Parameters:
    ///   - bytes: the file's content, or its first bytes (more than ``maxExportBytes`` are cut
    ///     at a line end and the reading marked `truncated`).
    ///   - name: the file name (shown in nothing; kept for callers' messages).
    ///   - cues: the cue data.
    /// - Returns: nil when the bytes are not text (binary, NUL bytes, undecodable).
    public static func readExport(bytes: [UInt8], name: String, cues: ContentCues = .bundled) -> ContentReading? {
        guard var (text, truncated) = ExportText.decode(bytes[...], limit: maxExportBytes) else { return nil }
        var lines: [String] = []
        lines.reserveCapacity(min(4096, text.utf8.count / 16))
        // ("\r\n" is one Character in Swift: split on it as well as on "\n" and a lone "\r".)
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            if lines.count >= maxExportLines { truncated = true; break }
            lines.append(String(raw))
        }
        text = ""
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        if let reading = WeChatCSV.read(lines, truncated: truncated, cues: cues) { return reading }
        if let reading = AlipayBill.read(lines, truncated: truncated, cues: cues) { return reading }
        if let reading = ChatTranscript.read(lines, truncated: truncated, cues: cues) { return reading }
        let nonEmpty = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return interpret(lines: nonEmpty, source: .plainText, engine: "text v1", truncated: truncated, cues: cues)
    }
}

/// Decoding a text export's first bytes.
enum ExportText {
    /// Foundation's GB18030 (a superset of GBK and GB2312).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The text of `bytes` (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030), cut to
    /// `limit` bytes at a line end; nil when it is not text.
    static func decode(_ bytes: ArraySlice<UInt8>, limit: Int) -> (String, truncated: Bool)? {
        var slice = bytes
        let truncated = slice.count > limit
        let utf16LE = slice.starts(with: [0xFF, 0xFE]), utf16BE = slice.starts(with: [0xFE, 0xFF])
        if truncated {
            slice = slice.prefix(limit)
            if utf16LE || utf16BE {
                // Cut after the last newline code unit at an even offset.
                var end = slice.endIndex - 2
                while end > slice.startIndex + 2 {
                    let (a, b) = (slice[end], slice[end + 1])
                    if (end - slice.startIndex) % 2 == 0, utf16LE ? (a == 0x0A && b == 0) : (a == 0 && b == 0x0A) { break }
                    end -= 1
                }
                slice = slice[..<(end + 2)]
            } else if let newline = slice.lastIndex(of: 0x0A) {
                // 0x0A never occurs inside a UTF-8 or GB18030 multi-byte character.
                slice = slice[...newline]
            }
        }
        if utf16LE || utf16BE {
            guard let text = String(data: Data(slice), encoding: utf16LE ? .utf16LittleEndian : .utf16BigEndian) else { return nil }
            return (text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, truncated)
        }
        guard !slice.contains(0) else { return nil }
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        if let text = String(validating: slice, as: UTF8.self) { return (text, truncated) }
        if let text = String(data: Data(slice), encoding: gb18030) { return (text, truncated) }
        return nil
    }
}

/// RFC 4180 CSV records (quoted fields may hold commas, quotes and newlines).
enum CSVRecords {
    /// The records of `lines` from `start`, at most `limit`.
    static func parse(_ lines: [String], from start: Int, limit: Int) -> [(fields: [String], line: String)] {
        var records: [(fields: [String], line: String)] = []
        var i = start
        while i < lines.count, records.count < limit {
            var fields: [String] = []
            var field = ""
            var quoted = false
            var raw = lines[i]
            var chars = Array(lines[i])
            var k = 0
            while true {
                if k >= chars.count {
                    if quoted, i + 1 < lines.count {
                        // A quoted field goes on over the line break.
                        i += 1
                        field.append("\n")
                        raw += "\n" + lines[i]
                        chars = Array(lines[i])
                        k = 0
                        continue
                    }
                    break
                }
                let c = chars[k]
                if quoted {
                    if c == "\"" {
                        if k + 1 < chars.count, chars[k + 1] == "\"" { field.append("\""); k += 1 } else { quoted = false }
                    } else {
                        field.append(c)
                    }
                } else if c == "\"" && field.isEmpty {
                    quoted = true
                } else if c == "," {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(c)
                }
                k += 1
            }
            fields.append(field)
            records.append((fields, raw))
            i += 1
        }
        return records
    }

    static func clean(_ field: String) -> String {
        field.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\t\"")))
    }
}

/// WeChat exporters' CSV: `localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,
/// StrTime,Remark,NickName,Sender`.
enum WeChatCSV {
    static func read(_ lines: [String], truncated: Bool, cues: ContentCues) -> ContentReading? {
        guard let header = lines.first else { return nil }
        let columns = CSVRecords.parse([header], from: 0, limit: 1).first?.fields.map { CSVRecords.clean($0).lowercased() } ?? []
        guard let content = columns.firstIndex(of: "strcontent"), columns.contains("localid") || columns.contains("talkerid") else { return nil }
        let time = columns.firstIndex(of: "strtime")
        let speaker = columns.firstIndex(of: "nickname") ?? columns.firstIndex(of: "sender")
        var textLines: [String] = []
        var speakers: [String] = []
        var messages = 0
        for record in CSVRecords.parse(lines, from: 1, limit: ContentInterpreter.maxExportLines) {
            guard record.fields.count > content else { continue }
            messages += 1
            let who = speaker.flatMap { $0 < record.fields.count ? CSVRecords.clean(record.fields[$0]) : nil } ?? ""
            let when = time.flatMap { $0 < record.fields.count ? CSVRecords.clean(record.fields[$0]) : nil } ?? ""
            if !who.isEmpty { speakers.append(who) }
            textLines.append([when, who].filter { !$0.isEmpty }.joined(separator: " "))
            textLines.append(contentsOf: record.fields[content].split(separator: "\n").map { String($0) })
        }
        return ChatTranscript.reading(textLines, speakers: speakers, source: .wechatCSV, engine: "wechat-csv v1",
                                      cue: "wechat-csv header (\(messages) messages)", truncated: truncated, cues: cues)
    }
}

/// Chats written as text: WeChat exporters' TXT (`{time} {name}` then the content) and chats
/// copied from Qianniu/Wangwang (`{name} {time}` or `{name}({time}):` then the content).
enum ChatTranscript {
    /// A speaker line: the time and the speaker, and whether the time comes first.
    static func header(_ line: String) -> (time: String, speaker: String, timeFirst: Bool)? {
        var s = line.trimmingCharacters(in: .whitespaces)
        guard s.count <= 80, let first = s.first else { return nil }
        while let last = s.last, last == ":" || last == "：" { s.removeLast() }
        if FactParsing.isDigit(first) {
            let tokens = s.split(separator: " ", maxSplits: 2)
            guard tokens.count == 3, let time = FactParsing.dateTime(in: s[...].prefix(tokens[0].count + 1 + tokens[1].count)),
                  !tokens[2].isEmpty else { return nil }
            return (time, String(tokens[2]), true)
        }
        if s.hasSuffix(")") || s.hasSuffix("）"), let open = s.lastIndex(where: { $0 == "(" || $0 == "（" }) {
            let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
            guard let time = FactParsing.dateTime(in: inner), FactParsing.isDigit(inner.first ?? "x") else { return nil }
            let who = s[..<open].trimmingCharacters(in: .whitespaces)
            return who.isEmpty ? nil : (time, who, false)
        }
        let tokens = s.split(separator: " ")
        guard tokens.count >= 3 else { return nil }
        let tail = tokens[tokens.count - 2] + " " + tokens[tokens.count - 1]
        guard FactParsing.isDigit(tail.first ?? "x"), let time = FactParsing.dateTime(in: Substring(tail)) else { return nil }
        return (time, tokens.dropLast(2).joined(separator: " "), false)
    }

    static func read(_ lines: [String], truncated: Bool, cues: ContentCues) -> ContentReading? {
        var timeFirst = 0, timeLast = 0
        var speakers: [String] = []
        var textLines: [String] = []
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            if let h = header(trimmed) {
                if h.timeFirst { timeFirst += 1 } else { timeLast += 1 }
                speakers.append(h.speaker)
            }
            textLines.append(trimmed)
        }
        let headers = timeFirst + timeLast
        guard headers >= 2, headers * 6 >= textLines.count / 2 || headers >= 20 else { return nil }
        let wechat = timeFirst >= timeLast
        return reading(textLines, speakers: speakers, source: wechat ? .wechatTXT : .chatText,
                       engine: wechat ? "wechat-txt v1" : "chat-text v1",
                       cue: wechat ? "wechat-txt time/name lines ×\(headers)" : "chat speaker/time lines ×\(headers)",
                       truncated: truncated, cues: cues)
    }

    /// A chat's reading: role chat-record from the structure, facts from the messages, the shop
    /// from the speaker whose name ends like a shop's.
    static func reading(_ textLines: [String], speakers: [String], source: ContentReading.Source, engine: String, cue: String,
                        truncated: Bool, cues: ContentCues) -> ContentReading {
        var reading = ContentInterpreter.interpret(lines: textLines, source: source, engine: engine, truncated: truncated, cues: cues,
                                                   structure: (.chatRecord, cue))
        let extractor = FactExtractor(lines: textLines, cues: cues)
        if let shop = speakers.lazy.compactMap({ s in
            extractor.name(in: Substring(s), suffixes: cues.shopSuffixes, minLength: 4).map { (s, $0) }
        }).first {
            reading.facts.removeAll { $0.kind == .shop }
            reading.facts.append(Fact(kind: .shop, value: shop.1, line: textLines.first { $0.contains(shop.0) } ?? shop.0))
        }
        return reading
    }
}

/// Alipay bill CSV (GBK/GB18030): a few header lines, the table, a few footer lines.
enum AlipayBill {
    static func read(_ lines: [String], truncated: Bool, cues: ContentCues) -> ContentReading? {
        guard let headerIndex = lines.prefix(80).firstIndex(where: isHeader) else { return nil }
        let header = CSVRecords.parse(lines, from: headerIndex, limit: 1)[0].fields.map(CSVRecords.clean)
        func column(_ names: String...) -> Int? { names.lazy.compactMap { n in header.firstIndex(of: n) }.first }
        let trade = column("交易号", "交易订单号")
        let order = column("商家订单号")
        let created = column("交易创建时间")
        let paid = column("付款时间", "交易时间")
        let amount = header.firstIndex { $0.hasPrefix("金额") }
        let direction = column("收/支")
        let counterparty = column("交易对方")
        let named = header.filter { !$0.isEmpty }.count
        let layout = named >= 16 ? "legacy \(named) columns" : "\(named) columns"

        var facts: [Fact] = []
        var rows = 0
        var cut = truncated
        for record in CSVRecords.parse(lines, from: headerIndex + 1, limit: ContentInterpreter.maxExportLines) {
            let fields = record.fields.map(CSVRecords.clean)
            guard fields.count >= header.count - 1 else { continue }  // the footer (----, 共N笔记录)
            if rows >= ContentInterpreter.maxBillRows { cut = true; break }
            rows += 1
            let line = record.line.trimmingCharacters(in: .whitespaces)
            func field(_ i: Int?) -> String? { i.flatMap { $0 < fields.count && !fields[$0].isEmpty ? fields[$0] : nil } }
            if let v = field(trade).flatMap({ FactParsing.tradeNumber(in: Substring($0)) }) { facts.append(Fact(kind: .tradeNumber, value: v, line: line)) }
            if let v = field(order).flatMap({ FactParsing.orderNumber(in: Substring($0)) }) { facts.append(Fact(kind: .orderNumber, value: v, line: line)) }
            let spent = field(direction).map { $0 == "支出" } ?? true
            if spent, let v = field(amount).flatMap({ FactParsing.amount(in: Substring($0)) }) { facts.append(Fact(kind: .amountPaid, value: v, line: line)) }
            if let v = field(created).flatMap({ FactParsing.dateTime(in: Substring($0)) }) { facts.append(Fact(kind: .orderedAt, value: v, line: line)) }
            if let v = field(paid).flatMap({ FactParsing.dateTime(in: Substring($0)) }) { facts.append(Fact(kind: .paidAt, value: v, line: line)) }
            if let v = field(counterparty) { facts.append(Fact(kind: .merchantName, value: v, line: line)) }
        }
        let role = RoleAssessment(role: .paymentReceipt, basis: .content, confidence: 1,
                                  cues: ["alipay-csv header (\(layout), \(rows) rows)"] + header.filter { ["交易号", "商家订单号", "交易对方", "交易订单号"].contains($0) })
        return ContentReading(source: .alipayCSV, engine: "alipay-csv v1", lineCount: lines.count, truncated: cut, role: role, facts: facts)
    }

    /// The table's header: legacy (交易号, 商家订单号, 交易创建时间...) or current (交易时间, 交易分类,
    /// 交易对方... 交易订单号, 商家订单号).
    static func isHeader(_ line: String) -> Bool {
        guard line.contains(",") else { return false }
        let names = Set(line.split(separator: ",").map { CSVRecords.clean(String($0)) })
        let legacy = names.isSuperset(of: ["交易号", "商家订单号", "交易创建时间"])
        let current = names.isSuperset(of: ["交易时间", "交易对方"]) && (names.contains("交易订单号") || names.contains("商家订单号"))
        return legacy || current
    }
}
