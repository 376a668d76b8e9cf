import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Zips whose readers would disagree, or which hide or lie: found from the zip's own structure.
struct ZipStructureTests {
    let bag = TestBag.quality()

    var entries: [TestZip.Entry] {
        [.directory(bag.name + "/")] + bag.files.map { TestZip.Entry(bag.name + "/" + $0.path, $0.bytes) }
    }

    @Test func theBagAsBuiltIsValid() {
        let report = verifyBytes(TestZip(entries).bytes())
        #expect(report.problems == [])
        #expect(report.status == .validComplete)
    }

    @Test func centralDirectoryAndLocalHeaderNamesDisagree() {
        var list = entries
        list[5].localName = Array((bag.name + "/data/evil.exe").utf8)
        let report = verifyBytes(TestZip(list).bytes())
        #expect(report.codes == [.localHeaderMismatch])
        #expect(report.problems[0].detail == "name")
        #expect(report.problems[0].found == bag.name + "/data/evil.exe")
        #expect(report.bytesRead == 0)
    }

    @Test func centralDirectoryAndLocalHeaderCRCAndSizeDisagree() {
        var list = entries
        list[5].localCRC = 0xDEADBEEF
        list[6].localUncompressedSize = 1
        let report = verifyBytes(TestZip(list).bytes())
        #expect(report.codes == [.localHeaderMismatch, .localHeaderMismatch])
        #expect(report.problems.map(\.detail) == ["crc", "uncompressed size"])
    }

    @Test func unicodePathExtraFieldContradictingTheNameIsRefused() {
        var list = entries
        list[6].centralExtra = TestZip.unicodePathExtra(bag.name + "/data/other.png", stored: list[6].name)
        let report = verifyBytes(TestZip(list).bytes())
        #expect(report.codes == [.unicodePathMismatch])
        #expect(report.problems[0].found == bag.name + "/data/other.png")
    }

    @Test func unicodePathExtraFieldAgreeingWithTheNameIsAccepted() {
        var list = entries
        list[6].flags = 0
        list[6].centralExtra = TestZip.unicodePathExtra(String(decoding: list[6].name, as: UTF8.self), stored: list[6].name)
        list[6].localExtra = list[6].centralExtra
        #expect(verifyBytes(TestZip(list).bytes()).status == .validComplete)
    }

    @Test func jpegWithAZipAppendedIsRefused() {
        var zip = TestZip(entries)
        zip.prefix = [0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0x11, count: 496) + [0xFF, 0xD9]
        let report = verifyBytes(zip.bytes(), name: "photo.jpg")
        #expect(report.format == .zip)
        #expect(report.codes == [.dataBeforeArchive])
        #expect(report.problems[0].found == "502")
    }

    @Test func concatenatedZipsAreRefused() {
        // The first zip's end record is within reach of an end-record search: two candidates.
        let first = TestZip([TestZip.Entry("decoy/readme.txt", Array("hello".utf8))]).bytes()
        var second = TestZip(entries)
        second.prefix = first
        #expect(verifyBytes(second.bytes()).codes == [.ambiguousEndRecord])
        // Farther away than an end-record search reaches, it is found from the offsets: the
        // second zip's directory is not where its end record says.
        let bigBag = TestBag.quality(payload: [("data/chat.txt", .chatRecord, [UInt8](repeating: 0x41, count: 70_000))])
        var farther = TestZip([.directory(bigBag.name + "/")] + bigBag.files.map { TestZip.Entry(bigBag.name + "/" + $0.path, $0.bytes) })
        farther.prefix = first
        let report = verifyBytes(farther.bytes())
        #expect(report.codes == [.dataBeforeArchive])
        #expect(report.problems[0].found == String(first.count))
    }

    @Test func fakeEndRecordInTheCommentIsRefused() {
        var zip = TestZip(entries)
        // An end record claiming an empty archive, hidden in the real one's comment.
        zip.comment = le32(0x0605_4B50) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + le16(0)
        #expect(verifyBytes(zip.bytes()).codes == [.ambiguousEndRecord])
    }

    @Test func dataAfterTheEndRecordIsRefused() {
        var zip = TestZip(entries)
        zip.suffix = Array("trailing".utf8)
        let report = verifyBytes(zip.bytes())
        #expect(report.codes.first == .dataAfterArchive)
    }

    @Test func truncatedZipIsRefused() {
        let bytes = TestZip(entries).bytes()
        let report = verifyBytes(Array(bytes.prefix(bytes.count / 2)))
        #expect(report.codes == [.truncated])
        #expect(report.status == .invalid)
    }

    @Test func crcErrorInEntryDataIsReportedForThatEntry() {
        var list = entries
        list[6].crc = crc32(list[6].data) ^ 1
        let report = verifyBytes(TestZip(list).bytes())
        #expect(report.codes == [.crcError])
        #expect(report.problems[0].entry == bag.name + "/data/01-左耳无声.png")
    }

    @Test func storedEntryWhoseSizeLiesIsRefused() {
        var list = entries
        list[8].uncompressedSize = 3
        list[8].localUncompressedSize = 3
        let report = verifyBytes(TestZip(list).bytes())
        #expect(report.codes == [.sizeMismatch])
        #expect(report.problems[0].entry == bag.name + "/data/03-旺旺聊天记录.txt")
    }

    @Test func encryptedEntriesAndExoticCompressionAreRefused() {
        var list = entries
        list[6].flags |= 1
        list[7].method = 12
        list[7].crc = crc32(list[7].data)
        #expect(verifyBytes(TestZip(list).bytes()).codes == [.encrypted, .unsupportedCompression])
    }

    @Test func overlappingEntriesAreRefused() {
        var list = entries
        list[7].offsetOverride = 0
        let codes = verifyBytes(TestZip(list).bytes()).codes
        #expect(codes.contains(.overlappingEntries) || codes.contains(.localHeaderMismatch))
    }

    @Test func notAnArchiveIsUnreadable() {
        let report = verifyBytes(makePNG(), name: "photo.png")
        #expect(report.codes == [.unsupportedFormat])
        #expect(report.status == .unreadable)
    }

    @Test func missingBundleIsUnreadable() {
        let report = BundleVerifier().verify("/nonexistent/bundle.zip")
        #expect(report.codes == [.cannotOpen])
    }
}
