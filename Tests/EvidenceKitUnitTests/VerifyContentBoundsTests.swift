import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Reading a bundle's payload is bounded as `inspect` is: a decoder bomb inside a bundle (an
/// image whose header claims 10^10 pixels, manifests all correct) is refused from its header
/// with `image.too-large`, in a zip, a tar and a folder, and never decoded (a decode would need
/// tens of gigabytes; the same bytes under a raised pixel limit are decoded, so the refusal
/// comes from the limit).
struct VerifyContentBoundsTests {
    static func bundle(photo: [UInt8], evidence: Bool) -> TestBag {
        TestBag.quality(withEvidenceJSON: evidence, payload: [
            ("data/01-左耳无声.png", .productPhoto, photo),
            ("data/02-订单截图.png", .orderScreenshot, makePNG(seed: 2)),
            ("data/03-旺旺聊天记录.txt", .chatRecord, Array("买家：左耳没有声音\n客服：请稍等\n".utf8)),
        ])
    }

    /// The bag as a zip, a tar and a folder, each verified.
    static func verifyEveryForm(_ bag: TestBag) -> [VerificationReport] {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let verifier = BundleVerifier()
        return [verifier.verify(folder.write("bomb.zip", bag.zip())), verifier.verify(folder.write("bomb.tar", bag.tar())),
                verifier.verify(bag.writeFolder(in: folder))]
    }

    @Test func aPixelBombInAnEvidenceBundleIsCorruptAgainstItsClaimWithoutBeingDecoded() {
        let reports = Self.verifyEveryForm(Self.bundle(photo: DecompressionBombTests.pngBomb(), evidence: true))
        #expect(reports.map(\.format) == [.zip, .tar, .folder])
        for report in reports {
            #expect(report.status == .invalid)
            // Fixity is perfect: the manifests were written over the bomb.
            #expect(report.problems.filter { $0.code.rawValue.hasPrefix("bag.") } == [])
            let corrupt = report.problems.first { $0.code == .contentCorrupt }
            #expect(corrupt?.entry == "data/01-左耳无声.png")
            #expect(corrupt?.found == "image.too-large")
            let checks = report.problems.first { $0.code == .checksMismatch }
            #expect(checks?.expected == "ok, image" && checks?.found == "corrupt, image")
            #expect(checks?.detail == "image.too-large")
            #expect(corrupt?.message.en.contains("image.too-large") == true)
            #expect(corrupt?.message.zh.contains("已损坏") == true)
        }
    }

    @Test func aJPEGBombInAPlainBagIsAWarningNamingTheLimit() throws {
        let jpeg = try DecompressionBombTests.jpegBomb()
        for report in Self.verifyEveryForm(Self.bundle(photo: jpeg, evidence: false)) {
            #expect(report.codes == [.contentCorrupt, .notAnEvidenceBundle])
            #expect(report.problems[0].found == "image.too-large")
            #expect(report.status == .validBag)
        }
        // The refusal came from the limit: under a raised one the same bytes are decoded.
        let reader = try #require(PayloadContentReader(limits: InspectionLimits(maxPixels: UInt64.max)))
        let session = reader.start(path: "data/bomb.jpg", expectedSize: UInt64(jpeg.count))
        jpeg.withUnsafeBytes { session.consume($0) }
        #expect(!session.finish(size: UInt64(jpeg.count)).findings.contains("image.too-large"))
    }
}
