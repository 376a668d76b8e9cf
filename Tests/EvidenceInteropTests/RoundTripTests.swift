import Foundation
import EvidenceTestSupport
import Testing

/// Every sample packed by `pack` verifies with `verify`: exit 0 when complete, 3 when packed
/// with `--allow-incomplete`; the recorded verdict is recomputed with the rules and agrees.
@Suite struct RoundTripTests {
    let dir = TemporaryDirectory("round-trip")

    static let samples: [(String, Int32)] = [
        ("quality-earbuds", 0), ("not-as-described-jacket", 0), ("counterfeit-sneakers", 3),
        ("missing-items-charger", 0), ("shipping-delay-lamp", 0), ("logistics-lost-parcel", 0),
        ("price-fraud-blender", 3), ("order-status-intercept", 0),
    ]

    @Test(arguments: samples, [BundleFormatArgument.zip, .tarGz])
    func packedSamplesVerify(sample: (String, Int32), format: BundleFormatArgument) throws {
        let (folder, exit) = sample
        let out = dir.path + "/\(folder).\(format.rawValue)"
        let packed = try CLI.run(["pack", Repository.samples + "/" + folder, "-o", out, "--allow-incomplete"],
                                 environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        #expect(packed.status == 0, "\(packed.stderr)")
        let verified = try CLI.run(["verify", "--json", out])
        #expect(verified.status == exit, "\(verified.stdout)")
        let bundles = verified.json["bundles"] as? [[String: Any]] ?? []
        #expect(bundles.count == 1)
        let problems = bundles.first?["problems"] as? [[String: Any]] ?? []
        #expect(problems.filter { ($0["severity"] as? String) == "error" }.isEmpty, "\(problems)")
    }

    @Test func aBundleWhoseRecordedVerdictLiesIsCaught() throws {
        // Pack an incomplete case with --allow-incomplete, unpack it, claim "complete" in
        // evidence.json and re-seal the tag manifest: fixity holds, the recomputation does not.
        let out = dir.path + "/c.zip"
        #expect(try CLI.run(["pack", Repository.samples + "/counterfeit-sneakers", "-o", out, "--allow-incomplete"]).status == 0)
        let unpacked = dir.path + "/unpacked"
        try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
        #expect(try ProcessRunner.run("/usr/bin/env", ["bsdtar", "-xf", out, "-C", unpacked]).status == 0)
        let bag = unpacked + "/c"
        let jsonPath = bag + "/evidence.json"
        var json = try String(contentsOfFile: jsonPath, encoding: .utf8)
        #expect(json.contains("\"incomplete\""))
        json = json.replacingOccurrences(of: "\"status\" : \"incomplete\"", with: "\"status\" : \"complete\"")
        try json.write(toFile: jsonPath, atomically: true, encoding: .utf8)
        // Re-seal: recompute the evidence.json line of the tag manifest.
        let tagManifest = bag + "/tagmanifest-sha256.txt"
        let lines = try String(contentsOfFile: tagManifest, encoding: .utf8).split(separator: "\n").map { line -> String in
            guard line.hasSuffix(" evidence.json") else { return String(line) }
            return sha256Hex([UInt8](json.utf8)) + " evidence.json"
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: tagManifest, atomically: true, encoding: .utf8)
        let verified = try CLI.run(["verify", "--json", bag])
        #expect(verified.status == 1, "\(verified.stdout)")
        #expect(verified.stdout.contains("meaning.completeness"))
    }
}

enum BundleFormatArgument: String, CaseIterable, Sendable {
    case zip
    case tarGz = "tar.gz"
}
