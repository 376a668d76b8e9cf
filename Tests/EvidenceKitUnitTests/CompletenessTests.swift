import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

struct CompletenessTests {
    /// For each category: files that make it complete, and the required role left out to make it incomplete.
    static let perCategory: [(String, [(String, String, String)], String)] = [
        ("quality", [("screenshot.png", "order.png", "order-screenshot"), ("photo-a.jpg", "defect.jpg", "product-photo")], "product-photo"),
        ("not-as-described", [("screenshot.png", "order.png", "order-screenshot"), ("document.pdf", "snapshot.pdf", "listing-screenshot"),
                              ("photo-a.jpg", "label.jpg", "product-photo")], "listing-screenshot"),
        ("counterfeit", [("screenshot.png", "order.png", "order-screenshot"), ("photo-a.jpg", "logo.jpg", "product-photo"),
                         ("photo-b.jpg", "tag.jpg", "product-photo"), ("document.pdf", "snapshot.pdf", "listing-screenshot")], "listing-screenshot"),
        ("missing-items", [("screenshot.png", "order.png", "order-screenshot"), ("video.mp4", "unboxing.mp4", "unboxing-video")], "unboxing-video"),
        ("shipping-delay", [("screenshot.png", "order.png", "order-screenshot"), ("document.pdf", "promise.pdf", "listing-screenshot"),
                            ("chat.txt", "tracking.txt", "logistics-record")], "logistics-record"),
        ("logistics", [("screenshot.png", "order.png", "order-screenshot"), ("chat.txt", "tracking.txt", "logistics-record")], "logistics-record"),
        ("price-fraud", [("screenshot.png", "order.png", "order-screenshot"), ("photo-a.jpg", "price.jpg", "listing-screenshot"),
                         ("document.pdf", "receipt.pdf", "payment-receipt")], "payment-receipt"),
        ("order-status", [("screenshot.png", "order.png", "order-screenshot"), ("chat.txt", "chat.txt", "chat-record")], "chat-record"),
    ]

    @Test(arguments: 0..<8) func completeThenIncompleteWithoutOneRequiredRole(index: Int) throws {
        let (category, files, dropped) = CompletenessTests.perCategory[index]
        let complete = try CaseFolder()
        defer { complete.remove() }
        let report = try check(try complete.makeCase(category, files))
        #expect(report.status == .complete, "\(category)")
        #expect(!report.evidenceProblems)

        let incomplete = try CaseFolder()
        defer { incomplete.remove() }
        let partial = try check(try incomplete.makeCase(category, files.filter { $0.2 != dropped }))
        #expect(partial.status == .incomplete, "\(category)")
        #expect(!partial.evidenceProblems)
        #expect(partial.completeness.missingRequired.count == 1)
        #expect(partial.completeness.missingRequired.first?.roles.contains(EvidenceRole(rawValue: dropped)!) == true)
        #expect(partial.completeness.rulesVersion == "taobao-2025.1")
    }

    @Test func corruptPhotoDoesNotCountAndExitsOne() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        let report = try check(try folder.makeCase("quality", [("screenshot.png", "order.png", "order-screenshot"), ("corrupt.jpg", "defect.jpg", "product-photo")]))
        #expect(report.status == .incomplete)
        #expect(report.files[1].counts == false)
        #expect(report.files[1].reason == .notIntact)
        #expect(report.evidenceProblems)
    }

    @Test func pdfGivenThePhotoRoleDoesNotCount() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        let report = try check(try folder.makeCase("quality", [("screenshot.png", "order.png", "order-screenshot"), ("document.pdf", "defect.pdf", "product-photo")]))
        #expect(report.status == .incomplete)
        #expect(report.files[1].reason == .wrongKind)
        #expect(report.files[1].message?.en.contains("cannot be a product photo") == true)
        #expect(!report.evidenceProblems)
    }

    @Test func theSamePhotoTwiceCountsOnce() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        let report = try check(try folder.makeCase("counterfeit", [
            ("screenshot.png", "order.png", "order-screenshot"), ("document.pdf", "snapshot.pdf", "listing-screenshot"),
            ("photo-a.jpg", "logo.jpg", "product-photo"), ("photo-a.jpg", "logo-copy.jpg", "product-photo")]))
        #expect(report.status == .incomplete)
        #expect(report.files[3].reason == .duplicate)
        #expect(report.files[3].message?.en.contains("identical to “logo.jpg”") == true)
        let gap = try #require(report.completeness.missingRequired.first)
        #expect(gap.requirement == "item-details")
        #expect(gap.found == 1)
        #expect(gap.minimum == 1)
    }

    @Test func heicPhotoCounts() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        let report = try check(try folder.makeCase("quality", [("screenshot.png", "order.png", "order-screenshot"), ("photo.heic", "IMG_0001.HEIC", "product-photo")]))
        #expect(report.files[1].kind == .image)
        #expect(report.files[1].usedFor == ["defect-shown"])
        #expect(report.status == .complete)
    }

    @Test(arguments: [
        ([("video.mp4", "unboxing.mp4", "unboxing-video")], true),
        ([("photo-b.jpg", "package.jpg", "package-photo"), ("photo.heic", "contents.heic", "product-photo")], true),
        ([("photo-b.jpg", "package.jpg", "package-photo")], false),
        ([("photo.heic", "contents.heic", "product-photo")], false),
    ])
    func missingItemsAlternativesAreMetByEitherBranch(files: [(String, String, String)], complete: Bool) throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        let report = try check(try folder.makeCase("missing-items", [("screenshot.png", "order.png", "order-screenshot")] + files))
        #expect((report.status == .complete) == complete)
        let requirement = try #require(report.requirements.first { $0.id == "contents-at-opening" })
        #expect(requirement.satisfiedBy == (complete ? files.map(\.1) : []))
    }

    @Test func timeAdviceCountsFromTheDayAfterReceiptAndFlagsOldPhotos() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        let path = try folder.makeCase("quality", [("screenshot.png", "order.png", "order-screenshot"), ("photo-b.jpg", "old.jpg", "product-photo")],
                                       extra: "received_at: 2026-11-05\ndurable: true\n")
        let report = try check(path, today: "2026-11-09")
        let window = try #require(report.timeAdvice.first { $0.code == .returnWindowOpen })
        #expect(window.date == "2026-11-12")
        #expect(window.daysLeft == 3)
        let durable = try #require(report.timeAdvice.first { $0.code == .durableBurdenOnSeller })
        #expect(durable.date == "2027-05-05")
        let old = try #require(report.timeAdvice.first { $0.code == .capturedBeforeReceipt })
        #expect(old.file == "old.jpg")
        #expect(try check(path, today: "2026-11-13").timeAdvice.first?.code == .returnWindowClosed)
    }

    @Test func manifestItemsEvaluateLikeInspectedFiles() throws {
        let checks = EvidenceManifest.Checks(status: .ok, findings: [], kind: .image)
        let items = [
            EvidenceManifest.Item(sequence: 1, path: "data/order.png", role: .orderScreenshot, originalName: "order.png", size: 1, sha256: "aa",
                                  mimeType: "image/png", captureTime: nil, checks: checks, note: nil),
            EvidenceManifest.Item(sequence: 2, path: "data/a.jpg", role: .productPhoto, originalName: "a.jpg", size: 1, sha256: "bb",
                                  mimeType: "image/jpeg", captureTime: nil, checks: EvidenceManifest.Checks(status: .corrupt, findings: [], kind: .image), note: nil),
        ].map(EvaluatedItem.init(manifestItem:))
        let result = try CompletenessEvaluator.evaluate(category: "quality", items: items, rules: try RuleSet.bundled())
        #expect(result.status == .incomplete)
        #expect(result.missingRequired.map(\.requirement) == ["defect-shown"])
        #expect(throws: RulesError.self) { try CompletenessEvaluator.evaluate(category: "nope", items: items, rules: try RuleSet.bundled()) }
    }
}
