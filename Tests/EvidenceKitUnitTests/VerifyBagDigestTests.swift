import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// The bag digest in the verify report: the SHA-256 of `tagmanifest-sha256.txt` as stored,
/// compared with the file extracted by a third-party reader and hashed here with swift-crypto.
struct VerifyBagDigestTests {
    /// `tagmanifest-sha256.txt` as `unzip -p` (zip) or `bsdtar -xOf` (tar.gz) extracts it.
    static func extractedTagManifest(_ bundle: String, format: BundleFormat) throws -> [UInt8] {
        let result = try ProcessRunner.run(format == .zip ? "/usr/bin/unzip" : "/usr/bin/bsdtar",
                                           format == .zip ? ["-p", bundle, "bundle/tagmanifest-sha256.txt"] : ["-xOf", bundle, "bundle/tagmanifest-sha256.txt"])
        try #require(result.status == 0)
        return [UInt8](result.stdoutData)
    }

    @Test(arguments: [BundleFormat.zip, .tarGz])
    func theBagDigestIsTheSHA256OfTheStoredTagManifest(format: BundleFormat) throws {
        let (temporary, bundle) = try VerifyArchiveEndTests.packedSample(format)
        defer { temporary.remove() }
        let folder = temporary.path
        let tagManifest = try Self.extractedTagManifest(bundle, format: format)
        #expect(String(decoding: tagManifest, as: UTF8.self).contains("  evidence.json\n"))
        let expected = PackFixtures.sha256(tagManifest)
        let report = BundleVerifier().verify(bundle)
        #expect(report.status == .validComplete)
        #expect(report.bag?.tagManifestSHA256 == expected)

        // The same bag unpacked to a folder has the same digest (the archive's own hash differs).
        try VerifyArchiveEndTests.tool("/usr/bin/bsdtar", ["-xf", bundle, "-C", folder])
        #expect(BundleVerifier().verify(folder + "/bundle").bag?.tagManifestSHA256 == expected)
        #expect(try PackFixtures.sha256(file: bundle) != expected)
    }

    @Test func aBagWithoutATagManifestHasNoDigestAndAnEditedOneHasAnother() throws {
        var bag = TestBag.quality()
        let original = verifyBytes(bag.zip())
        let stored = bag.files.first { $0.path == "tagmanifest-sha256.txt" }!.bytes
        #expect(original.bag?.tagManifestSHA256 == sha256Hex(stored))
        bag.files.removeAll { $0.path == "tagmanifest-sha256.txt" }
        let without = verifyBytes(bag.zip())
        #expect(without.bag != nil && without.bag?.tagManifestSHA256 == nil)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(without)) as? [String: Any]
        #expect((json?["bag"] as? [String: Any])?.keys.contains("tag_manifest_sha256") == false)
    }

    @Test func theCLIShowsTheBagDigestInBothLanguagesAndInJSON() throws {
        let (temporary, bundle) = try VerifyArchiveEndTests.packedSample(.zip)
        defer { temporary.remove() }
        let folder = temporary.path
        let expected = PackFixtures.sha256(try Self.extractedTagManifest(bundle, format: .zip))
        let en = try CLI.run(["verify", "--lang", "en", bundle])
        #expect(en.status == 0)
        #expect(en.stdout.contains("Bag digest (SHA-256 of tagmanifest-sha256.txt): \(expected)"))
        let zh = try CLI.run(["verify", "--lang", "zh", bundle])
        #expect(zh.stdout.contains("证据包指纹（tagmanifest-sha256.txt 的 SHA-256）：\(expected)"))
        let json = try CLI.run(["verify", "--json", bundle])
        let report = (json.json["bundles"] as? [[String: Any]])?.first
        #expect((report?["bag"] as? [String: Any])?["tag_manifest_sha256"] as? String == expected)
    }
}
