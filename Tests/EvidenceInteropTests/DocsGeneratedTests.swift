import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// `Docs/evidence-by-category.<lang>.md` is generated from the rules (`make docs`); these tests
/// regenerate it with the built binary and fail when the committed file is stale.
struct DocsGeneratedTests {
    @Test(arguments: ["zh", "en"])
    func theCommittedGuideIsWhatTheRulesGenerate(lang: String) throws {
        let result = try CLI.run(["rules", "--markdown", "--lang", lang])
        #expect(result.status == 0, "\(result.stderr)")
        let committed = try Repository.read("Docs/evidence-by-category.\(lang).md")
        #expect(committed == result.stdout,
                "Docs/evidence-by-category.\(lang).md is stale: run `make docs` and commit the result")
    }

    @Test(arguments: ["zh", "en"])
    func theGuideNamesEveryCategoryRequirementAndRole(lang: String) throws {
        let rules = try RuleSet.bundled()
        let guide = try Repository.read("Docs/evidence-by-category.\(lang).md")
        let language: Language = lang == "zh" ? .zh : .en
        #expect(guide.contains("`\(rules.version)`"))
        for category in rules.categories {
            #expect(guide.contains("<a id=\"\(category.id)\"></a>"), "\(category.id)")
            #expect(guide.contains("## \(category.label(language)) (`\(category.id)`)"), "\(category.id)")
            for requirement in category.requirements {
                #expect(guide.contains("(`\(requirement.id)`)"), "\(category.id)/\(requirement.id)")
                #expect(guide.contains(requirement.reason(language)), "\(category.id)/\(requirement.id) reason")
                #expect(guide.contains(requirement.advice(language)), "\(category.id)/\(requirement.id) advice")
            }
        }
        for role in EvidenceRole.allCases {
            #expect(guide.contains("| `\(role.rawValue)` |"), "\(role.rawValue)")
        }
    }

    @Test func oneCategoryAndLanguagesDiffer() throws {
        let quality = try CLI.run(["rules", "--markdown", "--lang", "en", "quality"])
        #expect(quality.status == 0)
        #expect(quality.stdout.contains("(`quality`)") && !quality.stdout.contains("(`counterfeit`)"))
        let zh = try CLI.run(["rules", "--markdown", "--lang", "zh", "quality"])
        #expect(zh.stdout.contains("商品质量问题") && zh.stdout != quality.stdout)
        #expect(try CLI.run(["rules", "--markdown", "--json"]).status == 2)
        #expect(try CLI.run(["rules", "--markdown", "no-such-category"]).status == 2)
    }
}
