import EvidenceFrontEnd
import EvidenceKit
import Foundation
import MCP

/// The MCP server's tools: each runs the library function the matching CLI command runs and
/// returns that command's `--json` document (Docs/json/), as structured content and as JSON
/// text, after a short summary in the server's language. Every path argument is confined to
/// the ``AllowedFolders`` first; a refused or malformed call is an error result, never a crash.
public struct EvidenceTools: Sendable {
    /// The tool names, in the order `tools/list` gives them.
    public static let names = ["inspect_files", "check_case", "verify_bundle", "list_categories", "explain_requirement"]

    /// Where paths may lead.
    public let allowed: AllowedFolders
    /// The language of summaries; error results carry both languages, this one first.
    public let language: Language
    /// The rules the tools check against (the bundled ones for `evidence mcp`).
    public let rules: RuleSet
    /// How bundles are read (the CLI's defaults).
    public var limits = VerificationLimits()

    /// Tools over `rules` that read only inside `allowed`.
    public init(allowed: AllowedFolders, language: Language, rules: RuleSet) {
        self.allowed = allowed
        self.language = language
        self.rules = rules
    }

    /// What one successful call returns: the document's JSON and the summary line.
    public struct Output: Sendable {
        /// The JSON document, as `--json` prints it (snake_case keys, `format_version`).
        public var json: Data
        /// A short summary in the server's language.
        public var summary: String
    }

    /// Runs the tool `name`; the MCP result (an error result for a refused call).
    public func call(_ name: String, arguments: [String: Value]?) -> CallTool.Result {
        do {
            let output = try run(name, arguments: arguments)
            let structured = try? JSONDecoder().decode(Value.self, from: output.json)
            return CallTool.Result(content: [.text(text: output.summary, annotations: nil, _meta: nil),
                                             .text(text: String(decoding: output.json, as: UTF8.self), annotations: nil, _meta: nil)],
                                   structuredContent: structured, isError: false)
        } catch {
            return CallTool.Result(content: [.text(text: Self.bilingual(error.message, first: language), annotations: nil, _meta: nil)],
                                   isError: true)
        }
    }

    /// Both languages, `first` first: the message of an error result.
    static func bilingual(_ text: LocalizedText, first: Language) -> String {
        first == .zh ? text.zh + "\n" + text.en : text.en + "\n" + text.zh
    }

    /// Runs the tool `name` and returns its document, or throws why it was refused.
    public func run(_ name: String, arguments: [String: Value]?) throws(MCPToolError) -> Output {
        switch name {
        case "inspect_files":
            let args = try ToolArguments(arguments, known: ["paths", "read_content"])
            return try inspect(paths: args.strings("paths"), readContent: args.bool("read_content", default: true))
        case "check_case":
            let args = try ToolArguments(arguments, known: ["case", "category"])
            return try check(case: args.string("case"), category: args.optionalString("category"))
        case "verify_bundle":
            let args = try ToolArguments(arguments, known: ["bundle", "read", "require_seal"])
            return try verify(bundle: args.string("bundle"), read: args.bool("read", default: false),
                              requireSeal: args.bool("require_seal", default: false))
        case "list_categories":
            _ = try ToolArguments(arguments, known: [])
            let document = RulesListDocument(rules: rules)
            return Output(json: try encode(document, exitCode: nil), summary: summary(document))
        case "explain_requirement":
            let args = try ToolArguments(arguments, known: ["category", "requirement"])
            return try explain(category: args.string("category"), requirement: args.string("requirement"))
        default:
            let list = Self.names.joined(separator: ", ")
            throw MCPToolError(.unknownTool, subject: name, detail: LocalizedText(zh: list, en: list))
        }
    }

    // MARK: The jobs

    func inspect(paths: [String], readContent: Bool) throws(MCPToolError) -> Output {
        var confined: [String] = []
        for path in paths { confined.append(try allowed.confine(path)) }
        let files: [InspectedFile]
        do {
            files = try ReadingPass.inspect(paths: confined, describing: true, reading: readContent ? ReadingOptions() : nil)
        } catch {
            throw Self.refusal(error)
        }
        let report = InspectionReport(files: files)
        return Output(json: try encode(report, exitCode: report.exitCode), summary: summary(report))
    }

    func check(case path: String, category: String?) throws(MCPToolError) -> Output {
        let confined = try allowed.confine(path)
        let report: CheckReport
        do {
            if let category {
                _ = try findCategory(category)
                report = try EvidenceCheck.runQuick(ComplaintCase(category: category), guessed: [confined], given: [], rules: rules,
                                                    today: EvidenceCheck.currentDate(), describing: true, reading: ReadingOptions())
            } else {
                // No allowOutside: the case's evidence must lie in the case folder, itself inside an allowed folder.
                let loaded = try CaseFile.load(path: confined, rules: rules, allowOutside: false)
                report = try EvidenceCheck.run(loaded, rules: rules, today: EvidenceCheck.currentDate(), describing: true,
                                               reading: ReadingOptions())
            }
        } catch let error as MCPToolError {
            throw error
        } catch {
            throw Self.refusal(error)
        }
        return Output(json: try encode(report, exitCode: report.exitCode), summary: summary(report))
    }

    func verify(bundle path: String, read: Bool, requireSeal: Bool) throws(MCPToolError) -> Output {
        let confined = try allowed.confine(path)
        var verifier = BundleVerifier(rules: rules, limits: limits)
        verifier.sealTrust = SealTrust(systemStore: true)
        verifier.requireSeal = requireSeal
        if read { verifier.reading = ReadingOptions() }
        let batch = VerificationBatch(reports: [verifier.verify(confined)])
        return Output(json: try encode(batch, exitCode: batch.status.exitCode), summary: summary(batch))
    }

    func explain(category id: String, requirement: String) throws(MCPToolError) -> Output {
        let found = try findCategory(id)
        guard let document = RulesCategoryDocument(rules: rules, category: found, only: requirement) else {
            let list = found.requirements.map(\.id).joined(separator: ", ")
            throw MCPToolError(.unknownRequirement, subject: requirement, detail: LocalizedText(zh: list, en: list))
        }
        return Output(json: try encode(document, exitCode: nil), summary: summary(document))
    }

    /// The category `id`, or an error listing the known ones.
    func findCategory(_ id: String) throws(MCPToolError) -> RuleCategory {
        guard let found = rules.category(id) else {
            let list = rules.categories.map(\.id).joined(separator: ", ")
            throw MCPToolError(.unknownCategory, subject: id, detail: LocalizedText(zh: list, en: list))
        }
        return found
    }

    /// A library error as a refusal that keeps its bilingual message.
    static func refusal(_ error: any Error) -> MCPToolError {
        let message = (error as? any EvidenceKitError)?.message
            ?? LocalizedText(zh: "出错：\(error)", en: "Failed: \(error)")
        return MCPToolError(.refused, subject: "", detail: message)
    }

    /// The document as `--json` prints it.
    func encode<T: Encodable>(_ value: T, exitCode: Int32?) throws(MCPToolError) -> Data {
        do {
            return try EvidenceJSON.encoder().encode(JSONDocument(value: value, exitCode: exitCode))
        } catch {
            throw Self.refusal(error)
        }
    }
}
