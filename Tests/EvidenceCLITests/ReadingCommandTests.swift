import Foundation
import EvidenceTestSupport
import Testing

/// The commands that read what the evidence says, end to end through the built binary on the
/// phone-style sample (`Samples/phone-quality`: phone names, no case file): the issue's
/// "done when". Tests needing the reading pass are `.enabled(if: ReadingProbe.readsContent)`.
struct ReadingCommandTests {
    static let sample = Repository.samples + "/phone-quality"
    static let order = "Screenshot_20261105-203312_Taobao.png"
    static let logistics = "Screenshot_20261106-101532_Taobao.png"

    /// A copy of the phone sample in a temporary folder.
    func copyOfSample() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory("reading-cli")
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.sample) {
            try FileManager.default.copyItem(atPath: Self.sample + "/" + name, toPath: dir.path + "/" + name)
        }
        return dir
    }

    /// Each file's entry of an `inspect --json` or `check --json` document, by file name.
    func byName(_ files: Any?, key: String) -> [String: [String: Any]] {
        Dictionary((files as? [[String: Any]] ?? []).map { (URL(fileURLWithPath: $0[key] as? String ?? "").lastPathComponent, $0) },
                   uniquingKeysWith: { first, _ in first })
    }

    func facts(_ entry: [String: Any]?) -> [String: String] {
        let reading = entry?["reading"] as? [String: Any]
        return Dictionary((reading?["facts"] as? [[String: Any]] ?? []).map { ($0["kind"] as? String ?? "", $0["value"] as? String ?? "") },
                          uniquingKeysWith: { first, _ in first })
    }

    // MARK: - Flags (whatever the reading pass)

    @Test(arguments: [["inspect"], ["check", "--category", "quality"], ["init", "--category", "quality", "--force"]])
    func noOCRAndNoCacheAreAcceptedWhereTheEvidenceIsRead(command: [String]) throws {
        let dir = try copyOfSample()
        defer { dir.remove() }
        let result = try CLI.run(command + ["--no-ocr", "--no-cache", "--json", dir.path])
        #expect([0, 3].contains(result.status), "\(result.stderr)")
        #expect(result.json["format_version"] as? String == "1")
    }

    @Test func packAndVerifyAcceptTheReadingFlags() throws {
        let dir = try copyOfSample()
        defer { dir.remove() }
        #expect(try CLI.run(["init", "--category", "quality", "--no-ocr", dir.path]).status == 0)
        let bundle = dir.path + "/../" + URL(fileURLWithPath: dir.path).lastPathComponent + ".zip"
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        let packed = try CLI.run(["pack", dir.path, "-o", bundle, "--no-ocr", "--no-cache", "--allow-incomplete"])
        #expect(packed.status == 0, "\(packed.stderr)")
        let verified = try CLI.run(["verify", "--read", "--no-ocr", "--no-cache", "--json", bundle])
        #expect([0, 3].contains(verified.status), "\(verified.stdout)")
        let refused = try CLI.run(["verify", "--no-ocr", bundle])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--read"))
    }

    @Test func noProgressLineInPipesOrJSON() throws {
        let result = try CLI.run(["inspect", "--no-cache", Self.sample])
        #expect(!result.stderr.contains("Reading the evidence"))
        #expect(!result.stderr.contains("读取证据内容"))
    }

    // MARK: - With the reading pass

    @Test(.enabled(if: ReadingProbe.readsContent))
    func inspectGivesEachFileItsContentRoleWithOrderAndTrackingNumbers() throws {
        let result = try CLI.run(["inspect", "--json", Self.sample])
        #expect(result.status == 0)
        let files = byName(result.json["files"], key: "path")
        let order = files[Self.order]
        #expect(order?["suggested_role"] as? String == "order-screenshot")
        #expect((order?["role_assessment"] as? [String: Any])?["basis"] as? String == "content")
        #expect(facts(order)["order_number"] == "946799918587044260")
        #expect(facts(order)["amount_paid"] == "256.00")
        let logistics = files[Self.logistics]
        #expect(logistics?["suggested_role"] as? String == "logistics-record")
        #expect(facts(logistics)["tracking_number"] == "783582914289859")
        #expect(facts(logistics)["signed_at"] == "2026-11-06 10:14:08")
        #expect(facts(files["IMG_4471.PNG"])["trade_number"] == "2026110322007952471286562382")
        #expect(files["IMG_4471.PNG"]?["suggested_role"] as? String == "payment-receipt")
        #expect(facts(files["1699012345678.pdf"])["order_number"] == "946799918587044260")

        for (language, basis) in [("en", "from content"), ("zh", "读自内容")] {
            let human = try CLI.run(["inspect", "--lang", language, Self.sample])
            #expect(human.stdout.contains("order-screenshot · " + (language == "zh" ? "订单截图（" : "Order screenshot (") + basis), "\(human.stdout)")
            #expect(human.stdout.contains("946799918587044260"))
        }
    }

    @Test(.enabled(if: ReadingProbe.readsContent))
    func noOCRLeavesImagesUnreadButStillReadsThePDFTextLayer() throws {
        let result = try CLI.run(["inspect", "--json", "--no-ocr", Self.sample])
        let files = byName(result.json["files"], key: "path")
        #expect(files[Self.order]?["reading"] == nil)
        #expect(files[Self.order]?["suggested_role"] as? String == "other")
        let pdf = files["1699012345678.pdf"]?["reading"] as? [String: Any]
        #expect(pdf?["source"] as? String == "pdf-text")
    }

    @Test(.enabled(if: ReadingProbe.readsContent))
    func aCaseWhoseOrderNumberDiffersFromItsScreenshotIsWarnedAboutWithBothNumbers() throws {
        let dir = try copyOfSample()
        defer { dir.remove() }
        dir.write("case.yaml", text: """
            category: quality
            order_id: "3712345678901234567"
            received_at: 2026-11-06
            evidence:
              - file: \(Self.order)
                role: order-screenshot
              - file: IMG_20261106_201405.jpg
                role: product-photo
            """)
        let result = try CLI.run(["check", "--json", "--today", "2026-11-08", dir.path])
        #expect(result.status == 0, "warnings never change the verdict: \(result.stderr)")
        let warnings = result.json["evidence_warnings"] as? [[String: Any]] ?? []
        let mismatch = warnings.first { $0["code"] as? String == "evidence.order-number-mismatch" }
        #expect(mismatch?["expected"] as? String == "3712345678901234567")
        #expect(mismatch?["found"] as? String == "946799918587044260")
        #expect(mismatch?["file"] as? String == Self.order)
        let files = byName(result.json["files"], key: "file")
        #expect((files[Self.order]?["role_assessment"] as? [String: Any])?["basis"] as? String == "case")
        #expect(facts(files[Self.order])["order_number"] == "946799918587044260")
        for language in ["zh", "en"] {
            let human = try CLI.run(["check", "--lang", language, "--today", "2026-11-08", dir.path])
            #expect(human.stdout.contains("[evidence.order-number-mismatch]"))
            #expect(human.stdout.contains("3712345678901234567") && human.stdout.contains("946799918587044260"))
        }

        // Packed anyway (a warning), recorded in evidence.json; verify --read calls it a contradiction (exit 1).
        let bundle = dir.path + "/b.zip"
        let packed = try CLI.run(["pack", "--json", dir.path, "-o", bundle])
        #expect(packed.status == 0, "\(packed.stderr)")
        #expect((packed.json["evidence_warnings"] as? [[String: Any]] ?? []).contains { $0["code"] as? String == "evidence.order-number-mismatch" })
        let manifest = packed.json["manifest"] as? [String: Any]
        let items = manifest?["items"] as? [[String: Any]] ?? []
        let item = items.first { $0["original_name"] as? String == Self.order }
        #expect((item?["role_assessment"] as? [String: Any])?["basis"] as? String == "case")
        #expect(facts(item)["order_number"] == "946799918587044260")
        #expect(((item?["reading"] as? [String: Any])?["facts"] as? [[String: Any]] ?? []).allSatisfy { !($0["line"] as? String ?? "").isEmpty })
        #expect(try CLI.run(["verify", bundle]).status == 0)
        let reread = try CLI.run(["verify", "--read", "--json", bundle])
        #expect(reread.status == 1)
        let problems = ((reread.json["bundles"] as? [[String: Any]])?.first?["problems"] as? [[String: Any]]) ?? []
        #expect(problems.contains { $0["code"] as? String == "meaning.order-number-contradiction" && $0["found"] as? String == "946799918587044260" })
    }

    @Test(.enabled(if: ReadingProbe.readsContent))
    func initWritesAFilledCaseThatLoadsChecksPacksAndVerifiesWithRead() throws {
        let dir = try copyOfSample()
        defer { dir.remove() }
        let result = try CLI.run(["init", "--category", "quality", "--json", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: dir.path + "/case.yaml", encoding: .utf8)
        #expect(text.contains("order_id: \"946799918587044260\"   # 读自 / read from \(Self.order)"), "\(text)")
        #expect(text.contains("shop: \"声悦数码旗舰店\""))
        #expect(text.contains("amount_paid: 256.00"))
        #expect(text.contains("ordered_at: 2026-11-03"))
        #expect(text.contains("received_at: 2026-11-06") && text.contains("read from \(Self.logistics)"))
        #expect(text.contains("role: order-screenshot         # 读自内容 / read from content"))
        let fields = result.json["fields"] as? [[String: Any]] ?? []
        #expect(fields.map { $0["field"] as? String } == ["order_id", "shop", "amount_paid", "ordered_at", "received_at"])

        let checked = try CLI.run(["check", "--json", "--today", "2026-11-08", dir.path])
        #expect(checked.status == 0, "\(checked.stdout)")
        #expect((checked.json["evidence_warnings"] as? [Any])?.isEmpty == true)
        let bundle = dir.path + "/b.zip"
        #expect(try CLI.run(["pack", dir.path, "-o", bundle]).status == 0)
        let verified = try CLI.run(["verify", "--read", "--json", bundle])
        #expect(verified.status == 0, "\(verified.stdout)")
    }
}
