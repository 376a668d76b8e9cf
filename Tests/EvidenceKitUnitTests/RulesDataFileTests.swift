import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// The bundled rules are one data file, `Sources/EvidenceKit/Rules/rules.json`, compiled into the
/// library with `.embedInCode`: the library's document is that file, the fuzz seed is a link to
/// it, and no second copy (a JSON file, a Swift raw string) exists anywhere in the checkout.
@Suite struct RulesDataFileTests {
    static let rulesFile = "Sources/EvidenceKit/Rules/rules.json"

    @Test func theLibrarysRulesAreTheDataFileByteForByte() throws {
        let file = try Repository.read(Self.rulesFile)
        #expect(RuleSet.bundledDocument + "\n" == file)
        #expect(try RuleSet.bundled().version == "taobao-2025.1")
    }

    @Test func theFuzzSeedIsALinkToTheDataFile() throws {
        let seed = Repository.path("Fuzz/seeds/rules/bundled.json")
        let destination = try FileManager.default.destinationOfSymbolicLink(atPath: seed)
        #expect(destination == "../../../" + Self.rulesFile)
        let resolved = URL(fileURLWithPath: seed).resolvingSymlinksInPath().path
        #expect(resolved == URL(fileURLWithPath: Repository.path(Self.rulesFile)).resolvingSymlinksInPath().path)
    }

    @Test func noOtherFileInTheCheckoutHoldsACopyOfTheRules() throws {
        // The document's opening lines (schema, version, title), as any copy would hold them.
        let rules = try Repository.read(Self.rulesFile)
        let opening = rules.split(separator: "\n", omittingEmptySubsequences: false).prefix(8).joined(separator: "\n")
        #expect(opening.contains("\"version\": \"taobao-2025.1\""))
        var copies: [String] = []
        var scanned = 0
        let root = URL(fileURLWithPath: Repository.root)
        let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isSymbolicLinkKey, .isRegularFileKey]))
        for case let url as URL in walker {
            let relative = String(url.path.dropFirst(root.path.count + 1))
            if relative.hasPrefix(".build") || relative.hasPrefix(".git") || relative.hasPrefix(".swiftpm") {
                walker.skipDescendants()
                continue
            }
            let values = try url.resourceValues(forKeys: [.isSymbolicLinkKey, .isRegularFileKey])
            guard values.isRegularFile == true, values.isSymbolicLink != true, relative != Self.rulesFile else { continue }
            scanned += 1
            guard let data = FileManager.default.contents(atPath: url.path), data.count < 4 << 20 else { continue }
            if String(decoding: data, as: UTF8.self).contains(opening) { copies.append(relative) }
        }
        #expect(scanned > 100)
        #expect(copies == [], "a second copy of the bundled rules: edit \(Self.rulesFile) only")
    }
}
