import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// `evidence rules --export`, and the rules living inside the binary.
@Suite struct RulesCommandTests {
    let dir = TemporaryDirectory("rules-command")

    @Test func exportPrintsTheBundledRulesWhichLoadBackToTheSameRules() throws {
        let exported = try CLI.run(["rules", "--export"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout == RuleSet.bundledDocument + "\n")
        let file = dir.write("my-rules.json", text: exported.stdout)
        // The exported file, given back with --rules, describes exactly the bundled rules.
        let bundled = try CLI.run(["rules", "--json"])
        let reloaded = try CLI.run(["rules", "--json", "--rules", file])
        #expect(reloaded.status == 0 && reloaded.stdout == bundled.stdout, "\(reloaded.stderr)")
        #expect(reloaded.json["rules_version"] as? String == "taobao-2025.1", "\(reloaded.stdout)")
    }

    @Test func exportOfAnotherRulesFileGivesItsBytesOnlyWhenItLoads() throws {
        let edited = RuleSet.bundledDocument.replacingOccurrences(of: "\"version\": \"taobao-2025.1\"", with: "\"version\": \"my-shop-1\"")
        #expect(edited != RuleSet.bundledDocument)
        let good = dir.write("good.json", text: edited)
        let result = try CLI.run(["rules", "--export", "--rules", good])
        #expect(result.status == 0 && result.stdout == edited, "\(result.stderr)")

        let broken = dir.write("broken.json", text: edited.replacingOccurrences(of: "\"product-photo\"", with: "\"product-fotos\""))
        let refused = try CLI.run(["rules", "--export", "--rules", broken, "--lang", "en"])
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("broken.json") && refused.stderr.contains("product-fotos"), "\(refused.stderr)")
    }

    @Test(arguments: [["quality"], ["--json"], ["--markdown"]])
    func exportTakesNothingElse(extra: [String]) throws {
        let result = try CLI.run(["rules", "--export"] + extra)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stdout.isEmpty)
    }

    /// The binary carries its rules: a copy in a folder of its own (as after `cp evidence
    /// /usr/local/bin`) lists the rules and checks a sample. It used to load them from a
    /// resource bundle beside the build folder and die with a fatal error without it.
    @Test func aCopiedBinaryWorksOnItsOwn() throws {
        let copy = dir.path + "/bin/evidence"
        try FileManager.default.createDirectory(atPath: dir.path + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.executable, toPath: copy)
        let rules = try ProcessRunner.run(copy, ["rules", "quality", "--lang", "en"], environment: ["LANG": "en_US.UTF-8"])
        #expect(rules.status == 0 && rules.output.contains("Quality problem (quality)"), "\(rules.output)")
        let check = try ProcessRunner.run(copy, ["check", Repository.samples + "/quality-earbuds", "--lang", "en", "--today", "2026-11-10"],
                                         environment: ["LANG": "en_US.UTF-8"])
        #expect(check.status == 0, "\(check.output)")
    }
}
