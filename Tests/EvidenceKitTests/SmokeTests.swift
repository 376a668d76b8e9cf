import Testing
@testable import EvidenceKit

@Test func placeholder() { #expect(Language.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .zh) }
