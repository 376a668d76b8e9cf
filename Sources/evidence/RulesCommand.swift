import ArgumentParser
import EvidenceKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List complaint categories, or show what one requires and why. 列出投诉类别及其证据要求。",
        discussion: "Exit codes: 0, 2 (unknown category or bad rules file).")

    @OptionGroup var output: OutputOptions
    @OptionGroup var rulesOptions: RulesOptions

    @Argument(help: "A category id (e.g. quality).")
    var category: String?

    @Flag(name: .long, help: "Print the evidence guide as Markdown (what Docs/evidence-by-category.<lang>.md holds; `make docs` writes it).")
    var markdown = false

    @Flag(name: .long, help: "Print the rules file itself (the bundled JSON, or the --rules file after checking it), to start rules of your own. 输出规则文件原文。")
    var export = false

    func validate() throws {
        if markdown && output.json { throw ValidationError("--markdown and --json cannot be combined") }
        if export && (markdown || output.json || category != nil) {
            throw ValidationError("--export prints the whole rules file: it takes no category, --json or --markdown")
        }
    }

    func run() throws {
        let language = output.language
        let (rules, document) = try rulesOptions.loadWithDocument(language: language)
        if export {
            Console.raw(document)  // only a document that loaded without error is printed
            return
        }
        let renderer = RulesRenderer(language: language, rules: rules)
        guard let id = category else {
            if markdown { Console.raw(RulesMarkdown(language: language, rules: rules).render()); return }
            if output.json { try Console.json(RulesListDocument(rules: rules)) } else { Console.out(renderer.renderList()) }
            return
        }
        guard let found = rules.category(id) else {
            let known = rules.categories.map(\.id).joined(separator: ", ")
            Console.error(language == .zh ? "没有类别“\(id)”。可用类别：\(known)" : "no category “\(id)”. Known categories: \(known)")
            throw ExitCode(2)
        }
        if markdown { Console.raw(RulesMarkdown(language: language, rules: rules).render(only: found)); return }
        if output.json { try Console.json(RulesCategoryDocument(rules: rules, category: found)) } else { Console.out(renderer.render(found)) }
    }
}

/// `evidence rules --json`.
struct RulesListDocument: Encodable {
    struct Entry: Encodable {
        var id: String
        var label: LocalizedText
        var summary: LocalizedText
        var required: Int
        var recommended: Int
    }
    var tool = ToolInfo.name
    var version = ToolInfo.version
    var rulesVersion: String
    var title: LocalizedText
    var categories: [Entry]

    init(rules: RuleSet) {
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
struct RulesCategoryDocument: Encodable {
    struct Term: Encodable {
        var role: EvidenceRole
        var label: LocalizedText
        var min: Int
        var kinds: [MediaKind]
        var purpose: LocalizedText
    }
    struct Item: Encodable {
        var id: String
        var level: Requirement.Level
        var anyOf: [[Term]]
        var reason: LocalizedText
        var advice: LocalizedText
        var citation: LocalizedText?

        enum CodingKeys: String, CodingKey {
            case id, level, reason, advice, citation
            case anyOf = "any_of"
        }
    }
    var tool = ToolInfo.name
    var version = ToolInfo.version
    var rulesVersion: String
    var id: String
    var label: LocalizedText
    var summary: LocalizedText
    var requirements: [Item]

    init(rules: RuleSet, category: RuleCategory) {
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
