import ArgumentParser
import EvidenceKit
import Foundation

/// `--rules FILE`: use other rules than the bundled ones.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: "A rules file (JSON/YAML, see Docs/rules.md) instead of the bundled rules.")
    var rules: String?

    /// The rules to use; a broken rules file is reported (file, line, field) and exits 2.
    func load(language: Language) throws -> RuleSet {
        do {
            return try rules.map { try RuleSet.load(path: $0) } ?? RuleSet.bundled()
        } catch let error as RulesError {
            Console.error(error.message(language))
            throw ExitCode(2)
        }
    }

    /// The text of the `--rules` file, byte for byte (nil without `--rules`).
    func document() throws -> String? {
        guard let rules else { return nil }
        return try String(contentsOfFile: rules, encoding: .utf8)
    }
}
