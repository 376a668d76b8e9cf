import EvidenceTestSupport
import Foundation
import Testing

/// The checkout's documentation.
enum DocsTree {
    /// Every Markdown document the documentation tests hold to their convention: the README and
    /// `Docs/**/*.md`, except the measured reports (performance and security).
    static var markdownDocuments: [String] {
        let excluded: Set<String> = ["Docs/PERFORMANCE.md", "Docs/SECURITY.md"]
        let found = (FileManager.default.enumerator(atPath: Repository.path("Docs"))?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".md") }.map { "Docs/" + $0 }.filter { !excluded.contains($0) }.sorted()
        return ["README.md"] + found
    }
}

/// A fenced code block of a Markdown document.
struct CodeBlock: CustomStringConvertible {
    /// The first word of the info string (`sh`, `make`, `json`...); empty when there is none.
    var language: String
    /// `key=value` words after the language (`sh exit=3`).
    var attributes: [String: String]
    var text: String
    /// 1-based line of the opening fence.
    var line: Int

    var description: String { "block at line \(line) (```\(language))" }

    /// The exit code a `sh` block must end with (`exit=N`, default 0).
    var expectedExit: Int32 { attributes["exit"].flatMap { Int32($0) } ?? 0 }

    /// Every fenced block (``` at the start of a line) in `markdown`.
    static func all(in markdown: String) -> [CodeBlock] {
        var blocks: [CodeBlock] = []
        var open: (info: String, line: Int)?
        var body: [String] = []
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.hasPrefix("```") else {
                if open != nil { body.append(String(line)) }
                continue
            }
            if let current = open {
                let words = current.info.split(separator: " ").map(String.init)
                var attributes: [String: String] = [:]
                for word in words.dropFirst() {
                    let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                    attributes[parts[0]] = parts.count > 1 ? parts[1] : ""
                }
                blocks.append(CodeBlock(language: words.first ?? "", attributes: attributes,
                                        text: body.joined(separator: "\n"), line: current.line))
                open = nil
                body = []
            } else {
                open = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), index + 1)
            }
        }
        return blocks
    }
}
