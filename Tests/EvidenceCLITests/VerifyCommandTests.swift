import Foundation
import EvidenceTestSupport
import Testing

/// `evidence verify` on real bundles packed by `evidence pack`: one JSON line per bundle, the
/// worst exit code, both languages, usage errors.
struct VerifyCommandTests {
    @Test func cliPrintsOneJSONLinePerBundleAndTheWorstExitCode() throws {
        let folder = TemporaryDirectory("verify-cli")
        defer { folder.remove() }
        // Real bundles packed from the samples: the CLI recomputes completeness with the bundled
        // rules, so the incomplete one must be genuinely incomplete (packed with --allow-incomplete).
        let good = folder.path + "/good.zip", incomplete = folder.path + "/incomplete.zip"
        #expect(try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", good], currentDirectory: folder.path).status == 0)
        #expect(try CLI.run(["pack", Repository.samples + "/counterfeit-sneakers", "-o", incomplete, "--allow-incomplete"],
                            currentDirectory: folder.path).status == 0)
        let bad = folder.write("bad.zip", TestZip([TestZip.Entry("../evil", [1])]).bytes())
        let lines = try CLI.run(["verify", "--json-lines", "--jobs", "2", good, incomplete, bad], currentDirectory: folder.path)
        #expect(lines.status == 1)
        let objects = lines.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.map { $0?["status"] as? String } == ["valid-complete", "valid-incomplete", "invalid"])
        let text = try CLI.run(["verify", "--lang", "zh", good, incomplete], currentDirectory: folder.path)
        #expect(text.status == 3)
        #expect(text.stdout.contains("有效，证据齐全") && text.stdout.contains("有效，但证据不齐全"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["bad.zip", "good.zip", "incomplete.zip"])
    }

    /// Without libmagic's database (`MAGIC` pointing nowhere), no payload content can be read:
    /// a bundle whose product photo is an executable must not pass as complete on its
    /// manifests alone. Nothing was judged, so it is unreadable (exit 2), saying why.
    @Test func withoutTheTypeDatabaseNoContentIsReadAndNothingIsValid() throws {
        let folder = TemporaryDirectory("verify-cli")
        defer { folder.remove() }
        let good = folder.path + "/good.zip"
        #expect(try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", good], currentDirectory: folder.path).status == 0)
        let missing = ["MAGIC": folder.path + "/no-such-magic.mgc"]
        for language in ["en", "zh"] {
            let result = try CLI.run(["verify", "--lang", language, good], environment: missing, currentDirectory: folder.path)
            #expect(result.status == 2, "\(result.output)")
            #expect(result.stdout.contains("content.not-read"), "\(result.stdout)")
            #expect(result.stdout.contains(language == "en" ? "libmagic-mgc" : "类型数据库"))
        }
        let json = try CLI.run(["verify", "--json-lines", good], environment: missing, currentDirectory: folder.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "unreadable")
        // The same bundle with the database: read and valid.
        #expect(try CLI.run(["verify", good], currentDirectory: folder.path).status == 0)
    }

    @Test func aUsageErrorExitsTwo() throws {
        let missing = try CLI.run(["verify"])
        #expect(missing.status == 2, "\(missing.output)")
        #expect(try CLI.run(["verify", "--bogus", "x.zip"]).status == 2)
    }
}
