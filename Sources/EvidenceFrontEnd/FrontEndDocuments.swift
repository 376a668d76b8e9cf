import EvidenceKit

// The JSON documents the front ends print or return (the CLI's `--json`, the MCP server's tool
// results) and the verdicts' exit codes they carry: one definition, so that `evidence rules
// --json` and the MCP tool `list_categories` cannot drift apart. The library returns values; the
// exit codes are the front ends' (Docs/cli.md). The schemas are in Docs/json/.

extension VerificationReport.Status {
    /// The verdict's exit code (Docs/cli.md): what `evidence verify` ends with and what every
    /// front end reports as `exit_code`: 0 valid and complete, 3 valid but incomplete (or a plain
    /// or holey bag), 1 invalid, 2 unreadable.
    public var exitCode: Int32 {
        switch self {
        case .validComplete: 0
        case .validIncomplete, .validBag, .validHoley: 3
        case .invalid: 1
        case .unreadable: 2
        }
    }
}

extension VerificationReport.Status {
    /// The verdict in words, for every front end's human text (`verify`'s report line, the MCP
    /// tool's summary).
    public var label: LocalizedText {
        switch self {
        case .validComplete: LocalizedText(zh: "有效，证据齐全", en: "valid, evidence complete")
        case .validIncomplete: LocalizedText(zh: "有效，但证据不齐全", en: "valid, but evidence incomplete")
        case .validBag: LocalizedText(zh: "有效的 BagIt 包，但不是证据包", en: "valid BagIt bag, not an evidence bundle")
        case .validHoley: LocalizedText(zh: "有效但有洞的 BagIt 包：还有文件待取（fetch.txt），未下载",
                                        en: "valid holey BagIt bag: files still to be fetched (fetch.txt), not downloaded")
        case .invalid: LocalizedText(zh: "无效：不安全、损坏或被篡改", en: "invalid: unsafe, damaged or tampered with")
        case .unreadable: LocalizedText(zh: "无法读取", en: "unreadable")
        }
    }
}

extension InspectionReport {
    /// `evidence inspect`'s exit code (the documents' `exit_code`): 1 when a file is corrupt,
    /// unacceptable or unreadable, 0 otherwise.
    public var exitCode: Int32 { allReadable ? 0 : 1 }
}

extension CheckReport {
    /// `evidence check`'s exit code (the documents' `exit_code`): 1 when an evidence file is
    /// corrupt or unacceptable, 3 when required evidence is missing, 0 otherwise.
    public var exitCode: Int32 { evidenceProblems ? 1 : status == .incomplete ? 3 : 0 }
}

/// A JSON document of the front ends: the library's value with, at the same level as the
/// value's own keys, `format_version` (on every document; see Docs/json/) and `exit_code` (the
/// verdict's exit code, where the document has one).
public struct JSONDocument<Value: Encodable>: Encodable {
    /// The version of the JSON documents; the documents' shape changes only with it.
    public static var currentFormatVersion: String { "1" }

    /// The document's own content.
    public var value: Value
    /// The verdict's exit code, or nil for documents without one.
    public var exitCode: Int32?
    /// `format_version`, or nil inside a document that carries it already.
    public var formatVersion: String?

    /// Wraps `value`.
    public init(value: Value, exitCode: Int32? = nil, formatVersion: String? = JSONDocument.currentFormatVersion) {
        self.value = value
        self.exitCode = exitCode
        self.formatVersion = formatVersion
    }

    private enum CodingKeys: String, CodingKey {
        case exitCode = "exit_code"
        case formatVersion = "format_version"
    }

    /// Writes the value's keys, then `exit_code` and `format_version`.
    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(exitCode, forKey: .exitCode)
        try container.encodeIfPresent(formatVersion, forKey: .formatVersion)
    }
}

/// The list of categories (`evidence rules --json`, Docs/json/rules.schema.json).
public struct RulesListDocument: Encodable, Sendable {
    /// One category in the list.
    public struct Entry: Encodable, Sendable {
        /// The category id (`quality`).
        public var id: String
        /// Its name.
        public var label: LocalizedText
        /// One sentence on what it covers.
        public var summary: LocalizedText
        /// How many requirements are required.
        public var required: Int
        /// How many are recommended.
        public var recommended: Int
    }
    /// The tool's name.
    public var tool = ToolInfo.name
    /// The tool's version.
    public var version = ToolInfo.version
    /// The rules' version.
    public var rulesVersion: String
    /// The rules' title.
    public var title: LocalizedText
    /// Every category, in the rules' order.
    public var categories: [Entry]

    /// The document for `rules`.
    public init(rules: RuleSet) {
        rulesVersion = rules.version
        title = rules.title
        categories = rules.categories.map {
            Entry(id: $0.id, label: $0.label, summary: $0.summary, required: $0.requirements.count { $0.level == .required },
                  recommended: $0.requirements.count { $0.level == .recommended })
        }
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, title, categories
        case rulesVersion = "rules_version"
    }
}

/// One category with its requirements (`evidence rules CATEGORY --json`,
/// Docs/json/rules-category.schema.json).
public struct RulesCategoryDocument: Encodable, Sendable {
    /// One role an option of a requirement asks for.
    public struct Term: Encodable, Sendable {
        /// The role.
        public var role: EvidenceRole
        /// The role's name.
        public var label: LocalizedText
        /// How many files of it.
        public var min: Int
        /// The kinds of file accepted.
        public var kinds: [MediaKind]
        /// What the file shows in this category.
        public var purpose: LocalizedText
    }
    /// One requirement: why it matters, how to capture it, its citation.
    public struct Item: Encodable, Sendable {
        /// The requirement id.
        public var id: String
        /// Required or recommended.
        public var level: Requirement.Level
        /// The alternatives, each a set of roles that together satisfy it.
        public var anyOf: [[Term]]
        /// Why it matters.
        public var reason: LocalizedText
        /// How to capture it.
        public var advice: LocalizedText
        /// The rule or law it rests on.
        public var citation: LocalizedText?

        enum CodingKeys: String, CodingKey {
            case id, level, reason, advice, citation
            case anyOf = "any_of"
        }
    }
    /// The tool's name.
    public var tool = ToolInfo.name
    /// The tool's version.
    public var version = ToolInfo.version
    /// The rules' version.
    public var rulesVersion: String
    /// The category id.
    public var id: String
    /// Its name.
    public var label: LocalizedText
    /// One sentence on what it covers.
    public var summary: LocalizedText
    /// Its requirements (all of them, or the one asked about).
    public var requirements: [Item]

    /// The document for `rules CATEGORY`: every requirement, or only `requirement` when given
    /// (nil when the category has no requirement of that id).
    public init?(rules: RuleSet, category: RuleCategory, only requirement: String? = nil) {
        rulesVersion = rules.version
        id = category.id
        label = category.label
        summary = category.summary
        let chosen = category.requirements.filter { requirement == nil || $0.id == requirement }
        if chosen.isEmpty && requirement != nil { return nil }
        requirements = chosen.map { requirement in
            Item(id: requirement.id, level: requirement.level, anyOf: requirement.options.map { option in
                option.terms.map { Term(role: $0.role, label: $0.role.label, min: $0.minimum, kinds: rules.kinds(for: $0),
                                        purpose: rules.purpose(of: $0.role, in: category.id) ?? $0.role.label) }
            }, reason: requirement.reason, advice: requirement.advice, citation: requirement.citation)
        }
    }

    /// The document for `rules CATEGORY`: the category and all its requirements.
    public init(rules: RuleSet, category: RuleCategory) {
        self.init(rules: rules, category: category, only: nil)!
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, id, label, summary, requirements
        case rulesVersion = "rules_version"
    }
}

/// `evidence verify --json` (Docs/json/verify.schema.json): every bundle's report and the
/// verdict that decides the exit code.
public struct VerificationBatch: Encodable {
    /// The worst verdict of all the bundles.
    public var status: VerificationReport.Status
    /// Each bundle's report with its own `exit_code`.
    public var bundles: [JSONDocument<VerificationReport>]

    /// The batch of `reports`, in the order given.
    public init(reports: [VerificationReport]) {
        status = VerificationReport.Status.worst(of: reports)
        bundles = reports.map { JSONDocument(value: $0, exitCode: $0.status.exitCode, formatVersion: nil) }
    }
}

extension ExportReport {
    /// The JSON document of an export (`evidence export --json`, the answer of `evidence serve`'s
    /// `POST /api/v1/cases/{id}/exports`, Docs/json/export.schema.json): the report, which carries
    /// its own `format_version` (it is `export.json`'s content), with `exit_code` 0 (written).
    public var document: JSONDocument<ExportReport> { JSONDocument(value: self, exitCode: 0, formatVersion: nil) }
}
