/// A rules file that cannot be used: unreadable, not YAML/JSON, or not following the schema.
/// Names the file, line and field at fault.
public struct RulesError: Error, Sendable, CustomStringConvertible {
    /// Machine-readable reasons.
    public enum Code: String, Sendable, Codable {
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
        /// A category asked for that the rules do not define.
        case unknownCategory = "rules.unknown-category"
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
        let (zh, en): (String, String) = switch code {
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
