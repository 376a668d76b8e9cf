import EvidenceKit
import EvidenceTestSupport
import Foundation
import Testing

/// The labelled screenshot set is what OCR, role and fact tests (and Docs/ACCURACY.md) measure
/// against: these tests keep the labels honest.
@Suite struct ScreenshotFixturesTests {
    @Test func atLeastFortyLabelledScreenshotsCoverEveryPageKind() {
        let images = ScreenshotFixtures.all.filter { !$0.file.hasSuffix(".pdf") }
        #expect(images.count >= 40)
        let roles = Set(images.map(\.role))
        #expect(roles == ["order-screenshot", "logistics-record", "payment-receipt", "chat-record",
                          "listing-screenshot", "merchant-info", "other"])
        let chats = images.filter { $0.role == "chat-record" }
        #expect(Set(chats.compactMap(\.theme)) == ["light", "dark"])
        #expect(Set(chats.compactMap(\.bubble)) == ["green", "blue"])
        #expect(Set(images.map(\.variant)) == ["original", "half-jpeg", "crop"])
        #expect(images.contains { $0.lang == "en" })
    }

    @Test func everyLabelNamesAFileOfTheRightKindAndAKnownRole() throws {
        for fixture in ScreenshotFixtures.all {
            #expect(EvidenceRole(rawValue: fixture.role) != nil, "\(fixture.file): role \(fixture.role)")
            let data = try Data(contentsOf: URL(fileURLWithPath: ScreenshotFixtures.path(fixture.file)))
            let magic = Array(data.prefix(4))
            switch (fixture.file as NSString).pathExtension {
            case "png": #expect(magic == [0x89, 0x50, 0x4E, 0x47], "\(fixture.file)")
            case "jpg": #expect(magic.prefix(3) == [0xFF, 0xD8, 0xFF], "\(fixture.file)")
            case "pdf": #expect(magic == Array("%PDF".utf8), "\(fixture.file)")
            default: Issue.record("unexpected file \(fixture.file)")
            }
        }
    }

    @Test func factsHaveTheShapesTheDomainDescribes() {
        let orderNumber = /^[0-9]{18,19}$/
        let time = /^20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]$/
        let known: Set<String> = ["order_number", "amount_paid", "ordered_at", "paid_at", "shipped_at", "signed_at",
                                  "shop", "courier", "tracking_number", "trade_number", "merchant_name", "credit_code"]
        for fixture in ScreenshotFixtures.all {
            #expect(Set(fixture.facts.keys).isSubset(of: known), "\(fixture.file)")
            if let n = fixture.facts["order_number"] { #expect(n.wholeMatch(of: orderNumber) != nil, "\(fixture.file): \(n)") }
            if let t = fixture.facts["trade_number"], let paid = fixture.facts["paid_at"] {
                // 28 digits starting with the payment date.
                #expect(t.count == 28 && t.allSatisfy(\.isNumber), "\(fixture.file): \(t)")
                #expect(t.hasPrefix(paid.prefix(10).replacingOccurrences(of: "-", with: "")), "\(fixture.file)")
            }
            if let a = fixture.facts["amount_paid"] { #expect(a.wholeMatch(of: /^[0-9]+\.[0-9]{2}$/) != nil, "\(fixture.file): \(a)") }
            for key in ["ordered_at", "paid_at", "shipped_at", "signed_at"] {
                if let t = fixture.facts[key] { #expect(t.wholeMatch(of: time) != nil, "\(fixture.file): \(key) \(t)") }
            }
            if let o = fixture.facts["ordered_at"], let p = fixture.facts["paid_at"] { #expect(o <= p, "\(fixture.file)") }
            if let s = fixture.facts["shipped_at"], let g = fixture.facts["signed_at"] { #expect(s < g, "\(fixture.file)") }
            if let code = fixture.facts["credit_code"] { #expect(Self.validCreditCode(code), "\(fixture.file): \(code)") }
        }
    }

    /// GB 32100-2015 check character.
    static func validCreditCode(_ code: String) -> Bool {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        let chars = Array(code)
        guard chars.count == 18 else { return false }
        var total = 0
        for (c, w) in zip(chars.prefix(17), weights) {
            guard let i = alphabet.firstIndex(of: c) else { return false }
            total += i * w
        }
        return alphabet[(31 - total % 31) % 31] == chars[17]
    }
}
