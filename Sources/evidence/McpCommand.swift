import ArgumentParser
import EvidenceKit
import EvidenceMCP
import Foundation
import Synchronization

struct McpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the evidence tools to an AI assistant (Model Context Protocol on stdio). 为 AI 助手提供证据工具（MCP，标准输入输出）。",
        discussion: """
            Tools: inspect_files, check_case, verify_bundle, list_categories, explain_requirement (each returns the
            matching command's --json document); resources: evidence://rules and evidence://rules/{category}.
            Every path must resolve (symbolic links followed) inside an --allow folder. Runs until stdin closes.
            See Docs/mcp.md. Exit codes: 0 stdin closed, 2 usage (no --allow, a missing folder).
            """)

    @Option(name: .long, help: "Language of summaries and messages: zh or en (default from LANG/LC_ALL).")
    var lang: Language?

    @Option(name: .customLong("allow"), parsing: .singleValue, help: ArgumentHelp(
        "A folder the server may read (repeatable; at least one). 允许读取的文件夹（可重复，至少一个）。", valueName: "DIR"))
    var allow: [String] = []

    func validate() throws {
        if allow.isEmpty { throw ValidationError("Give at least one --allow DIR. 请至少给出一个 --allow 文件夹。") }
    }

    func run() throws {
        let language = lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
        let allowed: AllowedFolders
        do {
            allowed = try AllowedFolders(allow)
        } catch {
            Console.error(error.message(language))
            throw ExitCode(2)
        }
        let rules: RuleSet
        do {
            rules = try RuleSet.bundled()
        } catch let error as any EvidenceKitError {
            Console.error(error.message(language))
            throw ExitCode(2)
        }
        let server = EvidenceMCPServer(allowed: allowed, language: language, rules: rules)
        // The command line is synchronous: the server runs on the concurrency pool until stdin closes.
        let outcome = ServerOutcome()
        Task {
            do { try await server.runOnStandardIO() } catch { outcome.failure.withLock { $0 = "\(error)" } }
            outcome.finished.signal()
        }
        outcome.finished.wait()
        if let message = outcome.failure.withLock({ $0 }) {
            Console.error(language == .zh ? "MCP 服务出错：\(message)" : "The MCP server failed: \(message)")
            throw ExitCode(1)
        }
    }
}

/// How the server's task ended, handed back to the waiting command.
private final class ServerOutcome: Sendable {
    let finished = DispatchSemaphore(value: 0)
    let failure = Mutex<String?>(nil)
}
