import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// A bundle judged with other rules: a different verdict is a rules change, reported as
/// `meaning.rules-version-differs` (warning, both versions named), not tampering; with the same
/// rules version a different verdict is still `meaning.completeness-mismatch` (invalid).
@Suite struct VerifyRulesVersionTests {
    let dir = TemporaryDirectory("rules-version")
    static let sample = Repository.samples + "/quality-earbuds"
    static let stricterVersion = "taobao-2099.1-test"

    /// The bundled rules with `version`, where a quality complaint also requires an unboxing
    /// video (the sample has none).
    func stricterRules(version: String = stricterVersion) throws -> String {
        let bundled = Data(RuleSet.bundledDocument.utf8)
        var rules = try #require(try JSONSerialization.jsonObject(with: bundled) as? [String: Any])
        rules["version"] = version
        var categories = try #require(rules["categories"] as? [[String: Any]])
        let index = try #require(categories.firstIndex { $0["id"] as? String == "quality" })
        var requirements = try #require(categories[index]["requirements"] as? [[String: Any]])
        var unboxing = requirements[0]
        unboxing["id"] = "unboxing-filmed"
        unboxing["role"] = "unboxing-video"
        unboxing["any_of"] = nil
        requirements.append(unboxing)
        categories[index]["requirements"] = requirements
        rules["categories"] = categories
        let path = dir.path + "/rules-\(version).json"
        try JSONSerialization.data(withJSONObject: rules, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: path))
        return path
    }

    func pack(_ name: String, _ extra: [String] = []) throws -> String {
        let out = dir.path + "/" + name
        let packed = try CLI.run(["pack", Self.sample, "-o", out] + extra, environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        try #require(packed.status == 0, "\(packed.stderr)")
        return out
    }

    static func report(_ result: CLI.Result) -> [String: Any] {
        (result.json["bundles"] as? [[String: Any]])?.first ?? [:]
    }

    static func problems(_ result: CLI.Result) -> [[String: Any]] {
        report(result)["problems"] as? [[String: Any]] ?? []
    }

    @Test func aBundlePackedWithTheDefaultRulesVerifiedWithStricterOnesIsIncompleteNotTampered() throws {
        let rules = try stricterRules()
        let bundle = try pack("default.zip")
        // Same rules: complete, nothing to say.
        let same = try CLI.run(["verify", "--json", bundle])
        #expect(same.status == 0 && Self.problems(same).isEmpty, "\(same.stdout)")

        let result = try CLI.run(["verify", "--json", "--rules", rules, bundle])
        #expect(result.status == 3, "\(result.stdout)")
        #expect(Self.report(result)["status"] as? String == "valid-incomplete")
        let problems = Self.problems(result)
        #expect(problems.map { $0["code"] as? String } == ["meaning.rules-version-differs"])
        let problem = try #require(problems.first)
        #expect(problem["severity"] as? String == "warning")
        #expect(problem["expected"] as? String == "taobao-2025.1")
        #expect(problem["found"] as? String == Self.stricterVersion)
        #expect(problem["detail"] as? String == "recorded complete, now incomplete [unboxing-filmed]")
        let message = try #require(problem["message"] as? [String: String])
        for text in [message["zh"], message["en"]] {
            #expect(text?.contains("taobao-2025.1") == true && text?.contains(Self.stricterVersion) == true)
        }
        #expect(message["zh"]?.contains("不是篡改") == true && message["en"]?.contains("not from tampering") == true)
        // The recorded verdict stays visible; the status follows the rules used now.
        let evidence = try #require(Self.report(result)["evidence"] as? [String: Any])
        #expect((evidence["recorded"] as? [String: Any])?["status"] as? String == "complete")
        #expect((evidence["recomputed"] as? [String: Any])?["rules_version"] as? String == Self.stricterVersion)

        let human = try CLI.run(["verify", "--lang", "en", "--rules", rules, bundle])
        #expect(human.status == 3)
        #expect(human.stdout.contains("! [meaning.rules-version-differs]"))
        #expect(human.stdout.contains("recomputed with rules \(Self.stricterVersion)"))
    }

    @Test func aBundlePackedWithStricterRulesVerifiedWithTheDefaultOnesIsComplete() throws {
        let rules = try stricterRules()
        // The stricter rules find the sample incomplete: packed only with --allow-incomplete.
        let bundle = try pack("stricter.zip", ["--rules", rules, "--allow-incomplete"])
        let own = try CLI.run(["verify", "--json", "--rules", rules, bundle])
        #expect(own.status == 3 && Self.problems(own).isEmpty, "\(own.stdout)")

        let result = try CLI.run(["verify", "--json", bundle], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(Self.report(result)["status"] as? String == "valid-complete")
        let problems = Self.problems(result)
        #expect(problems.map { $0["code"] as? String } == ["meaning.rules-version-differs"])
        #expect(problems.first?["expected"] as? String == Self.stricterVersion)
        #expect(problems.first?["found"] as? String == "taobao-2025.1")
        #expect(problems.first?["detail"] as? String == "recorded incomplete [unboxing-filmed], now complete")
        let zh = try CLI.run(["verify", "--lang", "zh", bundle])
        #expect(zh.status == 0)
        #expect(zh.stdout.contains("证据包按规则 \(Self.stricterVersion) 判断是否齐全，本次核验使用规则 taobao-2025.1"))
    }

    @Test func theSameRulesVersionWithADifferentVerdictIsStillTampering() throws {
        // Rules that claim the bundled version but require more: the versions agree, so the
        // verdicts must too; a difference is refused as before.
        let rules = try stricterRules(version: "taobao-2025.1")
        let bundle = try pack("default.zip")
        let result = try CLI.run(["verify", "--json", "--rules", rules, bundle])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(Self.problems(result).map { $0["code"] as? String } == ["meaning.completeness-mismatch"])
    }

    @Test func theLibraryReportsAVersionChangeWithTheSameVerdictAsAWarningOnly() {
        let bundle = TestBag.quality().zip()
        let newer = BundleVerifier(recomputeCompleteness: { manifest in
            var result = manifest.completeness
            result.rulesVersion = "2027.1"
            return result
        })
        let report = verifyBytes(bundle, verifier: newer)
        #expect(report.codes == [.rulesVersionDiffers])
        #expect(report.problems[0].expected == "2026.1" && report.problems[0].found == "2027.1")
        #expect(report.problems[0].detail == "same verdict: complete")
        #expect(report.status == .validComplete)
    }
}
