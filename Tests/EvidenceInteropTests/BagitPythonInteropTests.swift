import Foundation
import EvidenceTestSupport
import Testing
import EvidenceKit

/// A bag made by bagit-python (the pinned one in `.build/venv`) and zipped by Python's zipfile:
/// EvidenceKit's verifier and bagit-python's validator agree on it, untouched and changed.
struct BagitPythonInteropTests {
    @Test func aBagMadeByBagitPythonAndZippedVerifiesAsAValidBag() throws {
        let folder = TemporaryDirectory("bagit-python")
        defer { folder.remove() }
        let python = try #require(PythonTools.python, "the pinned Python tools: run `make venv`")
        folder.write("mybag/订单截图.png", makePNG(seed: 5))
        folder.write("mybag/chat 100%.txt", Array("客服：好的\n".utf8))
        let made = try ProcessRunner.run(PythonTools.bagit, ["--quiet", folder.file("mybag")])
        #expect(made.status == 0, "\(made.output)")
        let script = "import os, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:\n    for r, d, fs in os.walk('mybag'):\n        for f in sorted(fs): z.write(os.path.join(r, f))\n"
        let zipped = try ProcessRunner.run(python, ["-c", script, "mybag.zip"], in: folder.path)
        #expect(zipped.status == 0, "\(zipped.output)")
        let report = BundleVerifier().verify(folder.file("mybag.zip"))
        // bagit-python writes BagIt 0.97: read by that version's rules, noted.
        #expect(report.codes == [.olderVersion, .notAnEvidenceBundle])
        #expect(report.status == .validBag)
        #expect(report.bag?.algorithms == ["sha256", "sha512"])
        #expect(report.bag?.payloadFiles == 2)
        // bagit-python's own validator agrees, and a change made after bagging is caught by both.
        folder.write("mybag/data/chat 100%.txt", Array("客服：不退\n".utf8))
        let validated = try ProcessRunner.run(PythonTools.bagit, ["--validate", "--quiet", folder.file("mybag")])
        #expect(validated.status == 1)
        // Same length, so Payload-Oxum still agrees; both manifests (sha256, sha512) catch it.
        #expect(BundleVerifier().verify(folder.file("mybag")).codes == [.olderVersion, .checksumMismatch, .checksumMismatch, .notAnEvidenceBundle])
    }
}
