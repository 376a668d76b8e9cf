import ArgumentParser
import EvidenceKit
import EvidenceServer

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
