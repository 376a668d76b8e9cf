import Foundation
import EvidenceTestSupport
import Testing

struct CheckCommandTests {
    @Test func quickFormGuessesRolesAndGivenRolesWin() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        let order = try folder.copy("screenshot.png", as: "订单截图.png")
        let photo = try folder.copy("photo-a.jpg", as: "defect.jpg")
        let result = try CLI.run(["check", "--category", "quality", "--order", "3712345678901234567", order, "--file", "product-photo=\(photo)", "--json", "--today", "2026-11-08"])
        #expect(result.status == 0)
        let files = result.json["files"] as? [[String: Any]] ?? []
        #expect(files.map { $0["role"] as? String } == ["order-screenshot", "product-photo"])
        #expect(files.map { $0["role_source"] as? String } == ["guessed", "given"])
    }

    @Test func aDamagedWebPProductPhotoDoesNotCountAndExitsOne() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        let order = try folder.copy("screenshot.png", as: "订单截图.png")
        let webp = fixture("webp-gif/lossy.webp")
        let photo = folder.path + "/瑕疵.webp"
        #expect(FileManager.default.createFile(atPath: photo, contents: Data(webp.prefix(webp.count * 7 / 10))))
        let arguments = ["check", "--category", "quality", "--order", "3712345678901234567", order, "--file", "product-photo=\(photo)", "--today", "2026-11-08"]
        let result = try CLI.run(arguments + ["--json"])
        #expect(result.status == 1)
        #expect(result.json["exit_code"] as? Int == 1)
        #expect(result.json["evidence_problems"] as? Bool == true)
        let files = result.json["files"] as? [[String: Any]] ?? []
        let damaged = try #require(files.first { $0["role"] as? String == "product-photo" })
        #expect(damaged["status"] as? String == "corrupt")
        #expect(damaged["counts"] as? Bool == false)
        #expect((damaged["findings"] as? [[String: Any]])?.map { $0["code"] as? String } == ["webp.corrupt"])
        // The same photo intact: the case is complete.
        #expect(FileManager.default.createFile(atPath: photo, contents: Data(webp)))
        #expect(try CLI.run(arguments).status == 0)
    }

    @Test func humanReportSaysWhatIsMissingInBothLanguages() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.makeCase("quality", [("screenshot.png", "order.png", "order-screenshot")])
        let zh = try CLI.run(["check", folder.path, "--lang", "zh", "--today", "2026-11-08"])
        #expect(zh.status == 3)
        #expect(zh.stdout.contains("✗ 证据不全：缺少 1 项必需证据。"))
        #expect(zh.stdout.contains("淘宝争议处理规则（2025修订）第六十五条"))
        let en = try CLI.run(["check", folder.path, "--today", "2026-11-08"], environment: ["LANG": "en_US.UTF-8"])
        #expect(en.stdout.contains("✗ Incomplete: 1 required item(s) missing."))
        #expect(en.stdout.contains("3 day(s) left") == false)
        #expect(en.stdout.contains("4 day(s) left"))
    }

    @Test func badCaseFileExitsTwoNamingLineAndField() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("category: quality\nevidence:\n  - file: nothere.jpg\n    role: product-photo\n", to: "case.yaml")
        let result = try CLI.run(["check", folder.path, "--json"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("case.yaml (line 3, column 11, field `evidence[0].file`)"))
    }

    @Test func malformedRulesFileExitsTwoNamingLineAndField() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        let rules = try folder.write("schema: evidencekit-rules/1\nversion: 1\ntitle: {zh: a, en: b}\ncategories:\n  - id: Quality!\n", to: "rules.yaml")
        let result = try CLI.run(["rules", "--rules", rules])
        #expect(result.status == 2)
        #expect(result.stderr.contains("rules.yaml (line 5, column 9, field `categories[0].id`)"))
    }

    @Test func rulesCommandListsAndShowsCategories() throws {
        let list = try CLI.run(["rules", "--json"])
        #expect(list.status == 0)
        #expect((list.json["categories"] as? [[String: Any]])?.count == 8)
        let one = try CLI.run(["rules", "missing-items", "--json"])
        let requirements = one.json["requirements"] as? [[String: Any]] ?? []
        #expect(requirements.first?["id"] as? String == "proof-of-purchase")
        #expect((requirements[1]["any_of"] as? [[Any]])?.count == 2)
        #expect(try CLI.run(["rules", "nope"]).status == 2)
        #expect(try CLI.run(["rules", "quality", "--lang", "zh"]).stdout.contains("必需："))
    }
}
