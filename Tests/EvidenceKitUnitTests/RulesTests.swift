import Testing
@testable import EvidenceKit

struct RulesTests {
    @Test func bundledRulesCoverTheEightCategoriesInOrder() throws {
        let rules = try RuleSet.bundled()
        #expect(rules.categories.map(\.id) == ["quality", "not-as-described", "counterfeit", "missing-items",
                                               "shipping-delay", "logistics", "price-fraud", "order-status"])
        #expect(rules.version == "taobao-2025.1")
        for category in rules.categories {
            let purchase = try #require(category.requirements.first { $0.id == "proof-of-purchase" })
            #expect(purchase.level == .required)
            #expect(purchase.roles == [.orderScreenshot])
            #expect(category.requirements.allSatisfy { !$0.reason.zh.isEmpty && !$0.reason.en.isEmpty && !$0.advice.zh.isEmpty && !$0.advice.en.isEmpty })
        }
        #expect(Set(rules.roles.map(\.role)) == Set(EvidenceRole.allCases))
    }

    @Test func missingItemsAcceptsVideoOrPackagePlusProductPhoto() throws {
        let requirement = try #require(try RuleSet.bundled().category("missing-items")?.requirements.first { $0.id == "contents-at-opening" })
        #expect(requirement.options.map { $0.terms.map(\.role) } == [[.unboxingVideo], [.packagePhoto, .productPhoto]])
        #expect(requirement.citation?.zh.contains("第七十五条") == true)
    }

    @Test func productPhotosMustBeImages() throws {
        let rules = try RuleSet.bundled()
        #expect(rules.role(.productPhoto).kinds == [.image])
        #expect(rules.role(.unboxingVideo).kinds == [.video])
    }

    @Test func purposeUsesTheCategoryWordingThenTheRole() throws {
        let rules = try RuleSet.bundled()
        #expect(rules.purpose(of: .listingScreenshot, in: "shipping-delay")?.zh == "证明商家承诺的发货时间")
        #expect(rules.purpose(of: .chatRecord, in: "quality")?.en == "Shows that the problem was reported to the seller and what the seller answered")
        #expect(rules.purpose(of: .chatRecord, in: "no-such-category") == nil)
    }

    static let header = """
        schema: evidencekit-rules/1
        version: test-1
        title: {zh: 测试, en: Test}
        categories:
          - id: quality
            label: {zh: 质量, en: Quality}
            summary: {zh: 摘要, en: Summary}
            requirements:

        """

    @Test func unknownRoleIsRefusedWithLineAndField() throws {
        let text = RulesTests.header + """
                  - id: photos
                    level: required
                    role: product-fotos
                    reason: {zh: 因为, en: because}
                    advice: {zh: 拍照, en: take photos}
            """
        let error = try #require(throws: RulesError.self) { try RuleSet.parse(text, path: "other.yaml") }
        #expect(error.code == .unknownRole)
        #expect(error.location.line == 11)
        #expect(error.location.field == "categories[0].requirements[0].role")
        #expect(error.message.en.hasPrefix("rules file other.yaml (line 11, column 15, field `categories[0].requirements[0].role`)"))
    }

    @Test func missingReasonAndBadMinimumAreRefused() throws {
        let missing = RulesTests.header + "      - {id: a, level: required, role: invoice, advice: {zh: x, en: y}}\n"
        let error = try #require(throws: RulesError.self) { try RuleSet.parse(missing, path: "r.json") }
        #expect(error.code == .missingField)
        #expect(error.location.field == "categories[0].requirements[0].reason")
        #expect(error.location.line == 9)

        let zero = RulesTests.header + "      - {id: a, level: required, role: invoice, min: 0, reason: {zh: x, en: y}, advice: {zh: x, en: y}}\n"
        let minError = try #require(throws: RulesError.self) { try RuleSet.parse(zero, path: "r.json") }
        #expect(minError.code == .invalidValue)
        #expect(minError.location.field == "categories[0].requirements[0].min")
    }

    @Test func jsonSyntaxErrorNamesTheLine() throws {
        let error = try #require(throws: RulesError.self) {
            try RuleSet.parse("{\n  \"schema\": \"evidencekit-rules/1\",\n  \"version\": \"1\"\n  \"title\": {}\n}\n", path: "bad.json")
        }
        #expect(error.code == .syntax)
        #expect(error.location.line == 4)
    }

    @Test func wrongSchemaIsRefused() throws {
        let error = try #require(throws: RulesError.self) { try RuleSet.parse("schema: other/2\nversion: x\n", path: "r.yaml") }
        #expect(error.code == .unsupportedSchema)
        #expect(error.location.line == 1)
    }
}
