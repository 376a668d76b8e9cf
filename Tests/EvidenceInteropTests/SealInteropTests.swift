import Foundation
import EvidenceTestSupport
import Testing

/// Our seals read by other tools: `openssl ts -verify` (as an agent without EvidenceKit, and as
/// harvard-lil/bag-nabit runs it), bagit-python on a sealed bag, the JSON Schemas on the seal
/// outputs, and the documentation's seal examples run against the tests' local authority.
struct SealInteropTests {
    let authority = LocalTimestampAuthority.shared

    /// A sealed zip of the quality sample in `dir` (its bag is named `plain`, after the bundle
    /// that was packed), and its unpacked bag folder.
    func sealed(_ dir: TemporaryDirectory) throws -> (zip: String, bag: String) {
        let plain = dir.file("plain.zip"), zip = dir.file("证据包.zip")
        let pack = try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", plain], environment: ["SOURCE_DATE_EPOCH": "1795000000"])
        #expect(pack.status == 0, "\(pack.stderr)")
        let seal = try CLI.run(["seal", plain, "--tsa", authority.url(.good), "--tsa", authority.url(.good),
                                "--tsa-ca", authority.caFile, "-o", zip])
        #expect(seal.status == 0, "\(seal.stderr)")
        let unpacked = dir.file("unpacked")
        try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
        let unzip = try ProcessRunner.run("/usr/bin/unzip", ["-q", zip, "-d", unpacked])
        #expect(unzip.status == 0, "\(unzip.output)")
        return (zip, unpacked + "/plain")
    }

    func folder(_ path: String) throws -> String {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func opensslAcceptsOurTokens() throws {
        let dir = TemporaryDirectory("seal-interop")
        defer { dir.remove() }
        let (_, bag) = try sealed(dir)
        for token in ["signatures/tagmanifest-sha256.txt.tsr", "signatures/tagmanifest-sha256.txt.2.tsr"] {
            // As an agent does: the authority's root from outside the bundle.
            let own = try ProcessRunner.run("/usr/bin/openssl", ["ts", "-verify", "-data", "tagmanifest-sha256.txt", "-in", token,
                                                                "-CAfile", authority.caFile, "-untrusted", token + ".crt"], in: bag)
            #expect(own.status == 0 && own.stdout.contains("Verification: OK"), "\(own.output)")
            // As bag-nabit does: the chain file beside the token.
            let nabit = try ProcessRunner.run("/usr/bin/openssl", ["ts", "-verify", "-data", "tagmanifest-sha256.txt", "-in", token,
                                                                  "-CAfile", token + ".crt"], in: bag)
            #expect(nabit.status == 0, "\(nabit.output)")
            // Another CA's root does not verify it.
            let other = try ProcessRunner.run("/usr/bin/openssl", ["ts", "-verify", "-data", "tagmanifest-sha256.txt", "-in", token,
                                                                  "-CAfile", authority.otherCAFile], in: bag)
            #expect(other.status != 0)
        }
        // A tag manifest changed by one byte: openssl refuses the token too.
        let edited = dir.write("edited.txt", Array(try Data(contentsOf: URL(fileURLWithPath: bag + "/tagmanifest-sha256.txt"))) + [0x0A])
        let refused = try ProcessRunner.run("/usr/bin/openssl", ["ts", "-verify", "-data", edited, "-in", "signatures/tagmanifest-sha256.txt.tsr",
                                                                "-CAfile", authority.caFile], in: bag)
        #expect(refused.status != 0)
    }

    @Test func bagitPythonAcceptsASealedBag() throws {
        #expect(PythonTools.python != nil, "make venv")
        let dir = TemporaryDirectory("seal-interop")
        defer { dir.remove() }
        let (_, bag) = try sealed(dir)
        let result = try ProcessRunner.run(PythonTools.bagit, ["--validate", bag])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func sealOutputsMatchTheirSchemas() throws {
        let dir = TemporaryDirectory("seal-interop")
        defer { dir.remove() }
        let (zip, _) = try sealed(dir)
        let verify = try CLI.run(["verify", zip, "--json", "--tsa-ca", authority.caFile])
        #expect(verify.status == 0)
        let lines = try CLI.run(["verify", zip, "--json-lines"])
        let seal = try CLI.run(["seal", zip, "--tsa", authority.url(.good), "--tsa-ca", authority.caFile, "-o", dir.file("again.zip"), "--json"])
        #expect(seal.status == 0, "\(seal.stderr)")
        let pack = try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", dir.file("packed.zip"), "--tsa", authority.url(.good),
                                "--tsa-ca", authority.caFile, "--json"])
        #expect(pack.status == 0, "\(pack.stderr)")
        try expectSchemaValid("verify.schema.json", [dir.write("verify.json", text: verify.stdout)])
        try expectSchemaValid("verify-report.schema.json", [dir.write("verify.jsonl", text: lines.stdout)])
        try expectSchemaValid("seal.schema.json", [dir.write("seal.json", text: seal.stdout)])
        try expectSchemaValid("pack.schema.json", [dir.write("pack.json", text: pack.stdout)])
        #expect(lines.stdout.contains("\"status\":\"untrusted\""))
    }

    /// Docs/sealing.md's check with OpenSSL alone, run as written against a sealed bundle.
    @Test func theDocumentedOpenSSLCheckRuns() throws {
        let dir = TemporaryDirectory("seal-docs")
        defer { dir.remove() }
        let (zip, _) = try sealed(dir)
        let blocks = CodeBlock.all(in: try Repository.read("Docs/sealing.md")).filter { $0.attributes["needs"] == "sealed-bundle" }
        #expect(blocks.count == 1)
        let work = dir.file("agent")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        for block in blocks {
            let result = try ProcessRunner.run("/bin/bash", ["-euo", "pipefail", "-c", block.text],
                                               environment: ["PATH": "/usr/bin:/bin", "BUNDLE": zip, "CA": authority.caFile, "LANG": "C.UTF-8"],
                                               in: work)
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("Verification: OK"), "\(result.output)")
            #expect(result.stdout.contains("Policy OID: "), "\(result.stdout)")
        }
        // Against a bundle whose tag manifest no longer matches its seal, the same check fails.
        try FileManager.default.removeItem(atPath: work + "/unpacked")
        let other = dir.file("other.zip")
        let repacked = try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", other], environment: ["SOURCE_DATE_EPOCH": "1795000001"])
        #expect(repacked.status == 0)
        let moved = dir.file("moved")
        try FileManager.default.createDirectory(atPath: moved, withIntermediateDirectories: true)
        #expect(try ProcessRunner.run("/usr/bin/unzip", ["-q", other, "-d", moved]).status == 0)
        #expect(try ProcessRunner.run("/usr/bin/unzip", ["-q", zip, "plain/signatures/*", "-d", moved]).status == 0)
        try FileManager.default.moveItem(atPath: moved + "/plain/signatures", toPath: moved + "/other/signatures")
        try FileManager.default.removeItem(atPath: moved + "/plain")
        #expect(try ProcessRunner.run("/usr/bin/zip", ["-qr", dir.file("forged.zip"), "other"], in: moved).status == 0)
        let forged = try ProcessRunner.run("/bin/bash", ["-euo", "pipefail", "-c", blocks[0].text],
                                           environment: ["PATH": "/usr/bin:/bin", "BUNDLE": dir.file("forged.zip"), "CA": authority.caFile,
                                                         "LANG": "C.UTF-8"], in: try folder(dir.file("agent2")))
        #expect(forged.status != 0, "\(forged.output)")
    }

    /// Every `sh needs=tsa` block of the documentation, after that document's other `sh`
    /// blocks, with `$TSA_URL` the local authority (trusted through `SSL_CERT_FILE`, as a
    /// public authority is through the system store) and a packed `证据包.zip` at hand.
    @Test(arguments: ["Docs/sealing.md", "Docs/cli.md", "Docs/user-guide.zh.md", "Docs/user-guide.en.md"])
    func theDocumentedSealExamplesRun(document: String) throws {
        let blocks = CodeBlock.all(in: try Repository.read(document)).filter { $0.language == "sh" }
        let needing = blocks.filter { $0.attributes["needs"] == "tsa" }
        #expect(!needing.isEmpty, "\(document) shows no seal example")
        let dir = TemporaryDirectory("seal-docs")
        defer { dir.remove() }
        try FileManager.default.copyItem(atPath: Repository.samples, toPath: dir.path + "/Samples")
        try FileManager.default.createDirectory(atPath: dir.path + "/Docs", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.path("Docs/json"), toPath: dir.path + "/Docs/json")
        let environment = ["PATH": "\(CLI.productsFolder):\(PythonTools.venv)/bin:/usr/local/bin:/usr/bin:/bin", "HOME": dir.path,
                           "LANG": "C.UTF-8", "TZ": "UTC", "TSA_URL": authority.url(.good), "SSL_CERT_FILE": authority.caFile]
        let prepare = try CLI.run(["pack", "Samples/quality-earbuds", "-o", "证据包.zip"], currentDirectory: dir.path)
        #expect(prepare.status == 0, "\(prepare.stderr)")
        for block in blocks.filter({ $0.attributes["needs"] == nil }) + needing {
            let result = try ProcessRunner.run("/bin/bash", ["-euo", "pipefail", "-c", block.text], environment: environment, in: dir.path)
            #expect(result.status == block.expectedExit, "\(document): \(block)\n\(block.text)\n\(result.output)")
        }
    }
}
