import Foundation
import EvidenceTestSupport
import Testing
import EvidenceKit

/// `evidence pack` prints the bag digest (the SHA-256 of `tagmanifest-sha256.txt`, as stored
/// in the bundle) every time; `--sha256` adds the bundle file's own SHA-256. Neither changes a
/// byte of the bundle.
@Suite struct PackSHA256FlagTests {
    let dir = TemporaryDirectory("pack-sha256")

    /// The bytes of one entry of a zip, read by Info-ZIP `unzip -p` (a third-party reader).
    private func unzipEntry(_ zip: String, _ entry: String) throws -> [UInt8] {
        let result = try ProcessRunner.run("/usr/bin/unzip", ["-p", zip, entry])
        #expect(result.status == 0)
        return [UInt8](result.stdoutData)
    }

    @Test func theBagDigestIsAlwaysShownAndTheFileDigestOnlyWithSHA256() throws {
        let sample = Repository.samples + "/quality-earbuds"
        // The same file name in two folders: the same bag name, so the same bytes are expected.
        for sub in ["a", "b"] { try FileManager.default.createDirectory(atPath: dir.path + "/" + sub, withIntermediateDirectories: true) }
        let withFlag = dir.path + "/a/证据包.zip", without = dir.path + "/b/证据包.zip"
        let human = try CLI.run(["pack", sample, "-o", withFlag, "--sha256", "--lang", "en"], environment: PackCommandTests.epoch)
        #expect(human.status == 0, "\(human.stderr)")
        let digest = sha256Hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: withFlag))))
        let bagDigest = sha256Hex(try unzipEntry(withFlag, "证据包/tagmanifest-sha256.txt"))
        #expect(human.stdout.contains("  Bundle file SHA-256: \(digest)\n"), "\(human.stdout)")
        #expect(human.stdout.contains("  Bag digest (SHA-256 of tagmanifest-sha256.txt; pins every file in the bag): \(bagDigest)\n"),
                "\(human.stdout)")

        let json = try CLI.run(["pack", sample, "-o", withFlag, "--sha256", "--json", "--force"], environment: PackCommandTests.epoch)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.json["bundle_sha256"] as? String == digest, "\(json.stdout)")
        #expect(json.json["tag_manifest_sha256"] as? String == bagDigest, "\(json.stdout)")

        // The default: the bag digest only. (A zh bundle is another bag: zh payload names and page.)
        let plain = try CLI.run(["pack", sample, "-o", without, "--lang", "zh"], environment: PackCommandTests.epoch)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!plain.stdout.contains("证据包文件 SHA-256"), "\(plain.stdout)")
        let zhDigest = sha256Hex(try unzipEntry(without, "证据包/tagmanifest-sha256.txt"))
        #expect(zhDigest != bagDigest)
        #expect(plain.stdout.contains("证据包指纹（tagmanifest-sha256.txt 的 SHA-256，锁定包内每个文件）：\(zhDigest)\n"), "\(plain.stdout)")
        let plainJSON = try CLI.run(["pack", sample, "-o", without, "--no-sha256", "--json", "--force", "--lang", "en"],
                                    environment: PackCommandTests.epoch)
        #expect(plainJSON.status == 0, "\(plainJSON.stderr)")
        #expect(plainJSON.json["bundle_sha256"] == nil && plainJSON.json["tag_manifest_sha256"] as? String == bagDigest,
                "\(plainJSON.stdout)")
        // Without the file digest the bundle is byte for byte the same.
        #expect(sha256Hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: without)))) == digest)
    }

    /// The bag digest names the bag, not its container: the zip and the tar.gz of one case
    /// (same bag name, same SOURCE_DATE_EPOCH) give the same one, and another case another.
    @Test func theBagDigestIsTheSameForZipAndTarGz() throws {
        let sample = Repository.samples + "/quality-earbuds"
        let zip = try CLI.run(["pack", sample, "-o", dir.path + "/证据包.zip", "--json"], environment: PackCommandTests.epoch)
        let tar = try CLI.run(["pack", sample, "-o", dir.path + "/证据包.tar.gz", "--json"], environment: PackCommandTests.epoch)
        try FileManager.default.createDirectory(atPath: dir.path + "/other", withIntermediateDirectories: true)
        let other = try CLI.run(["pack", Repository.samples + "/missing-items-charger", "-o", dir.path + "/other/证据包.zip", "--json"],
                                environment: PackCommandTests.epoch)
        #expect(zip.status == 0 && tar.status == 0, "\(zip.stderr) \(tar.stderr)")
        let digest = try #require(zip.json["tag_manifest_sha256"] as? String)
        #expect(digest.count == 64)
        #expect(tar.json["tag_manifest_sha256"] as? String == digest, "\(tar.stdout)")
        #expect(other.json["tag_manifest_sha256"] as? String != digest, "\(other.stdout)")
        // The agent's side: verify shows the digest the shopper was given, for either container.
        for bundle in [dir.path + "/证据包.zip", dir.path + "/证据包.tar.gz"] {
            let verified = try CLI.run(["verify", bundle, "--json"])
            #expect(verified.status == 0, "\(verified.stdout)")
            let report = (verified.json["bundles"] as? [[String: Any]])?.first
            #expect((report?["bag"] as? [String: Any])?["tag_manifest_sha256"] as? String == digest, "\(verified.stdout)")
        }
    }
}
