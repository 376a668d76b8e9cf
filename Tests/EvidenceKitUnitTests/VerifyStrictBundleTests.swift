import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// A bag with `evidence.json` claims to be an EvidenceKit bundle: it must be exactly what
/// `pack` writes, so what is only tolerated in other bags makes it invalid.
struct VerifyStrictBundleTests {
    @Test func leniencyInABundleWithEvidenceJSONIsNotAsPacked() {
        var crlf = TestBag.quality()
        crlf.edit("manifest-sha256.txt") { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        crlf.resealTagManifest()
        let report = verifyBytes(crlf.zip())
        #expect(report.codes == [.notAsPacked])
        #expect(report.problems[0].entry == "manifest-sha256.txt")
        #expect(report.status == .invalid)

        var star = TestBag.quality()
        star.edit("manifest-sha256.txt") { $0.replacingOccurrences(of: "  data/", with: " *data/") }
        star.resealTagManifest()
        #expect(verifyBytes(star.zip()).codes == [.notAsPacked])

        let older = TestBag.quality(bagitTxt: "BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n")
        let olderReport = verifyBytes(older.zip())
        #expect(olderReport.codes == [.notAsPacked])
        #expect(olderReport.problems[0].found == "bag.older-version")

        var holey = TestBag.quality()
        holey.files.append(("fetch.txt", Array("https://example.com/x 3 data/x.png\n".utf8)))
        holey.resealTagManifest()
        #expect(verifyBytes(holey.zip()).codes == [.fetchNotSupported])
    }

    /// The rest of what plain bags may do, each in a bundle with evidence.json (tag manifest
    /// resealed, so only the leniency itself is wrong): each is `bag.not-as-packed` naming the
    /// code it would have been, and the bundle is invalid.
    @Test(arguments: ["iso-8859-1", "dot-slash", "duplicate-line", "md5-only", "comment"])
    func everyOtherLeniencyIsNotAsPackedInABundle(form: String) {
        var bag = form == "iso-8859-1"
            ? TestBag.quality(bagitTxt: "BagIt-Version: 1.0\nTag-File-Character-Encoding: ISO-8859-1\n")
            : TestBag.quality()
        let expected: String
        switch form {
        case "iso-8859-1":
            expected = "bag.tag-file-encoding"
        case "dot-slash":
            bag.edit("manifest-sha256.txt") { $0.replacingOccurrences(of: "  data/", with: "  ./data/") }
            expected = "bag.manifest-line-style"
        case "duplicate-line":
            bag.edit("manifest-sha256.txt") { $0 + $0.split(separator: "\n")[0] + "\n" }
            expected = "bag.duplicate-manifest-entry"
        case "md5-only":
            let md5 = bag.files.filter { $0.path.hasPrefix("data/") }.map { file in
                var md5 = ChecksumAlgorithm.md5.makeHasher()
                file.bytes.withUnsafeBytes { md5.update($0) }
                return "\(md5.finalizeHex())  \(file.path)\n"
            }.joined()
            bag.files.insert(("manifest-md5.txt", Array(md5.utf8)), at: 3)
            bag.files.removeAll { $0.path == "manifest-sha256.txt" }
            expected = "bag.weak-algorithm"
        default:
            bag.edit("manifest-sha256.txt") { "# written by hand\n" + $0 }
            expected = "bag.manifest-line-style"
        }
        bag.resealTagManifest()
        let report = verifyBytes(bag.zip())
        #expect(report.status == .invalid)
        let notPacked = report.problems.filter { $0.code == .notAsPacked }
        #expect(notPacked.contains { $0.found == expected }, "\(report.problems)")
        #expect(report.problems.filter { $0.severity == .warning || $0.severity == .notice } == [], "leniencies are errors here")
    }
}
