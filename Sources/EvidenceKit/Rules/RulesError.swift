/// A rules file that cannot be used: unreadable, not YAML/JSON, or not following the schema.
/// Names the file, line and field at fault.
public struct RulesError: Error, Sendable, CustomStringConvertible {
    /// Machine-readable reasons: a struct over a private enum (as swift-nio's
    /// `FileSystemError.Code`), so that codes can be added without breaking callers (a `switch`
    /// over them needs a `default`). Encodes as its dotted ``rawValue``.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case unreadable = "rules.unreadable"
            case syntax = "rules.syntax"
            case missingField = "rules.missing-field"
            case wrongType = "rules.wrong-type"
            case invalidValue = "rules.invalid-value"
            case unknownRole = "rules.unknown-role"
            case unknownKind = "rules.unknown-kind"
            case duplicateID = "rules.duplicate-id"
            case unsupportedSchema = "rules.unsupported-schema"
            case unknownField = "rules.unknown-field"
            case unknownCategory = "rules.unknown-category"
        }

        fileprivate let base: Base
        fileprivate init(_ base: Base) { self.base = base }

        /// The dotted code a script can branch on.
        public var rawValue: String { base.rawValue }
        /// The code with this dotted name; nil for one this version does not know.
        public init?(rawValue: String) {
            guard let base = Base(rawValue: rawValue) else { return nil }
            self.base = base
        }
        public var description: String { rawValue }

        /// `rules.unreadable`.
        public static let unreadable = Code(.unreadable)
        /// `rules.syntax`.
        public static let syntax = Code(.syntax)
        /// `rules.missing-field`.
        public static let missingField = Code(.missingField)
        /// `rules.wrong-type`.
        public static let wrongType = Code(.wrongType)
        /// `rules.invalid-value`.
        public static let invalidValue = Code(.invalidValue)
        /// `rules.unknown-role`.
        public static let unknownRole = Code(.unknownRole)
        /// `rules.unknown-kind`.
        public static let unknownKind = Code(.unknownKind)
        /// `rules.duplicate-id`.
        public static let duplicateID = Code(.duplicateID)
        /// `rules.unsupported-schema`.
        public static let unsupportedSchema = Code(.unsupportedSchema)
        /// `rules.unknown-field`.
        public static let unknownField = Code(.unknownField)
        /// A category asked for that the rules do not define.
        public static let unknownCategory = Code(.unknownCategory)
    }


    public var code: Code
    /// The rules file (`<bundled>` for the shipped one).
    public var path: String
    /// Where in the file.
    public var location: DocumentLocation
    /// What is wrong, in the file's own terms (the offending value, the expected type...).
    public var detail: String

    public init(_ code: Code, path: String, location: DocumentLocation, detail: String) {
        self.code = code
        self.path = path
        self.location = location
        self.detail = detail
    }

    /// What is wrong and what to do, naming file, line and field.
    public var message: LocalizedText {
        let zhWhere = location.zhDescription.isEmpty ? "" : "（\(location.zhDescription)）"
        let enWhere = location.description.isEmpty ? "" : " (\(location.description))"
        let (zh, en): (String, String) = switch code.base {
        case .unreadable: ("无法读取规则文件：\(detail)。请检查路径和权限。", "cannot read the rules file: \(detail). Check the path and permissions.")
        case .syntax: ("不是有效的 JSON/YAML：\(detail)。", "not valid JSON/YAML: \(detail).")
        case .missingField: ("缺少必填字段。请按 Docs/rules.md 补上。", "a required field is missing. Add it as Docs/rules.md describes.")
        case .wrongType: ("类型错误：应为 \(detail)。", "wrong type: expected \(detail).")
        case .invalidValue: ("取值无效：\(detail)。", "invalid value: \(detail).")
        case .unknownRole: ("未知的证据角色“\(detail)”。可用角色：\(EvidenceRole.allCases.map(\.rawValue).joined(separator: ", "))。", "unknown evidence role “\(detail)”. Known roles: \(EvidenceRole.allCases.map(\.rawValue).joined(separator: ", ")).")
        case .unknownKind: ("未知的媒体类型“\(detail)”。可用类型：\(MediaKind.allCases.map(\.rawValue).joined(separator: ", "))。", "unknown media kind “\(detail)”. Known kinds: \(MediaKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        case .duplicateID: ("重复的 id 或键“\(detail)”：每个 id 只能出现一次。", "duplicate id or key “\(detail)”: each may appear only once.")
        case .unsupportedSchema: ("不支持的规则格式“\(detail)”，应为 \(RuleSet.schema)。", "unsupported rules schema “\(detail)”; expected \(RuleSet.schema).")
        case .unknownField: ("未知字段（拼写错误？）。", "unknown field (a typo?).")
        case .unknownCategory: ("没有类别“\(detail)”。运行 evidence rules 查看全部类别。", "no category “\(detail)”. Run `evidence rules` to list them.")
        }
        return LocalizedText(zh: "规则文件 \(path)\(zhWhere)：\(zh)", en: "rules file \(path)\(enWhere): \(en)")
    }

    public var description: String { "\(code.rawValue): \(message.en)" }
}
