import Foundation
import EvidenceTestSupport
import Testing
import EvidenceKit  // public API only: what a web app, a desk service or another program can call

/// The library as a program other than the CLI uses it: pack a case and verify the bundle in a
/// few lines, with verdicts and typed errors (no exit codes, no flags, no signal handlers).
struct PublicAPITests {
    @Test func packAndVerifyWithThePublicAPIInAFewLines() throws {
        let folder = TemporaryDirectory("public-api")
        defer { folder.remove() }
        let rules = try RuleSet.bundled()
        let loaded = try CaseFile.load(path: Repository.samples + "/quality-earbuds", rules: rules)
        let packed = try BundlePacker().pack(loaded, rules: rules, to: folder.file("earbuds.zip"), options: PackOptions())
        let report = BundleVerifier(rules: rules).verify(packed.bundlePath)
        #expect(packed.verdict == .complete)
        #expect(report.status == .validComplete && report.problems.isEmpty)
        #expect(report.evidence?.recomputed?.status == .complete)
    }

    @Test func exportAVerifiedBundleForAChannelInOneCall() throws {
        let folder = TemporaryDirectory("public-api")
        defer { folder.remove() }
        let rules = try RuleSet.bundled()
        let loaded = try CaseFile.load(path: Repository.samples + "/quality-earbuds", rules: rules)
        let packed = try BundlePacker().pack(loaded, rules: rules, to: folder.file("earbuds.zip"), options: PackOptions())
        var options = ExportOptions(channel: "12315")
        options.heif = HEIFConversion(helper: CLI.productsFolder + "/evidence-heif-decode")
        let report = try Exporter(rules: rules).export(packed.bundlePath, to: folder.file("out"), options: options)
        #expect(report.bagDigest == packed.tagManifestSHA256)
        #expect(report.files.map(\.name) == ["证据材料.pdf", "说明.txt"])
        #expect(FileManager.default.fileExists(atPath: folder.file("out/export.json")))
        let refusal = try #require(throws: ExportError.self) {
            try Exporter(rules: rules).export(packed.bundlePath, to: folder.file("out"), options: options)
        }
        #expect(refusal.code == .outputExists)
        #expect(!refusal.message.en.contains("--") && !refusal.message.zh.contains("--"))
    }

    @Test func refusalsAreTypedErrorsNamingNoCommandLineFlag() throws {
        let folder = TemporaryDirectory("public-api")
        defer { folder.remove() }
        let rules = try RuleSet.bundled()
        let incomplete = try CaseFile.load(path: Repository.samples + "/counterfeit-sneakers", rules: rules)
        let refusal = try #require(throws: PackError.self) {
            try BundlePacker().pack(incomplete, rules: rules, to: folder.file("no.zip"), options: PackOptions())
        }
        #expect(refusal.code == .incomplete)
        #expect(!FileManager.default.fileExists(atPath: folder.file("no.zip")))
        let loaded = try CaseFile.load(path: Repository.samples + "/quality-earbuds", rules: rules)
        folder.write("taken.zip", text: "not a bundle")
        let exists = try #require(throws: PackError.self) {
            try BundlePacker().pack(loaded, rules: rules, to: folder.file("taken.zip"), options: PackOptions())
        }
        #expect(exists.code == .outputExists)
        for message in [refusal.message, exists.message] {
            #expect(!message.zh.contains("--") && !message.en.contains("--"), "\(message.en)")
        }
    }

    @Test func aVerifierMadeFromRulesRecomputesTheVerdict() throws {
        let folder = TemporaryDirectory("public-api")
        defer { folder.remove() }
        let rules = try RuleSet.bundled()
        let loaded = try CaseFile.load(path: Repository.samples + "/counterfeit-sneakers", rules: rules)
        _ = try BundlePacker().pack(loaded, rules: rules, to: folder.file("c.zip"), options: PackOptions(allowIncomplete: true))
        let withRules = BundleVerifier(rules: rules).verify(folder.file("c.zip"))
        #expect(withRules.status == .validIncomplete)
        #expect(withRules.evidence?.recomputed?.status == .incomplete)
        // Without rules the recorded verdict is reported as it is, not recomputed.
        #expect(BundleVerifier().verify(folder.file("c.zip")).evidence?.recomputed == nil)
    }
}
