import Foundation
import EvidenceTestSupport
import Testing

/// Every JSON Schema under `Docs/json/` against the real output of the built binary on the
/// samples, and the schemas' strictness (a wrong document is refused).
struct SchemaTests {
    static let samples = Repository.samples
    static let categories = ["quality", "not-as-described", "counterfeit", "missing-items", "shipping-delay", "logistics",
                             "price-fraud", "order-status"]

    /// Runs `evidence` and writes its stdout to `dir/name`.
    @discardableResult
    func output(_ arguments: [String], to name: String, in dir: TemporaryDirectory, exit: Int32,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try CLI.run(arguments, currentDirectory: dir.path)
        #expect(result.status == exit, "evidence \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return dir.write(name, text: result.stdout)
    }

    /// Packs a sample into `dir` and returns the bundle's path.
    func pack(_ sample: String, _ name: String, in dir: TemporaryDirectory, extra: [String] = []) throws -> String {
        let bundle = dir.path + "/" + name
        let result = try CLI.run(["pack", SchemaTests.samples + "/" + sample, "-o", bundle] + extra, environment: ["SOURCE_DATE_EPOCH": "1795000000"])
        #expect(result.status == 0, "pack \(sample): \(result.stderr)")
        return bundle
    }

    /// `evidence.json` of a zip bundle, extracted with Info-ZIP unzip.
    func evidenceJSON(of bundle: String, bag: String, in dir: TemporaryDirectory) throws -> String {
        let result = try ProcessRunner.run("/usr/bin/unzip", ["-p", bundle, bag + "/evidence.json"])
        #expect(result.status == 0, "unzip: \(result.stderr)")
        return dir.write(bag + "-evidence.json", text: result.stdout)
    }

    @Test func everySchemaIsAValidDraft202012SchemaWithItsOwnID() throws {
        let folder = Repository.path("Docs/json")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".schema.json") }.sorted()
        #expect(names == ["check.schema.json", "common.schema.json", "evidence.schema.json", "export.schema.json", "init.schema.json", "inspect.schema.json",
                          "pack.schema.json", "rules-category.schema.json", "rules.schema.json", "seal.schema.json", "verify-report.schema.json",
                          "verify.schema.json"])
        for name in names {
            let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))) as? [String: Any]
            #expect(schema?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema", "\(name)")
            #expect(schema?["$id"] as? String == "https://evidencekit.invalid/schemas/" + name, "\(name)")
        }
        // validate.py checks every schema against the meta-schema before validating anything.
        let dir = TemporaryDirectory("schema")
        let rules = try output(["rules", "--json"], to: "rules.json", in: dir, exit: 0)
        try expectSchemaValid("rules.schema.json", [rules])
    }

    @Test func inspectOutputOnEverySample() throws {
        let dir = TemporaryDirectory("schema")
        try expectSchemaValid("inspect.schema.json", [try output(["inspect", "--json", SchemaTests.samples], to: "inspect.json", in: dir, exit: 0)])
    }

    @Test(arguments: [("quality-earbuds", Int32(0)), ("not-as-described-jacket", 0), ("counterfeit-sneakers", 3), ("missing-items-charger", 0),
                      ("shipping-delay-lamp", 0), ("logistics-lost-parcel", 0), ("price-fraud-blender", 3), ("order-status-intercept", 0)])
    func checkOutputOnEverySample(sample: String, exit: Int32) throws {
        let dir = TemporaryDirectory("schema")
        let file = try output(["check", "--json", "--today", "2026-11-08", SchemaTests.samples + "/" + sample], to: "check.json", in: dir, exit: exit)
        try expectSchemaValid("check.schema.json", [file])
    }

    @Test func checkOutputWithCorruptEvidenceQuickFormAndCaseWarnings() throws {
        let dir = TemporaryDirectory("schema")
        // The quick form with a damaged photo and a duplicate: exit 1, reasons and findings filled in.
        let quick = try output(["check", "--json", "--category", "quality", "--order", "3712345678901234567",
                                "--file", "product-photo=" + fixturePath("check/corrupt.jpg"),
                                "--file", "order-screenshot=" + fixturePath("check/screenshot.png"),
                                "--file", "product-photo=" + fixturePath("check/photo-a.jpg"),
                                "--file", "product-photo=" + fixturePath("check/photo-a.jpg")], to: "quick.json", in: dir, exit: 1)
        try expectSchemaValid("check.schema.json", [quick])
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: quick))) as? [String: Any] ?? [:]
        let reasons = (report["files"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        #expect(reasons.contains("evidence.not-intact"))

        // A case file with an unknown field and out-of-order dates: warnings with line and column.
        dir.write("case/photo.jpg", fixture("check/photo-a.jpg"))
        dir.write("case/order.png", fixture("check/screenshot.png"))
        dir.write("case/case.yaml", text: """
            category: quality
            order_id: "3712345678901234567"
            recieved_at: 2026-11-05
            ordered_at: 2026-11-06
            received_at: 2026-11-05
            durable: true
            complainant:
              name: 张三
            evidence:
              - file: photo.jpg
                role: product-photo
                note: 左耳无声
              - file: order.png
                role: order-screenshot
            """)
        let warned = try output(["check", "--json", "--today", "2026-11-08", dir.path + "/case"], to: "warned.json", in: dir, exit: 0)
        try expectSchemaValid("check.schema.json", [warned])
        let warnings = (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: warned))) as? [String: Any])?["case_warnings"] as? [Any]
        #expect((warnings?.count ?? 0) >= 2)
    }

    @Test func rulesOutputForTheListAndEveryCategory() throws {
        let dir = TemporaryDirectory("schema")
        try expectSchemaValid("rules.schema.json", [try output(["rules", "--json"], to: "rules.json", in: dir, exit: 0)])
        var files: [String] = []
        for category in SchemaTests.categories {
            files.append(try output(["rules", "--json", category], to: category + ".json", in: dir, exit: 0))
        }
        try expectSchemaValid("rules-category.schema.json", files)
    }

    @Test func initOutput() throws {
        let dir = TemporaryDirectory("schema")
        for name in ["商品页面截图.png", "订单截图.png"] {
            try FileManager.default.copyItem(atPath: SchemaTests.samples + "/price-fraud-blender/" + name, toPath: dir.path + "/" + name)
        }
        let first = try output(["init", "--json", "--category", "price-fraud", dir.path], to: "init.json", in: dir, exit: 0)
        let again = try output(["init", "--json", "--force", dir.path], to: "init-again.json", in: dir, exit: 0)
        try expectSchemaValid("init.schema.json", [first, again])
    }

    @Test func packOutputAndEvidenceJSONInZipAndTarGz() throws {
        let dir = TemporaryDirectory("schema")
        let zip = try output(["pack", "--json", SchemaTests.samples + "/quality-earbuds", "-o", dir.path + "/q.zip"], to: "pack.json", in: dir, exit: 0)
        let tar = try output(["pack", "--json", "--lang", "zh", SchemaTests.samples + "/missing-items-charger", "-o", dir.path + "/m.tar.gz"],
                             to: "pack-tar.json", in: dir, exit: 0)
        let incomplete = try output(["pack", "--json", "--allow-incomplete", SchemaTests.samples + "/counterfeit-sneakers", "-o", dir.path + "/c.zip"],
                                    to: "pack-incomplete.json", in: dir, exit: 0)
        try expectSchemaValid("pack.schema.json", [zip, tar, incomplete])
        try expectSchemaValid("evidence.schema.json", [try evidenceJSON(of: dir.path + "/q.zip", bag: "q", in: dir),
                                                       try evidenceJSON(of: dir.path + "/c.zip", bag: "c", in: dir)])
    }

    @Test func verifyOutputForValidIncompleteTamperedAndUnreadableBundles() throws {
        let dir = TemporaryDirectory("schema")
        let good = try pack("quality-earbuds", "good.zip", in: dir)
        let incomplete = try pack("counterfeit-sneakers", "incomplete.tar.gz", in: dir, extra: ["--allow-incomplete"])
        let tampered = try pack("logistics-lost-parcel", "tampered.zip", in: dir)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: tampered)))
        bytes.append(contentsOf: Array("trailing".utf8))
        dir.write("tampered.zip", bytes)
        let notABundle = dir.write("notes.txt", text: "not a bundle")
        let all = [good, incomplete, tampered, notABundle]

        let document = try output(["verify", "--json"] + all, to: "verify.json", in: dir, exit: 1)
        try expectSchemaValid("verify.schema.json", [document])
        let lines = try output(["verify", "--json-lines"] + all, to: "verify.jsonl", in: dir, exit: 1)
        try expectSchemaValid("verify-report.schema.json", [lines])
        let statuses = try String(contentsOfFile: lines, encoding: .utf8).split(separator: "\n").map {
            (try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["status"] as? String
        }
        #expect(statuses == ["valid-complete", "valid-incomplete", "invalid", "unreadable"])
    }

    /// The documents that carry what the evidence says (roles with their basis, readings with
    /// facts, cross-check warnings, filled case fields), on the phone-style sample.
    @Test(.enabled(if: ReadingProbe.readsContent))
    func readingFieldsInEveryDocumentThatCarriesThem() throws {
        let dir = TemporaryDirectory("schema")
        let phone = SchemaTests.samples + "/phone-quality"
        let inspect = try output(["inspect", "--json", phone], to: "inspect.json", in: dir, exit: 0)
        try expectSchemaValid("inspect.schema.json", [inspect])
        let quick = try output(["check", "--json", "--today", "2026-11-08", "--category", "quality", phone], to: "quick.json", in: dir, exit: 0)
        try expectSchemaValid("check.schema.json", [quick])
        #expect(try String(contentsOfFile: quick, encoding: .utf8).contains("\"time.receipt-date-read\""))

        // A copy with a case that contradicts its screenshot: warnings in check, pack and evidence.json.
        for name in try FileManager.default.contentsOfDirectory(atPath: phone) {
            dir.write("case/" + name, fixtureBytes(phone + "/" + name))
        }
        let initialised = try output(["init", "--json", "--category", "quality", dir.path + "/case"], to: "init.json", in: dir, exit: 0)
        try expectSchemaValid("init.schema.json", [initialised])
        let yaml = try String(contentsOfFile: dir.path + "/case/case.yaml", encoding: .utf8)
        dir.write("case/case.yaml", text: yaml.replacingOccurrences(of: "946799918587044260", with: "3712345678901234567")
            .replacingOccurrences(of: "amount_paid: 256.00", with: "amount_paid: 299.00"))
        let checked = try output(["check", "--json", "--today", "2026-11-08", dir.path + "/case"], to: "check.json", in: dir, exit: 0)
        try expectSchemaValid("check.schema.json", [checked])
        let packed = try output(["pack", "--json", dir.path + "/case", "-o", dir.path + "/p.zip"], to: "pack.json", in: dir, exit: 0)
        try expectSchemaValid("pack.schema.json", [packed])
        let manifest = try evidenceJSON(of: dir.path + "/p.zip", bag: "p", in: dir)
        try expectSchemaValid("evidence.schema.json", [manifest])
        let manifestText = try String(contentsOfFile: manifest, encoding: .utf8)
        for key in ["\"evidence_warnings\"", "\"evidence.order-number-mismatch\"", "\"evidence.amount-mismatch\"", "\"role_assessment\"", "\"line_count\""] {
            #expect(manifestText.contains(key), "\(key)")
        }
        let verified = try output(["verify", "--json", "--read", dir.path + "/p.zip"], to: "verify.json", in: dir, exit: 1)
        try expectSchemaValid("verify.schema.json", [verified])
        #expect(try String(contentsOfFile: verified, encoding: .utf8).contains("\"meaning.order-number-contradiction\""))
    }

    private func fixtureBytes(_ path: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    }

    @Test func aWrongDocumentIsRefused() throws {
        let dir = TemporaryDirectory("schema")
        let bundle = try pack("quality-earbuds", "q.zip", in: dir)
        let manifest = try String(contentsOfFile: try evidenceJSON(of: bundle, bag: "q", in: dir), encoding: .utf8)
        // Each change below breaks one promise of a schema; each must be refused.
        let wrongVersion = dir.write("wrong-version.json", text: manifest.replacingOccurrences(of: "\"format_version\" : \"1\"", with: "\"format_version\" : \"2\""))
        let badHash = dir.write("bad-hash.json", text: manifest.replacingOccurrences(of: "\"sha256\" : \"", with: "\"sha256\" : \"X"))
        let extraKey = dir.write("extra-key.json", text: manifest.replacingOccurrences(of: "\"format_version\"", with: "\"surprise\" : 1, \"format_version\""))
        for file in [wrongVersion, badHash, extraKey] {
            #expect(try String(contentsOfFile: file, encoding: .utf8) != manifest)
            let result = try PythonTools.validate(schema: "evidence.schema.json", files: [file])
            #expect(result.status == 1, "\(file) should be refused: \(result.stderr)")
        }
        let line = dir.write("line.jsonl", text: #"{"bundle":"x","status":"valid-complete","exit_code":3,"problems":[],"bytes_read":0,"limits":{"max_entries":1,"max_total_size":1,"max_ratio":1,"ratio_floor":0,"max_tag_file_size":1}}"#)
        #expect(try PythonTools.validate(schema: "verify-report.schema.json", files: [line]).status == 1)
    }
}
