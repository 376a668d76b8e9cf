import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// `index.html` names the complaint category as the rules label it in the page's language
/// (商品质量问题 / Quality problem), not by its id (`quality`).
@Suite struct IndexPageCategoryTests {
    @Test(arguments: [(Language.zh, "商品质量问题"), (Language.en, "Quality problem")])
    func theIndexPageShowsTheCategorysLabel(language: Language, label: String) throws {
        let dir = TemporaryDirectory("index-category")
        let rules = try RuleSet.bundled()
        let loaded = try CaseFile.load(path: Repository.samples + "/quality-earbuds", rules: rules)
        let report = try BundlePacker().pack(loaded, rules: rules, to: dir.file("q.zip"),
                                             options: PackOptions(format: .zip, language: language, allowIncomplete: true, sourceDateEpoch: 0, durable: false))
        let entries = try PackFixtures.entries(of: report.bundlePath)
        let html = String(decoding: try #require(entries.first { $0.name.hasSuffix("/index.html") }).bytes, as: UTF8.self)
        #expect(html.contains("<td>\(label)</td>"), "the case table names the category by its label")
        #expect(html.contains("“\(label)”") || html.contains("&quot;\(label)&quot;") || html.contains("\"\(label)\""), "so does the verdict")
        #expect(!html.contains("<td>quality</td>") && !html.contains("“quality”") && !html.contains("\"quality\" complaint"))
    }
}
