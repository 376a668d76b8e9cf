import Foundation
import EvidenceTestSupport
import Testing

/// `evidence pack` as a user runs it on the samples: exit codes, determinism across time
/// zones, refusals that leave nothing behind, third-party readers on the result.
@Suite struct PackCommandTests {
    let dir = TemporaryDirectory("pack-cli")
    static let epoch = ["SOURCE_DATE_EPOCH": "1764374400"]

    @Test(arguments: [
        ("quality-earbuds", Int32(0)), ("not-as-described-jacket", 0), ("counterfeit-sneakers", 3),
        ("missing-items-charger", 0), ("shipping-delay-lamp", 0), ("logistics-lost-parcel", 0),
        ("price-fraud-blender", 3), ("order-status-intercept", 0),
    ])
    func everySamplePacksOrIsRefusedAsIncomplete(folder: String, exit: Int32) throws {
        let out = dir.path + "/\(folder).zip"
        let result = try CLI.run(["pack", Repository.samples + "/" + folder, "-o", out, "--json"], environment: Self.epoch)
        #expect(result.status == exit, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: out) == (exit == 0))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.contains("partial") })
        if exit == 3 {
            #expect(result.stderr.contains("pack.incomplete"))
            let forced = try CLI.run(["pack", Repository.samples + "/" + folder, "-o", out, "--allow-incomplete"], environment: Self.epoch)
            #expect(forced.status == 0)
            #expect(FileManager.default.fileExists(atPath: out))
        } else {
            #expect(result.json["item_count"] != nil || result.json["itemCount"] != nil, "\(result.stdout)")
        }
    }

    @Test func theSameCaseGivesTheSameBytesInEveryTimeZone() throws {
        var digests: Set<String> = []
        for zone in ["UTC", "Asia/Shanghai", "America/New_York"] {
            // Same bundle name (it names the bag folder), a different folder per zone.
            let folder = dir.path + "/\(zone.replacingOccurrences(of: "/", with: "-"))"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let out = folder + "/证据包.zip"
            let result = try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", out], environment: ["TZ": zone, "SOURCE_DATE_EPOCH": "1764374400"])
            #expect(result.status == 0, "\(result.stderr)")
            digests.insert(sha256Hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))))
        }
        #expect(digests.count == 1)
    }

    @Test func anExistingBundleIsNotReplacedWithoutForce() throws {
        let out = dir.write("bundle.zip", text: "keep me")
        let refused = try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", out])
        #expect(refused.status == 2)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")
        let forced = try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", out, "--force"])
        #expect(forced.status == 0)
    }

    @Test func corruptEvidenceIsRefusedWithExitOne() throws {
        let sample = Repository.samples + "/quality-earbuds"
        let copy = dir.path + "/case"
        try FileManager.default.copyItem(atPath: sample, toPath: copy)
        let png = copy + "/订单截图.png"
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: png)))
        try Data(bytes.dropLast(12)).write(to: URL(fileURLWithPath: png))
        let result = try CLI.run(["pack", copy, "-o", dir.path + "/out.zip", "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("订单截图.png"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out.zip"))
    }

    @Test func aBadCaseFileIsAUsageError() throws {
        let bad = dir.write("case/case.yaml", text: "category: nonsense\nevidence: []\n")
        let result = try CLI.run(["pack", bad, "-o", dir.path + "/out.zip"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("case.yaml"))
    }

    @Test
    func thirdPartyReadersAcceptAPackedSample() throws {
        let out = dir.path + "/证据-quality.zip"
        #expect(try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", out, "--lang", "zh"], environment: Self.epoch).status == 0)
        let result = try ProcessRunner.run("/bin/bash", [Repository.path("Tests/interop/run.sh"), out])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("bagit.py: valid"), "\(result.output)")
    }
}
