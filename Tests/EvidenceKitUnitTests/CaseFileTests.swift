import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

struct CaseFileTests {
    @Test func validCaseLoadsFromItsFolderWithResolvedPaths() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.makeCase("quality", [("screenshot.png", "订单截图.png", "order-screenshot"), ("photo-a.jpg", "photos/左耳.jpg", "product-photo")],
                            extra: "amount_paid: 299.00\nordered_at: 2026-11-01\nreceived_at: 2026-11-05\n")
        let loaded = try CaseFile.load(path: folder.path)
        #expect(loaded.complaint.category == "quality")
        #expect(loaded.complaint.orderID == "3712345678901234567")
        #expect(loaded.complaint.amountPaid == "299.00")
        #expect(loaded.complaint.evidence.map(\.role) == [.orderScreenshot, .productPhoto])
        #expect(loaded.resolvedPaths == [folder.path + "/订单截图.png", folder.path + "/photos/左耳.jpg"])
        #expect(loaded.itemLines == [7, 9])
        #expect(loaded.warnings.isEmpty)
    }

    @Test func everyErrorIsListedWithLineAndField() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.copy("photo-a.jpg", as: "a.jpg")
        try folder.write("""
            category: qualty
            order_id: 37123-456
            amount_paid: -5
            received_at: 2026-02-30
            evidence:
              - file: a.jpg
                role: product-fotos
              - file: missing.jpg
                role: product-photo
              - file: a.jpg
                role: product-photo
              - file: ./a.jpg
                role: product-photo

            """, to: "case.yaml")
        let error = try #require(throws: CaseFileError.self) { try CaseFile.load(path: folder.path + "/case.yaml") }
        let found = error.issues.map { "\($0.code.rawValue)@\($0.location.line ?? 0):\($0.location.field)" }
        #expect(found == [
            "case.unknown-category@1:category",
            "case.order-id-not-digits@2:order_id",
            "case.negative-amount@3:amount_paid",
            "case.bad-date@4:received_at",
            "case.unknown-role@7:evidence[0].role",
            "case.missing-file@8:evidence[1].file",
            "case.duplicate-entry@12:evidence[3].file",
        ])
        #expect(error.issues[0].message.en.contains("case.yaml (line 1, column 11, field `category`): unknown complaint category “qualty”"))
        #expect(error.issues[0].message.zh.contains("未知的投诉类别"))
    }

    @Test func warningsDoNotStopTheCase() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.copy("photo-a.jpg", as: "a.jpg")
        try folder.write("""
            category: quality
            platform: taobao
            order_id: "12345"
            recieved_at: 2026-11-05
            ordered_at: 2026-11-05
            received_at: 2026-11-01
            evidence:
              - file: a.jpg
                role: product-photo

            """, to: "case.yaml")
        let loaded = try CaseFile.load(path: folder.path)
        #expect(loaded.warnings.map(\.code) == [.unknownField, .orderIDLength, .dateOrder])
        #expect(loaded.warnings.map { $0.location.line } == [4, 3, 6])
    }

    @Test func caseJSONIsReadToo() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.copy("screenshot.png", as: "order.png")
        try folder.write(#"{"category": "quality", "order_id": "3712345678901234567", "evidence": [{"file": "order.png", "role": "order-screenshot"}]}"#, to: "case.json")
        let loaded = try CaseFile.load(path: folder.path)
        #expect(loaded.complaint.evidence.count == 1)
        #expect(loaded.path.hasSuffix("case.json"))
    }

    @Test func yamlSyntaxErrorNamesTheLine() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("category: quality\nevidence:\n  - file: [a\n", to: "case.yaml")
        let error = try #require(throws: CaseFileError.self) { try CaseFile.load(path: folder.path) }
        #expect(error.code == .syntax)
        #expect(error.issues[0].location.line != nil)
    }
}
