import Foundation
import EvidenceTestSupport
import Testing

/// The documentation's examples are run, so they cannot rot (README, "Contributing"):
/// `sh` blocks run in order in a fresh folder holding a copy of `Samples/`, with the built
/// `evidence` first on PATH; `make` blocks name Makefile targets; every block has a language.
struct DocsExamplesTests {
    static let languages: Set<String> = ["sh", "make", "swift", "json", "yaml", "text"]

    /// Documents that hold `sh` blocks (the runner is asserted to have run at least these).
    static let runnable = ["README.md", "Docs/user-guide.zh.md", "Docs/user-guide.en.md", "Docs/cli.md", "Docs/bundle-format.md",
                           "Docs/json/README.md"]

    @Test func everyDocumentIsFound() {
        let documents = DocsTree.markdownDocuments
        for name in DocsExamplesTests.runnable + ["Docs/evidence-by-category.zh.md", "Docs/case-file.md", "Docs/json/README.md"] {
            #expect(documents.contains(name), "\(name)")
        }
        for name in documents { #expect(FileManager.default.fileExists(atPath: Repository.path(name)), "\(name)") }
    }

    @Test(arguments: DocsTree.markdownDocuments)
    func everyFencedBlockHasAKnownLanguage(document: String) throws {
        for block in CodeBlock.all(in: try Repository.read(document)) {
            #expect(DocsExamplesTests.languages.contains(block.language), "\(document): \(block) needs one of \(DocsExamplesTests.languages.sorted())")
            if block.language != "sh" { #expect(block.attributes.isEmpty, "\(document): \(block): attributes only on sh blocks") }
        }
    }

    @Test(arguments: DocsTree.markdownDocuments)
    func makeBlocksNameMakefileTargets(document: String) throws {
        let makefile = try Repository.read("Makefile")
        let phony = makefile.split(separator: "\n").first { $0.hasPrefix(".PHONY:") }.map { $0.split(separator: " ").dropFirst().map(String.init) } ?? []
        for block in CodeBlock.all(in: try Repository.read(document)) where block.language == "make" {
            for line in block.text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let words = line.split(separator: " ").map(String.init)
                #expect(words.count == 2 && words[0] == "make" && phony.contains(words[1]), "\(document): \(block): “\(line)” is not `make <target>`")
            }
        }
    }

    @Test func swiftBlocksInDocsAreTheTestedOnes() throws {
        let tested = try String(contentsOfFile: Repository.path("Tests/EvidenceInteropTests/DocsSwiftExampleTests.swift"), encoding: .utf8)
        for document in DocsTree.markdownDocuments {
            for block in CodeBlock.all(in: try Repository.read(document)) where block.language == "swift" {
                #expect(tested.contains(block.text), "\(document): \(block) is not in DocsSwiftExampleTests.swift")
            }
        }
    }

    @Test(arguments: DocsTree.markdownDocuments)
    func shellExamplesRun(document: String) async throws {
        // `sh needs=…` blocks need what this runner lacks (a timestamp authority, a sealed
        // bundle: SealDocsTests runs them with a local authority; `needs=foreground`: a server
        // that runs until stopped, which the serve and desk suites start and stop themselves).
        let blocks = CodeBlock.all(in: try Repository.read(document)).filter { $0.language == "sh" && $0.attributes["needs"] == nil }
        guard !blocks.isEmpty else {
            #expect(!DocsExamplesTests.runnable.contains(document), "\(document) lost its sh examples")
            return
        }
        let dir = TemporaryDirectory("docs-examples")
        try FileManager.default.copyItem(atPath: Repository.samples, toPath: dir.path + "/Samples")
        try FileManager.default.createDirectory(atPath: dir.path + "/Docs", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.path("Docs/json"), toPath: dir.path + "/Docs/json")
        #expect(PythonTools.python != nil, "the examples use bagit.py and jsonschema from .build/venv: run `make venv`")
        let binaries = CLI.productsFolder
        let environment = ["PATH": "\(binaries):\(PythonTools.venv)/bin:/usr/local/bin:/usr/bin:/bin",
                           "HOME": dir.path, "LANG": "C.UTF-8", "TZ": "UTC"]
        for block in blocks {
            let result = try await ProcessRunner.runDetached("/bin/bash", ["-euo", "pipefail", "-c", block.text], environment: environment, in: dir.path)
            #expect(result.status == block.expectedExit,
                    "\(document): \(block) exited \(result.status), expected \(block.expectedExit)\n\(block.text)\n--- stdout\n\(result.stdout)\n--- stderr\n\(result.stderr)")
        }
    }

    @Test func theAgentExampleFindsWhatTheIncompleteBundleLacks() throws {
        // The README's second example, checked for its promised output, not only its exit code.
        let blocks = CodeBlock.all(in: try Repository.read("README.md")).filter { $0.language == "sh" }
        let jq = try #require(blocks.first { $0.text.contains("jq -r") })
        let dir = TemporaryDirectory("docs-agent")
        try FileManager.default.copyItem(atPath: Repository.samples, toPath: dir.path + "/Samples")
        let binaries = CLI.productsFolder
        let environment = ["PATH": "\(binaries):/usr/local/bin:/usr/bin:/bin", "HOME": dir.path, "LANG": "C.UTF-8"]
        for block in blocks where block.text.contains("received") || block.text.contains("verdicts.jsonl") {
            _ = try ProcessRunner.run("/bin/bash", ["-euo", "pipefail", "-c", block.text], environment: environment, in: dir.path)
        }
        let result = try ProcessRunner.run("/bin/bash", ["-euo", "pipefail", "-c", jq.text], environment: environment, in: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("valid-incomplete\treceived/counterfeit-sneakers.zip\t0"), "\(lines)")
        #expect(lines.contains("valid-complete\treceived/quality-earbuds.zip\t0"), "\(lines)")
        #expect(lines.contains("item-details") && lines.contains("sold-as-genuine"), "\(lines)")
    }

    @Test(arguments: ["inspect", "rules", "init", "check", "pack", "verify", "seal", "export"])
    func theCLIReferenceListsEveryOption(command: String) throws {
        let help = try CLI.run([command, "--help"])
        #expect(help.status == 0)
        let reference = try Repository.read("Docs/cli.md")
        let section = try #require(reference.components(separatedBy: "## `evidence \(command)").dropFirst().first,
                                   "Docs/cli.md has no section for \(command)")
        let own = section.components(separatedBy: "\n## ").first ?? section
        let options = help.stdout.components(separatedBy: "OPTIONS:").last ?? ""
        let names = Set(options.split(whereSeparator: { " \n,".contains($0) }).filter { $0.hasPrefix("--") }
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ").:;")) })
        #expect(names.contains("--json") && names.contains("--lang"))
        let shared: Set<String> = ["--json", "--lang", "--version", "--help", "--rules"]
        for name in names.subtracting(shared) {
            #expect(own.contains("`\(name)"), "Docs/cli.md, evidence \(command): \(name) is not documented")
        }
        for name in names.intersection(shared) {
            #expect(reference.contains("`\(name)"), "Docs/cli.md: \(name) is not documented")
        }
    }
}
