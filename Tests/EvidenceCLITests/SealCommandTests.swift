import Foundation
import EvidenceTestSupport
import Testing

/// `evidence seal`, `pack --tsa` and `verify`'s seal options end to end, against the tests'
/// local time-stamp authority: exit codes (Docs/sealing.md), messages naming the URL, and no
/// partial output when sealing fails.
struct SealCommandTests {
    let authority = LocalTimestampAuthority.shared
    let epoch = ["SOURCE_DATE_EPOCH": "1795000000"]

    func packed(_ dir: TemporaryDirectory, _ name: String = "b.zip") throws -> String {
        let out = dir.file(name)
        let result = try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", out], environment: epoch)
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    func listing(_ dir: TemporaryDirectory) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() }

    @Test func sealThenVerifyWithAndWithoutTheAuthoritysRoot() throws {
        let dir = TemporaryDirectory("seal-cli")
        defer { dir.remove() }
        let bundle = try packed(dir)
        let sealed = dir.file("sealed.zip")
        let seal = try CLI.run(["seal", bundle, "--tsa", authority.url(.good), "--tsa-ca", authority.caFile, "-o", sealed, "--json"])
        #expect(seal.status == 0, "\(seal.stderr)")
        let seals = seal.json["seals"] as? [[String: Any]] ?? []
        #expect(seals.first?["file"] as? String == "signatures/tagmanifest-sha256.txt.tsr")
        #expect(seals.first?["status"] as? String == "valid")

        let trusted = try CLI.run(["verify", sealed, "--tsa-ca", authority.caFile, "--require-seal", "--lang", "en"])
        #expect(trusted.status == 0, "\(trusted.output)")
        #expect(trusted.stdout.contains("✓ Seal "))
        let untrusted = try CLI.run(["verify", sealed, "--lang", "en"])
        #expect(untrusted.status == 0)
        #expect(untrusted.stdout.contains("[seal.untrusted]"))
        let required = try CLI.run(["verify", sealed, "--require-seal"])
        #expect(required.status == 1)
        let unsealed = try CLI.run(["verify", bundle, "--require-seal", "--lang", "zh"])
        #expect(unsealed.status == 1)
        #expect(unsealed.stdout.contains("没有可信时间戳"))
        let json = try CLI.run(["verify", sealed, "--json", "--tsa-ca", authority.caFile])
        let report = (json.json["bundles"] as? [[String: Any]])?.first
        #expect((report?["seals"] as? [[String: Any]])?.first?["policy"] as? String == "1.2.3.4.1")
    }

    @Test func sealInPlaceReplacesTheBundleOnlyWhenDone() throws {
        let dir = TemporaryDirectory("seal-cli")
        defer { dir.remove() }
        let bundle = try packed(dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: bundle))
        let result = try CLI.run(["seal", bundle, "--in-place", "--tsa", authority.url(.good), "--tsa", authority.url(.good),
                                  "--tsa-ca", authority.caFile])
        #expect(result.status == 0, "\(result.stderr)")
        let after = try Data(contentsOf: URL(fileURLWithPath: bundle))
        #expect(after.count > before.count)
        #expect(try listing(dir) == ["b.zip"])
        let verify = try CLI.run(["verify", bundle, "--tsa-ca", authority.caFile, "--json"])
        let seals = ((verify.json["bundles"] as? [[String: Any]])?.first?["seals"] as? [[String: Any]]) ?? []
        #expect(seals.map { $0["file"] as? String } == ["signatures/tagmanifest-sha256.txt.tsr", "signatures/tagmanifest-sha256.txt.2.tsr"])
    }

    @Test(arguments: [
        (LocalTimestampAuthority.Mode.http500, Int32(2), "HTTP 500"), (.untrusted, 1, "--tsa-ca"), (.noEKU, 1, "purpose"),
        (.rejected, 1, "refused"), (.oversized, 1, "limit"), (.slow, 2, "Cannot reach"),
    ])
    func aFailingAuthorityGivesItsExitCodeAndNoOutput(mode: LocalTimestampAuthority.Mode, exit: Int32, words: String) throws {
        let dir = TemporaryDirectory("seal-cli")
        defer { dir.remove() }
        let bundle = try packed(dir)
        let url = authority.url(mode)
        let result = try CLI.run(["seal", bundle, "--tsa", url, "--tsa-ca", authority.caFile, "-o", dir.file("sealed.zip"),
                                  "--timeout", "1", "--lang", "en"])
        #expect(result.status == exit, "\(mode): \(result.output)")
        #expect(result.stderr.contains(url), "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try listing(dir) == ["b.zip"])
    }

    @Test func refusalsAndUsage() throws {
        let dir = TemporaryDirectory("seal-cli")
        defer { dir.remove() }
        let bundle = try packed(dir)
        let url = authority.url(.good)
        // A tampered bundle is refused.
        let tampered = dir.file("tampered.zip")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: bundle))
        bytes.append(0x78)
        try bytes.write(to: URL(fileURLWithPath: tampered))
        let refused = try CLI.run(["seal", tampered, "--tsa", url, "--tsa-ca", authority.caFile, "-o", dir.file("out.zip"), "--lang", "zh"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("核验未通过"))
        // Nothing listening.
        let unreachable = try CLI.run(["seal", bundle, "--tsa", "http://127.0.0.1:9/", "-o", dir.file("out.zip")])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("http://127.0.0.1:9/"))
        // Usage.
        #expect(try CLI.run(["seal", bundle, "-o", dir.file("out.zip")]).status == 2)
        #expect(try CLI.run(["seal", bundle, "--tsa", url]).status == 2)
        #expect(try CLI.run(["seal", bundle, "--tsa", url, "-o", dir.file("out.zip"), "--in-place"]).status == 2)
        #expect(try CLI.run(["seal", bundle, "--tsa", url, "-o", tampered]).status == 2, "an existing OUT")
        #expect(try CLI.run(["seal", bundle, "--tsa", url, "--tsa-ca", dir.file("nothing.pem"), "-o", dir.file("out.zip")]).status == 2)
        #expect(try CLI.run(["verify", bundle, "--tsa-ca", dir.file("nothing.pem")]).status == 2)
        #expect(try listing(dir) == ["b.zip", "tampered.zip"])
    }

    @Test func packWithTSASealsAsTheLastStep() throws {
        let dir = TemporaryDirectory("seal-cli")
        defer { dir.remove() }
        let out = dir.file("sealed.zip")
        let result = try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", out, "--tsa", authority.url(.good),
                                  "--tsa-ca", authority.caFile, "--json"], environment: epoch)
        #expect(result.status == 0, "\(result.stderr)")
        #expect((result.json["seals"] as? [[String: Any]])?.count == 1)
        #expect(result.json["bundle_path"] as? String == out)
        let verify = try CLI.run(["verify", out, "--tsa-ca", authority.caFile, "--require-seal"])
        #expect(verify.status == 0, "\(verify.output)")
        // The bag is named after OUT, as without --tsa.
        #expect(verify.stdout.contains("“sealed”"), "\(verify.stdout)")
        // The same bag as a plain pack of the same case: sealing leaves the bag digest alone.
        let plain = try packed(dir, "plain.zip")
        func digest(_ bundle: String) throws -> String? {
            let r = try CLI.run(["verify", bundle, "--json"])
            return ((r.json["bundles"] as? [[String: Any]])?.first?["bag"] as? [String: Any])?["tag_manifest_sha256"] as? String
        }
        #expect(try digest(plain) != nil)
        #expect(try digest(plain) == digest(out))

        let failed = try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", dir.file("failed.zip"),
                                  "--tsa", authority.url(.http500)], environment: epoch)
        #expect(failed.status == 2)
        #expect(failed.stderr.contains(authority.url(.http500)))
        #expect(try listing(dir) == ["plain.zip", "sealed.zip"], "no bundle and no temporary file left")
    }
}
