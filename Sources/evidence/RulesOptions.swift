import ArgumentParser
import EvidenceKit
import Foundation

/// `--rules FILE`: use other rules than the bundled ones.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: "A rules file (JSON/YAML, see Docs/rules.md) instead of the bundled rules.")
    var rules: String?

    /// The rules to use; a broken rules file is reported (file, line, field) and exits 2.
    func load(language: Language) throws -> RuleSet {
        try loadWithDocument(language: language).rules
    }

    /// The rules and the document they were parsed from: the `--rules` file's text (read
    /// once), or the bundled JSON. Errors as for ``load(language:)``.
    func loadWithDocument(language: Language) throws -> (rules: RuleSet, document: String) {
        do {
            guard let rules else { return (try RuleSet.bundled(), RuleSet.bundledDocument + "\n") }
            let text = try RuleSet.text(ofFile: rules)
            return (try RuleSet.parse(text, path: rules), text)
        } catch let error as RulesError {
            Console.error(error.message(language))
            throw ExitCode(2)
        }
    }
}
