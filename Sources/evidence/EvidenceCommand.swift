import ArgumentParser
import EvidenceKit

@main
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Inspect, check, pack and verify evidence for e-commerce refund complaints. 检查、整理并封装网购维权证据。",
        version: ToolInfo.version,
        subcommands: [InspectCommand.self, VerifyCommand.self])
}
