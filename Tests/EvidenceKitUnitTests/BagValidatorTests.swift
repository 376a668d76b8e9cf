import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Fixity per RFC 8493 section 3 and tampering: every problem listed, naming the file, the
/// expected and the found checksum.
struct BagValidatorTests {
    func verify(_ bag: TestBag, verifier: BundleVerifier = BundleVerifier()) -> VerificationReport {
        verifyBytes(bag.zip(), verifier: verifier)
    }

    @Test func untouchedBundleIsValidAndComplete() {
        let report = verify(TestBag.quality())
        #expect(report.problems == [])
        #expect(report.status == .validComplete)
        #expect(report.bag?.payloadFiles == 3)
        #expect(report.bag?.algorithms == ["sha256"])
        #expect(report.evidence?.category == "quality")
        #expect(report.evidence?.orderID == "3712345678901234567")
        let payload = TestBag.quality().files.filter { $0.path.hasPrefix("data/") }
        #expect(report.bag?.payloadBytes == UInt64(payload.reduce(0) { $0 + $1.bytes.count }))
    }

    @Test func payloadByteChangedIsACheckSumMismatchNamingBothHashes() {
        var bag = TestBag.quality()
        let original = bag.files.first { $0.path == "data/01-左耳无声.png" }!.bytes
        var changed = original
        changed[changed.count - 5] ^= 0x01
        bag.replace("data/01-左耳无声.png", with: changed)
        let report = verify(bag)
        // The changed byte breaks the PNG's CRC too: the content is corrupt, unlike its claim.
        #expect(report.codes == [.checksumMismatch, .contentCorrupt, .checksMismatch])
        #expect(report.problems[0].entry == "data/01-左耳无声.png")
        #expect(report.problems[0].expected == sha256Hex(original))
        #expect(report.problems[0].found == sha256Hex(changed))
        #expect(report.status == .invalid)
    }

    @Test func everyChangedFileIsListedNotOnlyTheFirst() {
        var bag = TestBag.quality()
        bag.replace("data/01-左耳无声.png", with: makePNG(seed: 9))
        bag.replace("data/02-订单截图.png", with: makePNG(seed: 8))
        let report = verify(bag)
        #expect(report.codes == [.checksumMismatch, .checksumMismatch])
        #expect(report.problems.map(\.entry) == ["data/01-左耳无声.png", "data/02-订单截图.png"])
    }

    @Test func fileAddedIsExtraAndBreaksOxumAndIsNotInEvidenceJSON() {
        var bag = TestBag.quality()
        bag.files.append(("data/04-extra.png", makePNG(seed: 4)))
        let report = verify(bag)
        #expect(report.codes == [.extraFile, .payloadOxumMismatch, .fileNotInEvidenceJSON])
        #expect(report.problems[0].entry == "data/04-extra.png")
        #expect(report.problems[0].found == "manifest-sha256.txt")
    }

    @Test func fileRemovedIsMissing() {
        var bag = TestBag.quality()
        bag.files.removeAll { $0.path == "data/02-订单截图.png" }
        let report = verify(bag)
        #expect(report.codes == [.missingFile, .payloadOxumMismatch, .itemNotInBag])
        #expect(report.problems[0].entry == "data/02-订单截图.png")
    }

    @Test func manifestLineEditedIsCaughtByTheTagManifestAndAgainstTheFile() {
        var bag = TestBag.quality()
        let real = sha256Hex(bag.files.first { $0.path == "data/01-左耳无声.png" }!.bytes)
        let forged = String(repeating: "0", count: 64)
        bag.edit("manifest-sha256.txt") { $0.replacingOccurrences(of: real, with: forged) }
        let report = verify(bag)
        #expect(report.codes == [.checksumMismatch, .tagChecksumMismatch, .itemHashMismatch])
        #expect(report.problems[0].expected == forged && report.problems[0].found == real)
        #expect(report.problems[1].entry == "manifest-sha256.txt")
    }

    @Test func tagManifestEditedIsCaught() {
        var bag = TestBag.quality()
        let real = sha256Hex(bag.files[1].bytes)
        bag.edit("tagmanifest-sha256.txt") { $0.replacingOccurrences(of: real, with: String(repeating: "a", count: 64)) }
        let report = verify(bag)
        #expect(report.codes == [.tagChecksumMismatch])
        #expect(report.problems[0].entry == "bag-info.txt")
    }

    @Test func evidenceJSONRoleChangedIsCaughtEvenWhenTheTamperReseals() {
        var bag = TestBag.quality()
        bag.editEvidence { $0.items[1].role = .invoice }
        let report = verify(bag)
        #expect(report.codes == [.tagChecksumMismatch, .roleMismatch])
        #expect(report.problems[0].entry == "evidence.json")
        #expect(report.problems[1].expected == "order-screenshot" && report.problems[1].found == "invoice")
        // A careful tamperer rewrites the tag manifest too: the roles still disagree with the case.
        bag.resealTagManifest()
        #expect(verify(bag).codes == [.roleMismatch])
    }

    @Test func bagitTxtMustBeExactAndWithoutBOM() {
        let bom = TestBag.quality(bagitTxt: "\u{FEFF}BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
        #expect(verify(bom).codes == [.byteOrderMark])
        let version = TestBag.quality(bagitTxt: "BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n")
        #expect(verify(version).codes == [.invalidBagitTxt])
        let extra = TestBag.quality(bagitTxt: "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\nExtra: 1\n")
        #expect(verify(extra).codes == [.invalidBagitTxt])
        let crlf = TestBag.quality(bagitTxt: "BagIt-Version: 1.0\r\nTag-File-Character-Encoding: UTF-8\r\n")
        #expect(verify(crlf).problems == [])
    }

    @Test func missingBagitTxtIsNotABag() {
        var bag = TestBag.quality()
        bag.files.removeAll { $0.path == "bagit.txt" }
        #expect(verify(bag).codes == [.missingBagitTxt])
    }

    @Test func wrongPayloadOxumIsReported() {
        var bag = TestBag.quality()
        bag.edit("bag-info.txt") { $0.replacingOccurrences(of: "Payload-Oxum: ", with: "Payload-Oxum: 1") }
        bag.resealTagManifest()
        #expect(verify(bag).codes == [.payloadOxumMismatch])
    }

    @Test func percentEncodedNamesInManifestsAreDecoded() {
        let bag = TestBag.quality(payload: [("data/100%.txt", .chatRecord, Array("买家：左耳没有声音\n".utf8))])
        var encoded = bag
        encoded.edit("manifest-sha256.txt") { $0.replacingOccurrences(of: "data/100%.txt", with: "data/100%25.txt") }
        encoded.resealTagManifest()
        #expect(verify(encoded).problems == [])
        #expect(BagManifest.percentDecoded("a%0Ab%0dc%25d%41") == "a\nb\rc%d%41")
    }

    @Test func malformedManifestLinesAreReportedWithTheirLineNumber() {
        var bag = TestBag.quality()
        bag.edit("manifest-sha256.txt") { $0 + "nothex  data/x.png\n../../etc/passwd\n" }
        bag.resealTagManifest()
        let report = verify(bag)
        #expect(report.codes == [.invalidManifestLine, .invalidManifestLine])
        #expect(report.problems.map(\.expected) == ["4", "5"])
    }

    @Test func sameBagAsTarTarGzAndFolderGivesTheSameVerdict() throws {
        var bag = TestBag.quality()
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let tar = folder.write("bundle.tar", bag.tar())
        #expect(try ProcessRunner.run("/usr/bin/gzip", ["-k", "-n", tar]).status == 0)
        let verifier = BundleVerifier()
        let reports = verifier.verify([tar, tar + ".gz", bag.writeFolder(in: folder)], jobs: 2)
        #expect(reports.map(\.format) == [.tar, .tarGzip, .folder])
        #expect(reports.map(\.status) == [.validComplete, .validComplete, .validComplete])
        bag.replace("data/01-左耳无声.png", with: makePNG(seed: 7))
        let tampered = folder.write("tampered.tar", bag.tar())
        #expect(verifier.verify(tampered).codes == [.checksumMismatch])
    }

    @Test func symlinkInsideAnUnpackedFolderIsRefused() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let root = TestBag.quality().writeFolder(in: folder)
        try FileManager.default.createSymbolicLink(atPath: root + "/data/link", withDestinationPath: "/etc/passwd")
        let report = BundleVerifier().verify(root)
        #expect(report.codes == [.symlink])
        #expect(report.problems[0].entry == "data/link")
    }
}
