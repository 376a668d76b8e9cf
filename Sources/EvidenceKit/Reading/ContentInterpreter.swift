import Foundation

/// Understands read text: which page it is (a role with a confidence and the cues that decided
/// it) and what it states (order number, amounts, times, shop, courier and tracking number,
/// trade number, merchant name, credit code), each fact with the line it came from. The words
/// it looks for are data (``ContentCues``, `Reading/cues.json`); it never reads files itself
/// except through ``readExport(bytes:name:)``, which is given the bytes.
public enum ContentInterpreter {
    /// Interprets text read from an image or a PDF.
    /// - Parameters:
    ///   - text: what ``TextReader`` read.
    ///   - cues: the cue data (default: the bundled `cues.json`).
    /// - Returns: the role the content shows (nil when no cue was found) and the facts.
    public static func interpret(_ text: ReadText, cues: ContentCues = .bundled) -> ContentReading {
        let source: ContentReading.Source = switch text.source {
        case .ocr: .ocr
        case .pdfText: .pdfText
        case .pdfOCR: .pdfOCR
        }
        return interpret(lines: text.lines, source: source, engine: text.engine, truncated: text.truncated, cues: cues)
    }

    /// Interprets plain lines (OCR, PDF text, or text of no known export structure).
    static func interpret(lines: [String], source: ContentReading.Source, engine: String, truncated: Bool,
                          cues: ContentCues, structure: (role: EvidenceRole, cue: String)? = nil) -> ContentReading {
        let role = RoleScoring.assess(lines: lines, cues: cues, structure: structure)
        let facts = FactExtractor(lines: lines, cues: cues).facts(role: role?.role)
        return ContentReading(source: source, engine: engine, lineCount: lines.count, truncated: truncated, role: role, facts: facts)
    }
}

/// Scores each role by the cue words found and, for chats, the layout.
enum RoleScoring {
    static func assess(lines: [String], cues: ContentCues, structure: (role: EvidenceRole, cue: String)?) -> RoleAssessment? {
        let haystack = Array(lines.map { squeezeLower($0) }.joined(separator: "\n").utf8)
        var scores: [EvidenceRole: Double] = [:]
        var found: [EvidenceRole: [(String, Double)]] = [:]
        for (role, roleCues) in cues.roles {
            for (text, weight) in roleCues.content where weight > 0 {
                if haystack.containsBytes(Array(squeezeLower(text).utf8)) {
                    scores[role, default: 0] += weight
                    found[role, default: []].append((text, weight))
                }
            }
        }
        let layout = ChatLayoutScan(lines: lines, layout: cues.chatLayout)
        if layout.score > 0 {
            scores[.chatRecord, default: 0] += layout.score
            found[.chatRecord, default: []].append(contentsOf: layout.cues)
        }
        if let structure {
            // A recognised export structure decides, whatever words it contains.
            return RoleAssessment(role: structure.role, basis: .content, confidence: 1, cues: [structure.cue] + (found[structure.role] ?? []).map(\.0))
        }
        let ranked = scores.filter { $0.value > 0 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let top = ranked.first else { return nil }
        let runnerUp = ranked.count > 1 ? ranked[1].value : 0
        let margin = (top.value - runnerUp) / top.value
        let confidence = (margin * min(1, top.value / cues.saturation) * 100).rounded() / 100
        let topCues = (found[top.key] ?? []).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        return RoleAssessment(role: top.key, basis: .content, confidence: confidence, cues: topCues)
    }

    /// Lower case, whitespace removed: cues match however OCR spaced the words.
    static func squeezeLower(_ s: String) -> String {
        String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace }))
    }
}

/// Time headers and bubbles: what makes a screenshot a chat even when its words are few.
struct ChatLayoutScan {
    var timeHeaders = 0
    var bubbles = 0
    var score: Double = 0
    var cues: [(String, Double)] = []

    init(lines: [String], layout: ContentCues.ChatLayout) {
        for line in lines {
            if Self.isTimeHeader(line, dayWords: layout.dayWords) { timeHeaders += 1 }
            if Self.isBubble(line, edges: layout.bubbleEdges) { bubbles += 1 }
        }
        let headers = min(timeHeaders, layout.maxTimeHeaders)
        if headers > 0 {
            let w = Double(headers) * layout.timeHeaderWeight
            score += w
            cues.append(("time headers ×\(timeHeaders)", w))
        }
        if bubbles >= layout.minBubbles {
            let w = Double(min(bubbles, layout.maxBubbles)) * layout.bubbleWeight
            score += w
            cues.append(("bubbles ×\(bubbles)", w))
        }
    }

    /// `11月6日 20:15`, `昨天 20:15`, `星期三 10:00`, `2026年11月6日 20:15`, `20:15` alone, and the
    /// same with 月/日 misread as digits (`115088 09:14`); never a time with seconds (timelines).
    static func isTimeHeader(_ line: String, dayWords: [String]) -> Bool {
        let s = Array(line.filter { !$0.isWhitespace })
        guard s.count >= 4, s.count <= 16 else { return false }
        let n = s.count
        guard FactParsing.isDigit(s[n - 1]), FactParsing.isDigit(s[n - 2]), [":", "：", "."].contains(s[n - 3]) else { return false }
        let colon = s[n - 3] != "."
        var h = n - 4
        var hourDigits = 0
        while h >= 0, FactParsing.isDigit(s[h]), hourDigits < 2 { hourDigits += 1; h -= 1 }
        guard hourDigits > 0, let hour = Int(String(s[(h + 1)..<(n - 3)])), hour <= 23,
              let minute = Int(String(s[(n - 2)...])), minute <= 59 else { return false }
        let prefix = String(s[0...max(h, 0)].prefix(h + 1))
        if prefix.isEmpty { return colon }
        var rest = prefix
        for word in dayWords.sorted(by: { $0.count > $1.count }) where rest.contains(word) {
            rest = rest.replacingOccurrences(of: word, with: "")
        }
        if rest.isEmpty { return true }
        let chars = Array(rest)
        let datePattern = chars.allSatisfy { FactParsing.isDigit($0) || $0 == "月" || $0 == "日" || $0 == "年" || $0 == "/" || $0 == "-" }
        if datePattern && (rest.contains("月") || rest.contains("/")) && chars.last.map({ $0 == "日" || FactParsing.isDigit($0) }) == true {
            return true
        }
        // 月 and 日 misread as digits: "11月08日" -> "115088".
        return colon && chars.allSatisfy(FactParsing.isDigit) && (4...8).contains(chars.count)
    }

    /// A message bubble: text with an avatar's edge (`||`, `a`...) as a mark of its own at its
    /// start or end.
    static func isBubble(_ line: String, edges: [String]) -> Bool {
        let tokens = line.split(separator: " ")
        guard tokens.count >= 2 else { return false }
        let body: [Substring]
        if edges.contains(String(tokens[0])) { body = Array(tokens.dropFirst()) }
        else if edges.contains(String(tokens[tokens.count - 1])) { body = Array(tokens.dropLast()) }
        else { return false }
        return body.joined().filter(FactParsing.isCJK).count >= 4
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes (plain UTF-8 search: Foundation's locale-aware
    /// `contains` costs more than reading a small file).
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= count else { return false }
        let first = needle[0]
        var start = 0
        while start <= count - needle.count {
            if self[start] == first && self[start..<(start + needle.count)].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }
}
