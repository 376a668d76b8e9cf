import ArgumentParser
import EvidenceKit
import Foundation

@main
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Inspect, check, pack and verify evidence for e-commerce refund complaints. 检查、整理并封装网购维权证据。",
        version: ToolInfo.version,
        subcommands: [InspectCommand.self, RulesCommand.self, InitCommand.self, CheckCommand.self, PackCommand.self, VerifyCommand.self,
                      SealCommand.self, ServeCommand.self])

    /// Runs the command, mapping argument-parser's usage failures (exit 64) to the product's
    /// usage exit code 2 (Docs/cli.md).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
