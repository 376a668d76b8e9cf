import EvidenceKit
import Foundation
import EvidenceTestSupport
import Testing

// The five functions of the DocC article `GettingStarted.md`, copied verbatim (the first test
// below fails when the article and this file disagree), written against the public API only.

/// Files under `folder` that cannot count as evidence, with the reasons.
func damagedFiles(in folder: String) throws -> [(path: String, codes: [String])] {
    try Inspection.inspect(paths: [folder])
        .filter { $0.status != .ok }
        .map { (path: $0.path, codes: $0.findings.map(\.code)) }
}

/// Whether the case in `caseFolder` is complete, and the ids of the missing requirements.
func checkCase(at caseFolder: String) throws -> (complete: Bool, missing: [String]) {
    let rules = try RuleSet.bundled()
    let loaded = try CaseFile.load(path: caseFolder, rules: rules)
    let report = try EvidenceCheck.run(loaded, rules: rules, today: EvidenceCheck.currentDate())
    return (report.status == .complete, report.completeness.missingRequired.map(\.requirement))
}

/// Packs the case in `caseFolder` into the zip `output`.
func packCase(at caseFolder: String, to output: String) throws -> PackReport {
    let rules = try RuleSet.bundled()
    let loaded = try CaseFile.load(path: caseFolder, rules: rules)
    return try BundlePacker().pack(loaded, rules: rules, to: output, options: PackOptions(format: .zip, language: .zh))
}

/// Verifies a received bundle: its verdict and the codes of its problems.
func verifyBundle(at path: String) throws -> (status: VerificationReport.Status, problems: [String]) {
    let report = BundleVerifier(rules: try RuleSet.bundled()).verify(path)
    return (report.status, report.problems.map(\.code.rawValue))
}

/// Packs the case in `caseFolder` into `output`, then verifies the bundle just written.
func packAndVerify(_ caseFolder: String, to output: String) throws -> VerificationReport.Status {
    let rules = try RuleSet.bundled()
    let loaded = try CaseFile.load(path: caseFolder, rules: rules)
    _ = try BundlePacker().pack(loaded, rules: rules, to: output, options: PackOptions())
    return BundleVerifier(rules: rules).verify(output).status
}

/// Docs/export.md's example: one call exports a bundle for a channel.
func exportForTheRegulator(bundle: String, to folder: String) throws -> ExportReport {
    var options = ExportOptions(channel: "12315")
    options.language = .zh
    return try Exporter(rules: try RuleSet.bundled()).export(bundle, to: folder, options: options)
}

/// Runs the getting-started article's code on the samples.
struct DocsSwiftExampleTests {
    static let article = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/EvidenceKit/EvidenceKit.docc/GettingStarted.md").path

    @Test func theArticlesSwiftBlocksAreTheCodeRunHere() throws {
        let article = try String(contentsOfFile: DocsSwiftExampleTests.article, encoding: .utf8)
        let blocks = CodeBlock.all(in: article)
        #expect(blocks.map(\.language) == ["swift", "swift", "swift", "swift", "swift"])
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        for block in blocks { #expect(source.contains(block.text), "\(block) differs from DocsSwiftExampleTests.swift") }
    }

    @Test func inspectFindsTheDamagedFileAndOnlyIt() throws {
        let dir = TemporaryDirectory("getting-started")
        dir.write("good.png", fixture("check/screenshot.png"))
        dir.write("broken.jpg", fixture("check/corrupt.jpg"))
        let damaged = try damagedFiles(in: dir.path)
        #expect(damaged.map(\.path) == [dir.path + "/broken.jpg"])
        #expect(damaged.first?.codes.contains("jpeg.corrupt") == true)
    }

    @Test func checkSaysWhichSampleIsCompleteAndWhatTheOtherLacks() throws {
        let complete = try checkCase(at: Repository.samples + "/quality-earbuds")
        #expect(complete.complete && complete.missing.isEmpty)
        let incomplete = try checkCase(at: Repository.samples + "/counterfeit-sneakers")
        #expect(!incomplete.complete && incomplete.missing == ["item-details", "sold-as-genuine"])
    }

    @Test func packThenVerifyRoundTripsAndIncompleteEvidenceIsRefused() throws {
        let dir = TemporaryDirectory("getting-started")
        let output = dir.path + "/earbuds.zip"
        let packed = try packCase(at: Repository.samples + "/quality-earbuds", to: output)
        #expect(packed.verdict == .complete && packed.itemCount == 5)
        let tagManifest = try ProcessRunner.run("/usr/bin/unzip", ["-p", output, "earbuds/tagmanifest-sha256.txt"])
        #expect(tagManifest.status == 0)
        #expect(sha256Hex([UInt8](tagManifest.stdoutData)) == packed.tagManifestSHA256 && packed.bundleSHA256 == nil)
        let verified = try verifyBundle(at: output)
        #expect(verified.status == .validComplete && verified.problems.isEmpty)

        #expect(throws: PackError.self) { try packCase(at: Repository.samples + "/counterfeit-sneakers", to: dir.path + "/no.zip") }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/no.zip"))

        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
        bytes.append(0)
        dir.write("earbuds.zip", bytes)
        #expect(try verifyBundle(at: output).status == .invalid)
    }

    @Test func packAndVerifyGivesAValidCompleteBundle() throws {
        let dir = TemporaryDirectory("getting-started")
        defer { dir.remove() }
        #expect(try packAndVerify(Repository.samples + "/quality-earbuds", to: dir.path + "/earbuds.zip") == .validComplete)
        #expect(throws: PackError.self) { try packAndVerify(Repository.samples + "/counterfeit-sneakers", to: dir.path + "/no.zip") }
    }

    @Test func theExportDocsExampleExportsAPackedSample() throws {
        let dir = TemporaryDirectory("getting-started")
        let status = try packAndVerify(Repository.samples + "/quality-earbuds", to: dir.file("b.zip"))
        #expect(status == .validComplete)
        let report = try exportForTheRegulator(bundle: dir.file("b.zip"), to: dir.file("投诉材料"))
        #expect(report.files.map(\.name) == ["证据材料.pdf", "说明.txt"])
        #expect(report.bagDigest?.count == 64)
    }
}
