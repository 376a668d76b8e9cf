import EvidenceKit
import Foundation
import MCP

/// `evidence mcp`: a Model Context Protocol server for AI assistants, over any MCP transport
/// (the CLI uses stdio). Its tools are ``EvidenceTools``, its resources ``RuleResources``.
/// Nothing is written to stdout but the protocol's messages; the SDK's logs are off.
public struct EvidenceMCPServer: Sendable {
    /// The tools.
    public let tools: EvidenceTools
    /// The rules as resources.
    public let resources: RuleResources

    /// A server reading only inside `allowed`, summarising in `language`, checking against `rules`.
    public init(allowed: AllowedFolders, language: Language, rules: RuleSet) {
        tools = EvidenceTools(allowed: allowed, language: language, rules: rules)
        resources = RuleResources(rules: rules, language: language)
    }

    /// What the server tells the assistant at initialisation.
    public var instructions: String {
        let folders = tools.allowed.roots.joined(separator: ", ")
        return tools.language == .zh
            ? "EvidenceKit：检查网购维权证据（文件真伪与完整性、证据是否齐全、证据包核验）。只能读取这些文件夹：\(folders)。规则见资源 evidence://rules。"
            : "EvidenceKit: checks evidence for e-commerce refund complaints (files' real type and integrity, whether a case is complete, received bundles). Only these folders can be read: \(folders). The rules are the resource evidence://rules."
    }

    /// An SDK server with every handler registered, not yet started.
    public func makeServer() async -> Server {
        let server = Server(name: "evidence", version: ToolInfo.version, title: "EvidenceKit", instructions: instructions,
                            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        let tools = tools, resources = resources
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: tools.definitions) }
        await server.withMethodHandler(CallTool.self) { params in
            // The library's work is synchronous (OCR, archive reading): off the cooperative pool.
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(returning: tools.call(params.name, arguments: params.arguments))
                }
            }
        }
        await server.withMethodHandler(ListResources.self) { _ in .init(resources: resources.list) }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in .init(templates: resources.templates) }
        await server.withMethodHandler(ReadResource.self) { params in .init(contents: [try resources.read(params.uri)]) }
        return server
    }

    /// Serves over `transport` until its input ends, then stops.
    public func run(transport: any Transport) async throws {
        let server = await makeServer()
        try await server.start(transport: transport)
        await server.waitUntilCompleted()
        await server.stop()
    }

    /// Serves on stdin and stdout until stdin closes.
    public func runOnStandardIO() async throws {
        try await run(transport: StdioTransport())
    }
}
