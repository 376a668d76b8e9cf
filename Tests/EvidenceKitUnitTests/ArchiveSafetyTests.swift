import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Hostile archives built in code: each is refused before any content is read, with the exact reason.
struct ArchiveSafetyTests {
    let png = makePNG()

    func refusal(_ entries: [TestZip.Entry], limits: VerificationLimits = VerificationLimits()) -> VerificationReport {
        verifyBytes(TestZip(entries).bytes(), verifier: BundleVerifier(limits: limits))
    }

    @Test func zipSlipEntryIsRefusedByName() {
        let report = refusal([.directory("bag/"), TestZip.Entry("bag/../../evil.txt", Array("pwned".utf8))])
        #expect(report.codes == [.pathTraversal])
        #expect(report.problems[0].entry == "bag/../../evil.txt")
        #expect(report.status == .invalid)
        #expect(report.bytesRead == 0)
    }

    @Test func absolutePathsAreRefused() {
        #expect(refusal([TestZip.Entry("/etc/cron.d/evil", [1])]).codes == [.absolutePath])
        #expect(refusal([TestZip.Entry("C:/Windows/evil", [1])]).codes == [.absolutePath])
    }

    @Test func backslashTricksAreRefused() {
        #expect(refusal([TestZip.Entry("bag\\..\\evil.txt", [1])]).codes == [.pathTraversal])
        #expect(refusal([TestZip.Entry("bag/data\\evil.txt", [1])]).codes == [.backslash])
    }

    @Test func symlinkPointingOutsideIsRefused() {
        let report = refusal([.directory("bag/"), .symlink("bag/data/passwd", to: "/etc/passwd")])
        #expect(report.codes == [.symlink])
        #expect(report.problems[0].entry == "bag/data/passwd")
        #expect(report.problems[0].found == "/etc/passwd")
    }

    @Test func hardLinkInTarIsRefused() {
        let tar = TestTar(entries: [
            .init(name: Array("bag/".utf8), type: UInt8(ascii: "5")),
            .init(name: Array("bag/bagit.txt".utf8), data: Array("x".utf8)),
            .init(name: Array("bag/data/shadow".utf8), type: UInt8(ascii: "1"), link: "/etc/shadow"),
        ])
        let report = verifyBytes(tar.bytes(), name: "bundle.tar")
        #expect(report.format == .tar)
        #expect(report.codes == [.hardlink])
        #expect(report.problems[0].entry == "bag/data/shadow")
    }

    @Test func devicesAndFIFOsInTarAreRefused() {
        let tar = TestTar(entries: [
            .init(name: Array("bag/".utf8), type: UInt8(ascii: "5")),
            .init(name: Array("bag/data/null".utf8), type: UInt8(ascii: "3")),
            .init(name: Array("bag/data/pipe".utf8), type: UInt8(ascii: "6")),
        ])
        #expect(verifyBytes(tar.bytes(), name: "bundle.tar").codes == [.specialFile, .specialFile])
    }

    @Test func duplicateNamesAreRefusedExactlyAfterNFCAndAfterCaseFolding() {
        let exact = refusal([.directory("bag/"), TestZip.Entry("bag/a.png", png), TestZip.Entry("bag/a.png", png)])
        #expect(exact.codes == [.duplicateName])
        let nfd = refusal([.directory("bag/"), TestZip.Entry("bag/caf\u{E9}.png", png), TestZip.Entry("bag/cafe\u{301}.png", png)])
        // libarchive hands both back NFC-normalised; the raw central directory tells them apart.
        #expect(nfd.codes == [.duplicateAfterNFC, .nameNotNFC])
        #expect(nfd.problems[0].found == "bag/caf\u{E9}.png")
        #expect(nfd.problems[1].entry == "bag/cafe\u{301}.png")
        let folded = refusal([.directory("bag/"), TestZip.Entry("bag/Photo.PNG", png), TestZip.Entry("bag/photo.png", png)])
        #expect(folded.codes == [.duplicateAfterCaseFolding])
    }

    @Test func decomposedNameIsRefusedBecauseReadersDisagree() {
        #expect(refusal([.directory("bag/"), TestZip.Entry("bag/cafe\u{301}.png", png)]).codes == [.nameNotNFC])
    }

    @Test func moreThanOneTopLevelFolderIsRefused() {
        let report = refusal([TestZip.Entry("one/a.txt", [1]), TestZip.Entry("two/b.txt", [2])])
        #expect(report.codes == [.multipleTopLevel])
        #expect(report.problems[0].found == "one, two")
        #expect(refusal([TestZip.Entry("bagit.txt", [1])]).codes == [.noTopLevelFolder])
    }

    @Test func nonUTF8NamesAreRefused() {
        let zip = refusal([.directory("bag/"), TestZip.Entry(rawName: Array("bag/".utf8) + [0xC4, 0xE3, 0xBA, 0xC3] + Array(".txt".utf8), [1])])
        #expect(zip.codes == [.nameNotUTF8])
        let tar = TestTar(entries: [.init(name: Array("bag/".utf8) + [0xFF, 0xFE] + Array(".txt".utf8), data: [1])])
        #expect(verifyBytes(tar.bytes(), name: "bundle.tar").codes == [.nameNotUTF8])
    }

    @Test func unmarkedNonASCIINamesAreRefusedBecauseReadersDisagree() {
        var entry = TestZip.Entry("bag/订单.png", png)
        entry.flags = 0
        #expect(refusal([.directory("bag/"), entry]).codes == [.nameNotMarkedUTF8])
    }

    @Test func hundredThousandTinyEntriesAreRefusedFromTheEndRecord() {
        var zip = TestZip()
        zip.entries.reserveCapacity(100_000)
        for index in 0..<100_000 { zip.entries.append(TestZip.Entry("bag/data/\(index)", [])) }
        let report = verifyBytes(zip.bytes())
        #expect(report.codes == [.tooManyEntries])
        #expect(report.problems[0].expected == "10000" && report.problems[0].found == "100000")
        // A raised limit lets the count pass (and the bag is then judged on its merits).
        let raised = verifyBytes(zip.bytes(), verifier: BundleVerifier(limits: VerificationLimits(maxEntries: 200_000)))
        #expect(!raised.codes.contains(.tooManyEntries))
    }

    @Test func entryCountIsEnforcedWhileListingTar() {
        let tar = TestTar(entries: (0..<20).map { .init(name: Array("bag/data/\($0)".utf8), data: [1]) })
        let report = verifyBytes(tar.bytes(), name: "b.tar", verifier: BundleVerifier(limits: VerificationLimits(maxEntries: 10)))
        #expect(report.codes == [.tooManyEntries])
    }

    @Test func expandedSizeLimitIsEnforced() {
        let report = refusal([.directory("bag/"), TestZip.Entry("bag/data/big.bin", [UInt8](repeating: 7, count: 5000))],
                             limits: VerificationLimits(maxTotalSize: 4096))
        #expect(report.codes == [.totalSizeTooLarge])
    }

    @Test(arguments: [
        ("bag/./a", VerificationProblem.Code.invalidName), ("bag//a", .invalidName), ("bag/a\u{1}b", .invalidName),
        ("bag/a/../b", .pathTraversal), ("..", .pathTraversal), ("/a", .absolutePath), ("d:\\x", .absolutePath),
    ])
    func nameRules(name: String, code: VerificationProblem.Code) {
        #expect(ArchiveSafety.nameProblem(name)?.code == code)
    }

    @Test func ordinaryNamesPass() {
        for name in ["bag/", "bag/data/订单截图.png", "bag/data/a b (1).jpg", "bag/bagit.txt"] {
            #expect(ArchiveSafety.nameProblem(name) == nil)
        }
    }
}
