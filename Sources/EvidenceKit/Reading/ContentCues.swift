import Foundation

/// What identifies each kind of page and where each fact stands: cue words per role (zh and en,
/// with weights), file-name keywords, chat layout weights, courier names and the labels before
/// each fact. Data, not code: `Sources/EvidenceKit/Reading/cues.json` (schema
/// `evidencekit-cues/1`), compiled into the library; ``ContentInterpreter`` and ``RoleGuesser``
/// read it.
public struct ContentCues: Sendable, Hashable {
    /// The schema this type reads.
    public static let schema = "evidencekit-cues/1"

    /// One role's cues.
    public struct RoleCues: Sendable, Hashable {
        /// Words the page shows, each with its weight (matched ignoring spaces and case).
        public var content: [(text: String, weight: Double)]
        /// File- and folder-name keywords (lower case).
        public var name: [String]

        public static func == (a: RoleCues, b: RoleCues) -> Bool {
            a.name == b.name && a.content.map(\.text) == b.content.map(\.text) && a.content.map(\.weight) == b.content.map(\.weight)
        }
        public func hash(into h: inout Hasher) {
            h.combine(name)
            for c in content { h.combine(c.text); h.combine(c.weight) }
        }
    }

    /// How chat screenshots are recognised by their layout.
    public struct ChatLayout: Sendable, Hashable {
        /// Score added per time header line (`11月6日 20:15`, `昨天 20:15`, `20:15`).
        public var timeHeaderWeight: Double
        /// At most this many headers count.
        public var maxTimeHeaders: Int
        /// Words a time header may start with (昨天, 星期三...).
        public var dayWords: [String]
        /// Score added per bubble line (a short line with an avatar's edge beside it).
        public var bubbleWeight: Double
        /// At most this many bubbles count.
        public var maxBubbles: Int
        /// Fewer bubble lines than this count for nothing (a single one is any page's icon row).
        public var minBubbles: Int
        /// How OCR reads an avatar's edge beside a bubble (`||`, `a`...): a separate mark at
        /// the start or end of a line.
        public var bubbleEdges: [String]
    }

    /// A courier company: the name facts give and the spellings that identify it.
    public struct Courier: Sendable, Hashable {
        /// The name a fact gives, e.g. "顺丰速运".
        public var name: String
        /// Spellings found on pages ("顺丰", "SF Express"), longest first.
        public var aliases: [String]
    }

    /// A label before a fact's value.
    public struct FactCues: Sendable, Hashable {
        /// Label words ("订单编号", "Order No."), matched ignoring spaces and case.
        public var labels: [String]
        /// Whether a label may stand anywhere in a line (true for numbers validated by their
        /// shape); otherwise it must start the row (after at most a few stray marks).
        public var anywhere: Bool
    }

    /// The cue data's own version (`cues_version`).
    public var version: String
    /// A content role decides a file's role when its confidence is at least this.
    public var confidenceThreshold: Double
    /// A score at which confidence stops growing with the score.
    public var saturation: Double
    /// Cues per role.
    public var roles: [EvidenceRole: RoleCues]
    /// The order in which name keywords are tried (most specific first: a 快递面单 is a package photo).
    public var nameOrder: [EvidenceRole]
    /// Chat layout weights.
    public var chatLayout: ChatLayout
    /// Courier companies.
    public var couriers: [Courier]
    /// Labels per fact kind.
    public var facts: [Fact.Kind: FactCues]
    /// How many lines after a time label its value may stand (tracking timelines).
    public var timeLookahead: Int
    /// Endings of shop names (旗舰店, 专营店, 店...), longest first.
    public var shopSuffixes: [String]
    /// Endings of company names (有限公司...), longest first.
    public var merchantSuffixes: [String]
    /// Characters OCR makes of a shop's icon, dropped from the start of a shop row.
    public var shopIconMarks: [String]

    /// The cues shipped with EvidenceKit (`Reading/cues.json`, compiled in).
    public static let bundled: ContentCues = {
        do {
            return try parse(PackageResources.cues_json, path: "<bundled cues>")
        } catch {
            fatalError("the bundled cues.json is invalid (a test catches this): \(error)")
        }
    }()

    /// Parses and validates cue data.
    /// - Parameters:
    ///   - bytes: the JSON document.
    ///   - path: the name used in errors.
    /// - Throws: ``ContentCuesError`` naming the file and field at fault.
    public static func parse(_ bytes: [UInt8], path: String) throws(ContentCuesError) -> ContentCues {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw ContentCuesError(.syntax, path: path, field: "", detail: (error as NSError).localizedDescription)
        }
        return try CuesParser(path: path).cues(root)
    }
}

extension ContentCues {
    /// Loads and validates a cues file.
    /// - Parameter url: a JSON file following `evidencekit-cues/1`.
    /// - Throws: ``ContentCuesError`` naming the file and field at fault.
    public init(contentsOf url: URL) throws {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw ContentCuesError(.unreadable, path: url.path, field: "", detail: (error as NSError).localizedDescription)
        }
        self = try Self.parse(bytes, path: url.path)
    }

}

/// Reads the JSON tree into ``ContentCues``, naming the field at fault.
private struct CuesParser {
    let path: String

    func fail(_ code: ContentCuesError.Code, _ field: String, _ detail: String = "") -> ContentCuesError {
        ContentCuesError(code, path: path, field: field, detail: detail)
    }

    func object(_ value: Any?, _ field: String) throws(ContentCuesError) -> [String: Any] {
        guard let value else { throw fail(.missingField, field) }
        guard let object = value as? [String: Any] else { throw fail(.wrongType, field, "an object") }
        return object
    }

    func string(_ value: Any?, _ field: String) throws(ContentCuesError) -> String {
        guard let value else { throw fail(.missingField, field) }
        guard let text = value as? String else { throw fail(.wrongType, field, "a string") }
        guard !text.isEmpty else { throw fail(.invalidValue, field, "an empty string") }
        return text
    }

    func number(_ value: Any?, _ field: String) throws(ContentCuesError) -> Double {
        guard let value else { throw fail(.missingField, field) }
        guard let n = value as? NSNumber else { throw fail(.wrongType, field, "a number") }
        let d = n.doubleValue
        guard d.isFinite, d >= 0 else { throw fail(.invalidValue, field, "\(d) (must be 0 or more)") }
        return d
    }

    func strings(_ value: Any?, _ field: String) throws(ContentCuesError) -> [String] {
        guard let value else { throw fail(.missingField, field) }
        guard let array = value as? [Any] else { throw fail(.wrongType, field, "an array of strings") }
        var result: [String] = []
        for (i, item) in array.enumerated() { result.append(try string(item, "\(field)[\(i)]")) }
        return result
    }

    func role(_ id: String, _ field: String) throws(ContentCuesError) -> EvidenceRole {
        guard let role = EvidenceRole(rawValue: id) else { throw fail(.unknownRole, field, id) }
        return role
    }

    func cues(_ root: Any) throws(ContentCuesError) -> ContentCues {
        let top = try object(root, "")
        let known: Set<String> = ["schema", "cues_version", "comment", "confidence_threshold", "saturation", "roles", "name_order",
                                  "chat_layout", "couriers", "facts", "time_lookahead_lines", "shop_suffixes", "merchant_suffixes",
                                  "shop_icon_marks", "shop_icon_marks_comment"]
        if let extra = top.keys.sorted().first(where: { !known.contains($0) }) { throw fail(.unknownField, extra) }
        let schema = try string(top["schema"], "schema")
        guard schema == ContentCues.schema else { throw fail(.unsupportedSchema, "schema", schema) }
        let version = try string(top["cues_version"], "cues_version")
        let threshold = try number(top["confidence_threshold"], "confidence_threshold")
        guard threshold <= 1 else { throw fail(.invalidValue, "confidence_threshold", "\(threshold) (must be 0...1)") }
        let saturation = try number(top["saturation"], "saturation")
        guard saturation > 0 else { throw fail(.invalidValue, "saturation", "0 (must be more than 0)") }

        var roles: [EvidenceRole: ContentCues.RoleCues] = [:]
        let rolesObject = try object(top["roles"], "roles")
        for id in rolesObject.keys.sorted() {
            let field = "roles.\(id)"
            let r = try role(id, field)
            let entry = try object(rolesObject[id], field)
            if let extra = entry.keys.sorted().first(where: { !["content", "name", "comment"].contains($0) }) {
                throw fail(.unknownField, "\(field).\(extra)")
            }
            let contentObject = try object(entry["content"], "\(field).content")
            var content: [(text: String, weight: Double)] = []
            for text in contentObject.keys.sorted() {
                guard !text.isEmpty else { throw fail(.invalidValue, "\(field).content", "an empty cue") }
                content.append((text, try number(contentObject[text], "\(field).content.\(text)")))
            }
            let names = try strings(entry["name"], "\(field).name").map { $0.lowercased() }
            roles[r] = ContentCues.RoleCues(content: content, name: names)
        }
        var nameOrder: [EvidenceRole] = []
        for (i, id) in try strings(top["name_order"], "name_order").enumerated() {
            let r = try role(id, "name_order[\(i)]")
            guard !nameOrder.contains(r) else { throw fail(.duplicateID, "name_order[\(i)]", id) }
            guard roles[r] != nil else { throw fail(.invalidValue, "name_order[\(i)]", "\(id) has no entry under roles") }
            nameOrder.append(r)
        }

        let chat = try object(top["chat_layout"], "chat_layout")
        let layout = ContentCues.ChatLayout(
            timeHeaderWeight: try number(chat["time_header_weight"], "chat_layout.time_header_weight"),
            maxTimeHeaders: Int(try number(chat["max_time_headers"], "chat_layout.max_time_headers")),
            dayWords: try strings(chat["day_words"], "chat_layout.day_words"),
            bubbleWeight: try number(chat["bubble_weight"], "chat_layout.bubble_weight"),
            maxBubbles: Int(try number(chat["max_bubbles"], "chat_layout.max_bubbles")),
            minBubbles: Int(try number(chat["min_bubbles"], "chat_layout.min_bubbles")),
            bubbleEdges: try strings(chat["bubble_edges"], "chat_layout.bubble_edges"))

        guard let courierArray = top["couriers"] as? [Any] else {
            throw top["couriers"] == nil ? fail(.missingField, "couriers") : fail(.wrongType, "couriers", "an array")
        }
        var couriers: [ContentCues.Courier] = []
        for (i, item) in courierArray.enumerated() {
            let entry = try object(item, "couriers[\(i)]")
            let aliases = try strings(entry["aliases"], "couriers[\(i)].aliases")
            guard !aliases.isEmpty else { throw fail(.invalidValue, "couriers[\(i)].aliases", "no spelling") }
            couriers.append(ContentCues.Courier(name: try string(entry["name"], "couriers[\(i)].name"),
                                                aliases: aliases.sorted { $0.count > $1.count }))
        }

        var facts: [Fact.Kind: ContentCues.FactCues] = [:]
        let factsObject = try object(top["facts"], "facts")
        for key in factsObject.keys.sorted() {
            guard let kind = Fact.Kind(rawValue: key) else {
                throw fail(.invalidValue, "facts.\(key)", "unknown fact kind; known: \(Fact.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let entry = try object(factsObject[key], "facts.\(key)")
            let anywhere: Bool
            switch entry["anywhere"] {
            case nil: anywhere = false
            case let flag as Bool: anywhere = flag
            default: throw fail(.wrongType, "facts.\(key).anywhere", "true or false")
            }
            facts[kind] = ContentCues.FactCues(labels: try strings(entry["labels"], "facts.\(key).labels"), anywhere: anywhere)
        }
        if let missing = Fact.Kind.allCases.first(where: { facts[$0] == nil }) { throw fail(.missingField, "facts.\(missing.rawValue)") }

        return ContentCues(
            version: version, confidenceThreshold: threshold, saturation: saturation, roles: roles, nameOrder: nameOrder,
            chatLayout: layout, couriers: couriers, facts: facts,
            timeLookahead: Int(try number(top["time_lookahead_lines"], "time_lookahead_lines")),
            shopSuffixes: try strings(top["shop_suffixes"], "shop_suffixes").sorted { $0.count > $1.count },
            merchantSuffixes: try strings(top["merchant_suffixes"], "merchant_suffixes").sorted { $0.count > $1.count },
            shopIconMarks: try strings(top["shop_icon_marks"], "shop_icon_marks"))
    }
}

/// A cues file that cannot be used: unreadable, not JSON, or not following `evidencekit-cues/1`.
public struct ContentCuesError: Error, Sendable, CustomStringConvertible {
    /// Machine-readable reasons.
    public enum Code: String, Sendable, Codable {
        /// The file cannot be read.
        case unreadable = "cues.unreadable"
        /// Not valid JSON.
        case syntax = "cues.syntax"
        /// A required field is missing.
        case missingField = "cues.missing-field"
        /// A field has the wrong type.
        case wrongType = "cues.wrong-type"
        /// A field's value is out of range or empty.
        case invalidValue = "cues.invalid-value"
        /// A role id EvidenceKit does not know.
        case unknownRole = "cues.unknown-role"
        /// A role listed twice.
        case duplicateID = "cues.duplicate-id"
        /// Another schema than `evidencekit-cues/1`.
        case unsupportedSchema = "cues.unsupported-schema"
        /// A field the schema does not have (a typo?).
        case unknownField = "cues.unknown-field"
    }

    /// The reason.
    public var code: Code
    /// The cues file.
    public var path: String
    /// The field at fault, dotted (`roles.order-screenshot.content`); empty for the whole file.
    public var field: String
    /// The offending value or the expected type.
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, path: String, field: String, detail: String) {
        self.code = code
        self.path = path
        self.field = field
        self.detail = detail
    }

    /// What is wrong, naming the file and field.
    public var message: LocalizedText {
        let zhWhere = field.isEmpty ? "" : "（字段 \(field)）"
        let enWhere = field.isEmpty ? "" : " (field \(field))"
        let (zh, en): (String, String) = switch code {
        case .unreadable: ("无法读取：\(detail)。", "cannot be read: \(detail).")
        case .syntax: ("不是有效的 JSON：\(detail)。", "not valid JSON: \(detail).")
        case .missingField: ("缺少必填字段。", "a required field is missing.")
        case .wrongType: ("类型错误：应为 \(detail)。", "wrong type: expected \(detail).")
        case .invalidValue: ("取值无效：\(detail)。", "invalid value: \(detail).")
        case .unknownRole: ("未知的证据角色“\(detail)”。可用角色：\(EvidenceRole.allCases.map(\.rawValue).joined(separator: ", "))。",
                            "unknown evidence role “\(detail)”. Known roles: \(EvidenceRole.allCases.map(\.rawValue).joined(separator: ", ")).")
        case .duplicateID: ("重复的角色“\(detail)”。", "role “\(detail)” is listed twice.")
        case .unsupportedSchema: ("不支持的格式“\(detail)”，应为 \(ContentCues.schema)。", "unsupported schema “\(detail)”; expected \(ContentCues.schema).")
        case .unknownField: ("未知字段（拼写错误？）。", "unknown field (a typo?).")
        }
        return LocalizedText(zh: "识别线索文件 \(path)\(zhWhere)：\(zh)", en: "cues file \(path)\(enWhere): \(en)")
    }

    public var description: String { "\(code.rawValue): \(message.en)" }
}

extension ContentCuesError: EvidenceKitError {}
