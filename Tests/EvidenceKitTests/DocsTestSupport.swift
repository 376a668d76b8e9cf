import Foundation
import Testing

/// The checkout's documentation, read from this source file's location.
enum DocsTree {
    /// The package root (the folder holding Package.swift).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/EvidenceKitTests/File.swift -> checkout
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// Every Markdown document the documentation tests hold to their convention: the README and
    /// `Docs/**/*.md`, except the pages other helpers own (performance and security reports).
    static var markdownDocuments: [String] {
        let excluded: Set<String> = ["Docs/PERFORMANCE.md", "Docs/SECURITY.md"]
        let found = (FileManager.default.enumerator(atPath: path("Docs"))?.allObjects as? [String] ?? [])
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

/// A child process with its own arguments, environment and working folder.
enum DocsProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    in folder: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errors = DocsErrorBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errors.data = (try? err.fileHandleForReading.readToEnd()) ?? Data()
            group.leave()
        }
        let output = (try? out.fileHandleForReading.readToEnd()) ?? Data()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                      stderr: String(decoding: errors.data, as: UTF8.self))
    }
}

private final class DocsErrorBox: @unchecked Sendable {
    var data = Data()
}

/// The Python tools the documentation and schema tests run: jsonschema, bagit-python and
/// bagit-profile in `.build/venv` (`make venv`, which `make test` runs first).
enum PythonTools {
    static let venv = DocsTree.path(".build/venv")

    /// The virtual environment's python once it has every package; nil (and the tests that need it
    /// fail) when it cannot be made.
    static let python: String? = {
        let python = venv + "/bin/python"
        func ready() -> Bool {
            FileManager.default.isExecutableFile(atPath: python)
                && (try? DocsProcess.run(python, ["-c", "import jsonschema, referencing, bagit, bagit_profile"]))?.status == 0
        }
        if ready() { return python }
        // Same recipe as `make test`; flock keeps parallel test processes from building it twice.
        try? FileManager.default.createDirectory(atPath: DocsTree.path(".build"), withIntermediateDirectories: true)
        _ = try? DocsProcess.run("/usr/bin/env", ["flock", DocsTree.path(".build/venv.lock"), "make", "-s", "-C", DocsTree.root, "venv"])
        return ready() ? python : nil
    }()

    /// Validates JSON documents (or `.jsonl` files, line by line) with `Docs/json/validate.py`.
    /// - Returns: the validator's exit status (0 valid, 1 invalid) and its messages.
    static func validate(schema: String, files: [String]) throws -> DocsProcess.Result {
        guard let python else {
            return DocsProcess.Result(status: 2, stdout: "", stderr: "jsonschema is not available: run `make venv`")
        }
        return try DocsProcess.run(python, [DocsTree.path("Docs/json/validate.py"), schema] + files)
    }
}

/// Expects every document to be valid against `schema` (a file name under `Docs/json/`).
func expectSchemaValid(_ schema: String, _ files: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let result = try PythonTools.validate(schema: schema, files: files)
    #expect(result.status == 0, "\(schema): \(result.stderr)", sourceLocation: sourceLocation)
}
