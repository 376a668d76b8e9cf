import EvidenceKit

// The JSON documents the front ends send: the CLI prints them with `--json`, `serve` returns
// the same ones. Each report's exit code (Docs/cli.md) is part of its document (`exit_code`).

extension VerificationReport.Status {
    /// `evidence verify`'s exit code for this verdict.
    public var exitCode: Int32 {
        switch self {
        case .validComplete: 0
        case .validIncomplete, .validBag, .validHoley: 3
        case .invalid: 1
        case .unreadable: 2
        }
    }
}

extension InspectionReport {
    /// `evidence inspect`'s exit code: 1 when a file is corrupt, unacceptable or unreadable.
    public var exitCode: Int32 { allReadable ? 0 : 1 }
}

extension CheckReport {
    /// `evidence check`'s exit code: 1 when an evidence file is corrupt or unacceptable, 3 when
    /// required evidence is missing, 0 otherwise.
    public var exitCode: Int32 { evidenceProblems ? 1 : status == .incomplete ? 3 : 0 }
}

/// A JSON object of the front ends (the CLI's `--json`, `serve`'s responses): the library's value with, at the same level as the value's own
/// keys, `format_version` (on every document the CLI prints; see Docs/json/) and `exit_code`
/// (the exit code the command ends with, where the document has one).
public struct JSONDocument<Value: Encodable>: Encodable {
    /// The version of the CLI's JSON documents; the documents' shape changes only with it.
    public static var currentFormatVersion: String { "1" }

    /// The library's value.
    public var value: Value
    /// The exit code the command ends with, where the document has one.
    public var exitCode: Int32?
    /// `format_version`; nil leaves it out (a document inside another).
    public var formatVersion: String? = JSONDocument.currentFormatVersion

    /// A document for `value`.
    public init(value: Value, exitCode: Int32? = nil, formatVersion: String? = JSONDocument.currentFormatVersion) {
        self.value = value
        self.exitCode = exitCode
        self.formatVersion = formatVersion
    }

    private enum CodingKeys: String, CodingKey {
        case exitCode = "exit_code"
        case formatVersion = "format_version"
    }

    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(exitCode, forKey: .exitCode)
        try container.encodeIfPresent(formatVersion, forKey: .formatVersion)
    }
}

/// `evidence rules --json`.
public struct RulesListDocument: Encodable {
    public struct Entry: Encodable {
        public var id: String
        public var label: LocalizedText
        public var summary: LocalizedText
        public var required: Int
        public var recommended: Int
    }
    public var tool = ToolInfo.name
    public var version = ToolInfo.version
    public var rulesVersion: String
    public var title: LocalizedText
    public var categories: [Entry]

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

/// `evidence rules CATEGORY --json`.
public struct RulesCategoryDocument: Encodable {
    public struct Term: Encodable {
        public var role: EvidenceRole
        public var label: LocalizedText
        public var min: Int
        public var kinds: [MediaKind]
        public var purpose: LocalizedText
    }
    public struct Item: Encodable {
        public var id: String
        public var level: Requirement.Level
        public var anyOf: [[Term]]
        public var reason: LocalizedText
        public var advice: LocalizedText
        public var citation: LocalizedText?

        enum CodingKeys: String, CodingKey {
            case id, level, reason, advice, citation
            case anyOf = "any_of"
        }
    }
    public var tool = ToolInfo.name
    public var version = ToolInfo.version
    public var rulesVersion: String
    public var id: String
    public var label: LocalizedText
    public var summary: LocalizedText
    public var requirements: [Item]

    public init(rules: RuleSet, category: RuleCategory) {
        rulesVersion = rules.version
        id = category.id
        label = category.label
        summary = category.summary
        requirements = category.requirements.map { requirement in
            Item(id: requirement.id, level: requirement.level, anyOf: requirement.options.map { option in
                option.terms.map { Term(role: $0.role, label: $0.role.label, min: $0.minimum, kinds: rules.kinds(for: $0),
                                        purpose: rules.purpose(of: $0.role, in: category.id) ?? $0.role.label) }
            }, reason: requirement.reason, advice: requirement.advice, citation: requirement.citation)
        }
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, id, label, summary, requirements
        case rulesVersion = "rules_version"
    }
}
