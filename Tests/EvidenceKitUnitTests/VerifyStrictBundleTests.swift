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
}
