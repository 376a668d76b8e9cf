import Foundation
import Testing
import EvidenceTestSupport
@testable import EvidenceKit

/// Bags that other tools write (RFC 8493 and bagit-python accept them): `evidence verify`
/// accepts them too, with a warning or notice where one is due, as a folder and zipped; bags
/// that are invalid stay refused with their reason. bagit-python (`bagit.py --validate`) is
/// asked about the same folder.
struct VerifyInteropBagTests {
    static let photo = makePNG(seed: 3)
    static let chat = Array("买家：左耳没有声音\n客服：请稍等\n".utf8)

    static func bag(_ change: (inout HandBag) -> Void = { _ in }) -> HandBag {
        var bag = HandBag()
        bag.payload = [("data/订单截图.png", photo), ("data/chat.txt", chat)]
        change(&bag)
        return bag
    }

    /// Verifies `bag` unpacked and zipped; both reports must agree on codes and status.
    func verifyBoth(_ bag: HandBag, in folder: TemporaryDirectory) throws -> (folder: VerificationReport, zip: VerificationReport) {
        let verifier = BundleVerifier()
        let unpacked = verifier.verify(bag.writeFolder(in: folder))
        let zipped = verifier.verify(try bag.zip(in: folder))
        #expect(unpacked.codes == zipped.codes, "folder and zip disagree")
        #expect(unpacked.status == zipped.status)
        #expect(unpacked.format == .folder && zipped.format == .zip)
        return (unpacked, zipped)
    }

    /// A plain bag that is valid: both forms `valid-bag`, with exactly `codes`, and bagit-python agrees.
    func expectAccepted(_ bag: HandBag, codes: [VerificationProblem.Code], pythonAgrees: Bool = true,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let (unpacked, _) = try verifyBoth(bag, in: folder)
        #expect(unpacked.codes == codes, sourceLocation: sourceLocation)
        #expect(unpacked.status == .validBag, sourceLocation: sourceLocation)
        #expect(unpacked.bag?.payloadFiles == bag.payload.count, sourceLocation: sourceLocation)
        if pythonAgrees {
            #expect(try bagitPythonAccepts(bag.writeFolder(in: folder)), "bagit-python refuses it", sourceLocation: sourceLocation)
        }
    }

    @Test func aPlainUTF8BagWithLFIsValidWithoutRemarks() throws {
        try expectAccepted(Self.bag(), codes: [.notAnEvidenceBundle])
    }

    @Test(arguments: ["\r\n", "\r"])
    func crlfAndCRLineEndsAreRFCLineEnds(lineEnd: String) throws {
        let bag = Self.bag { $0.lineEnd = lineEnd }
        #expect(bag.files[0].bytes.contains(0x0D))
        try expectAccepted(bag, codes: [.notAnEvidenceBundle])
    }

    @Test(arguments: ["0.93", "0.94", "0.95", "0.96", "0.97"])
    func olderVersionsAreAcceptedAndReportedAsSuch(version: String) throws {
        let bag = Self.bag { $0.version = version }
        if ["0.93", "0.94", "0.95"].contains(version) {
            #expect(bag.files.contains { $0.path == "package-info.txt" })
        }
        try expectAccepted(bag, codes: [.olderVersion, .notAnEvidenceBundle])
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let report = BundleVerifier().verify(bag.writeFolder(in: folder))
        #expect(report.bag?.version == version)
        #expect(report.problems[0].found == version)
    }

    @Test func payloadOxumIsReadFromPackageInfoInVersion095() throws {
        let bag = Self.bag { $0.version = "0.95"; $0.oxum = "1.1" }
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let (unpacked, _) = try verifyBoth(bag, in: folder)
        #expect(unpacked.codes == [.olderVersion, .payloadOxumMismatch, .notAnEvidenceBundle])
        #expect(unpacked.problems[1].entry == "package-info.txt")
        #expect(unpacked.status == .invalid)
        #expect(try !bagitPythonAccepts(bag.writeFolder(in: folder)))
    }

    @Test func isoLatin1TagFilesAreDecodedAsDeclared() throws {
        let bag = Self.bag {
            $0.encoding = "ISO-8859-1"
            $0.payload = [("data/chat.txt", VerifyInteropBagTests.chat), ("data/café crème.txt", Array("très bien\n".utf8))]
            $0.info = ["Source-Organization: Société Générale"]
        }
        // é is one byte (0xE9) in the manifest, two in the file name.
        let manifest = bag.files.first { $0.path == "manifest-sha256.txt" }!.bytes
        #expect(manifest.contains(0xE9))
        #expect(String(validating: manifest, as: UTF8.self) == nil)
        try expectAccepted(bag, codes: [.tagFileEncoding, .notAnEvidenceBundle])
    }

    @Test func utf16TagFilesAreDecodedAsDeclared() throws {
        let bag = Self.bag { $0.encoding = "UTF-16"; $0.lineEnd = "\r\n" }
        let manifest = bag.files.first { $0.path == "manifest-sha256.txt" }!.bytes
        #expect(manifest.starts(with: [0xFF, 0xFE]) || manifest.starts(with: [0xFE, 0xFF]))
        try expectAccepted(bag, codes: [.tagFileEncoding, .notAnEvidenceBundle])
    }

    @Test func undecodableOrUnknownEncodingsAreRefusedWithTheFile() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        var bag = Self.bag { $0.encoding = "UTF-16" }
        let odd = bag.files.first { $0.path == "bag-info.txt" }!.bytes + [0x41]
        bag.info = []
        var files = bag.files
        files[files.firstIndex { $0.path == "bag-info.txt" }!].bytes = odd
        let root = folder.file("odd/handbag")
        for file in files { folder.write("odd/handbag/" + file.path, file.bytes) }
        let report = BundleVerifier().verify(root)
        #expect(report.codes.contains(.invalidTagFileEncoding))
        #expect(report.problems.first { $0.code == .invalidTagFileEncoding }?.entry == "bag-info.txt")
        #expect(report.status == .invalid)

        var unknown = Self.bag()
        unknown.encoding = "UTF-8"
        var unknownFiles = unknown.files
        unknownFiles[0].bytes = Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: X-NO-SUCH-CHARSET\n".utf8)
        for file in unknownFiles { folder.write("unknown/handbag/" + file.path, file.bytes) }
        let refused = BundleVerifier().verify(folder.file("unknown/handbag"))
        #expect(refused.codes.first == .invalidBagitTxt)
        #expect(refused.problems[0].detail?.contains("X-NO-SUCH-CHARSET") == true)
    }

    @Test func fetchTxtMakesAHoleyBagValidButNotCompleteAndNothingIsFetched() throws {
        let missing = Array("客服：已补发\n".utf8)
        let bag = Self.bag { $0.fetched = [("data/later reply.txt", missing)] }
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let (unpacked, zipped) = try verifyBoth(bag, in: folder)
        for report in [unpacked, zipped] {
            #expect(report.codes == [.fetchPending, .notAnEvidenceBundle])
            #expect(report.status == .validHoley)

            #expect(report.bag?.toFetch == [.init(url: "https://example.com/later%20reply.txt", length: UInt64(missing.count),
                                                  path: "data/later reply.txt")])
        }
        // The CLI lists the file to fetch and exits 3.
        let cli = try CLI.run(["verify", "--lang", "en", bag.writeFolder(in: folder)])
        #expect(cli.status == 3)
        #expect(cli.stdout.contains("to fetch: data/later reply.txt"))
        // bagit-python calls a bag with files still to fetch incomplete (not valid) too.
        #expect(try !bagitPythonAccepts(bag.writeFolder(in: folder)))
        // Once the file is there, the same bag is complete and valid for both.
        var fetched = bag
        fetched.fetched = []
        fetched.payload.append(("data/later reply.txt", missing))
        let whole = BundleVerifier().verify(fetched.writeFolder(in: folder))
        #expect(whole.codes == [.notAnEvidenceBundle])
        #expect(whole.status == .validBag)
        #expect(try bagitPythonAccepts(fetched.writeFolder(in: folder)))
    }

    @Test func md5sumStarAndDotSlashManifestLinesAreAcceptedWithAWarning() throws {
        let star = Self.bag { $0.writePath = { "*" + $0 } }
        try expectAccepted(star, codes: [.manifestLineStyle, .notAnEvidenceBundle])
        let dot = Self.bag { $0.writePath = { "./" + $0 } }
        try expectAccepted(dot, codes: [.manifestLineStyle, .notAnEvidenceBundle])
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let report = BundleVerifier().verify(star.writeFolder(in: folder))
        #expect(report.problems[0].entry == "manifest-sha256.txt")
        #expect(report.problems[0].detail?.contains("*") == true)
    }

    @Test func namesWithSpacesAndPercentSigns() throws {
        // RFC 8493 encoding (`%` as `%25`): accepted without remark.
        let encoded = Self.bag { $0.payload.append(("data/my photo 100% 正品.txt", Array("正品\n".utf8))) }
        #expect(String(decoding: encoded.files.first { $0.path == "manifest-sha256.txt" }!.bytes, as: UTF8.self).contains("100%25"))
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let (report, _) = try verifyBoth(encoded, in: folder)
        #expect(report.codes == [.notAnEvidenceBundle])
        // bagit-python 1.9 decodes only %0A and %0D, not %25, so it looks for “100%25” and refuses
        // this RFC-conformant bag. Written as is, as bagit-python writes it, a “%” that is not
        // followed by two hex digits means the same to both readers: no remark.
        var literal = encoded
        literal.writePath = { $0 }
        try expectAccepted(literal, codes: [.notAnEvidenceBundle])
        // A name that itself holds “%25”, written as is: RFC decoding finds no such file, the
        // literal name does; accepted with a warning (bagit-python reads it literally).
        let ambiguous = Self.bag { $0.payload.append(("data/50%25off.txt", Array("优惠\n".utf8))); $0.writePath = { $0 } }
        try expectAccepted(ambiguous, codes: [.notPercentEncoded, .notAnEvidenceBundle])
        // A name with a line break is legal BagIt (percent-encoded in the manifest) but refused
        // here as unsafe before anything is read: extractors disagree on such names.
        let broken = Self.bag { $0.payload.append(("data/two\nlines.txt", Array("x y\n".utf8))) }
        let (lines, _) = try verifyBoth(broken, in: folder)
        #expect(lines.codes == [.invalidName])
    }

    @Test func duplicateLinesWithTheSameChecksumAreAWarningConflictingOnesAnError() throws {
        // bagit-python warns for BagIt 0.97 (and refuses from 1.0 on, where this program still only warns).
        let duplicate = Self.bag {
            $0.version = "0.97"
            $0.extraManifestLines = ["\(HandBag.digest("sha256", VerifyInteropBagTests.chat))  data/chat.txt"]
        }
        try expectAccepted(duplicate, codes: [.olderVersion, .duplicateManifestEntry, .notAnEvidenceBundle])
        let conflicting = Self.bag { $0.extraManifestLines = [String(repeating: "0", count: 64) + "  data/chat.txt"] }
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let (report, _) = try verifyBoth(conflicting, in: folder)
        #expect(report.codes == [.conflictingManifestEntry, .notAnEvidenceBundle])
        #expect(report.problems[0].entry == "data/chat.txt")
        #expect(report.status == .invalid)
        #expect(try !bagitPythonAccepts(conflicting.writeFolder(in: folder)))
    }

    @Test func hiddenSystemFilesInThePayloadAreAWarningWhenListedAndExtraWhenNot() throws {
        let listed = Self.bag { $0.payload.append(("data/.DS_Store", [0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31])) }
        try expectAccepted(listed, codes: [.hiddenSystemFile, .notAnEvidenceBundle])
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let root = Self.bag().writeFolder(in: folder)
        folder.write(String(root.dropFirst(folder.path.count + 1)) + "/data/Thumbs.db", [1, 2, 3])
        let report = BundleVerifier().verify(root)
        #expect(report.codes == [.extraFile, .hiddenSystemFile, .payloadOxumMismatch, .notAnEvidenceBundle])
        #expect(report.status == .invalid)
        #expect(try !bagitPythonAccepts(root))
    }

    @Test func everySwiftCryptoAlgorithmIsVerified() throws {
        let bag = Self.bag { $0.algorithms = ["md5", "sha1", "sha256", "sha384", "sha512"] }
        try expectAccepted(bag, codes: [.notAnEvidenceBundle])
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let report = BundleVerifier().verify(bag.writeFolder(in: folder))
        #expect(report.bag?.algorithms == ["md5", "sha1", "sha256", "sha384", "sha512"])
        // A changed file is caught by every manifest.
        var changed = bag.files
        changed[changed.firstIndex { $0.path == "data/chat.txt" }!].bytes = Array("买家：左耳没有声音\n客服：不退款\n".utf8)
        for file in changed { folder.write("changed/handbag/" + file.path, file.bytes) }
        let tampered = BundleVerifier().verify(folder.file("changed/handbag"))
        #expect(tampered.codes.filter { $0 == .checksumMismatch }.count == 5)
    }

    @Test func md5OrSHA1AloneIsAcceptedWithAWarning() throws {
        try expectAccepted(Self.bag { $0.algorithms = ["md5"] }, codes: [.weakAlgorithm, .notAnEvidenceBundle])
        try expectAccepted(Self.bag { $0.algorithms = ["md5", "sha1"] }, codes: [.weakAlgorithm, .notAnEvidenceBundle])
    }

    /// SHA-224, SHA-512/256, SHA-3 and BLAKE2 (what bagit-python offers through hashlib, which
    /// swift-crypto lacks) are computed through the system's OpenSSL: each alone is enough.
    @Test(arguments: ["sha224", "sha512_256", "sha3_256", "sha3_512", "blake2b", "blake2s"])
    func algorithmsBeyondSwiftCryptoAreVerified(algorithm: String) throws {
        let alone = Self.bag { $0.algorithms = [algorithm] }
        // bagit-python knows hashlib's guaranteed algorithms, which do not include SHA-512/256.
        try expectAccepted(alone, codes: [.notAnEvidenceBundle], pythonAgrees: algorithm != "sha512_256")
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        #expect(BundleVerifier().verify(alone.writeFolder(in: folder)).bag?.algorithms == [algorithm])
        // A changed file is caught by that manifest alone, with the digest it computed.
        var changed = alone.files
        let edited = Array("买家：左耳没有声音\n客服：不退款\n".utf8)
        changed[changed.firstIndex { $0.path == "data/chat.txt" }!].bytes = edited
        for file in changed { folder.write("changed/handbag/" + file.path, file.bytes) }
        let tampered = BundleVerifier().verify(folder.file("changed/handbag"))
        #expect(edited.count == Self.chat.count)
        #expect(tampered.codes == [.checksumMismatch, .notAnEvidenceBundle])
        #expect(tampered.problems[0].found == HandBag.digest(algorithm, edited))
        #expect(tampered.status == .invalid)
    }

    /// A bag that bagit-python itself makes with several of those algorithms at once.
    @Test func aBagMadeByBagitPythonWithSHA224SHA3AndBLAKE2IsValid() throws {
        guard let python = PythonTools.python else { throw BagitPythonMissing() }
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let bag = folder.file("made/bagit-made")
        folder.write("made/bagit-made/订单截图.png", Self.photo)
        folder.write("made/bagit-made/chat log 100%.txt", Self.chat)
        let made = try ProcessRunner.run(python, [PythonTools.bagit, "--quiet", "--sha224", "--sha3_256", "--blake2b", "--sha512", bag])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: bag + "/manifest-sha3_256.txt"))
        #expect(FileManager.default.fileExists(atPath: bag + "/tagmanifest-blake2b.txt"))
        let zip = folder.file("made.zip")
        let script = "import os, sys, zipfile\nroot, out = sys.argv[1], sys.argv[2]\nwith zipfile.ZipFile(out, 'w') as z:\n    for r, d, fs in os.walk(root):\n        for f in fs:\n            p = os.path.join(r, f)\n            z.write(p, os.path.relpath(p, os.path.dirname(root)))\n"
        #expect(try ProcessRunner.run("/usr/bin/python3", ["-c", script, bag, zip]).status == 0)
        for report in [BundleVerifier().verify(bag), BundleVerifier().verify(zip)] {
            #expect(report.codes == [.olderVersion, .notAnEvidenceBundle])  // bagit-python 1.9 writes BagIt 0.97
            #expect(report.status == .validBag)
            #expect(report.bag?.algorithms == ["blake2b", "sha224", "sha3_256", "sha512"])
        }
    }

    @Test func anAlgorithmNobodyCanComputeIsSkippedAndAloneUnreadable() throws {
        // Beside a sha256 manifest: that one is checked, the unknown one skipped with a warning.
        var both = Self.bag()
        both.extraTagFiles = [("manifest-whirlpool9.txt", Array((String(repeating: "0", count: 40) + "  data/chat.txt\n").utf8))]
        try expectAccepted(both, codes: [.unsupportedAlgorithm, .notAnEvidenceBundle], pythonAgrees: false)
        // Alone: nothing can be checked, so the bag is unreadable for this program (exit 2), not invalid.
        var alone = both
        alone.algorithms = []
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let (report, _) = try verifyBoth(alone, in: folder)
        #expect(report.codes == [.unsupportedAlgorithm, .noSupportedManifest, .notAnEvidenceBundle])
        #expect(report.problems[0].message.en.contains("sha3_256"))
        #expect(report.status == .unreadable)
    }

    @Test func invalidBagsStayInvalidWithTheirReason() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        // A changed payload file under CRLF manifests.
        var crlf = Self.bag { $0.lineEnd = "\r\n" }
        var files = crlf.files
        files[files.firstIndex { $0.path == "data/chat.txt" }!].bytes = Array("买家：左耳没有声音\n客服：好的呀\n".utf8)
        for file in files { folder.write("crlf/handbag/" + file.path, file.bytes) }
        let report = BundleVerifier().verify(folder.file("crlf/handbag"))
        #expect(report.codes == [.checksumMismatch, .notAnEvidenceBundle])
        #expect(report.problems[0].entry == "data/chat.txt")
        #expect(try !bagitPythonAccepts(folder.file("crlf/handbag")))
        // A missing file under `./` paths.
        crlf.writePath = { "./" + $0 }
        crlf.payload.removeLast()
        crlf.fetched = []
        var missing = crlf.files
        missing = missing.map { file in
            guard file.path == "manifest-sha256.txt" else { return file }
            return (file.path, file.bytes + Array("\(HandBag.digest("sha256", Self.chat))  ./data/chat.txt\r\n".utf8))
        }
        for file in missing { folder.write("missing/handbag/" + file.path, file.bytes) }
        let gone = BundleVerifier().verify(folder.file("missing/handbag"))
        #expect(gone.codes.contains(.missingFile))
        #expect(gone.status == .invalid)
    }
}

/// The new fields and codes (`valid-holey`, `to_fetch`, `tag_file_encoding`, `bag.*`, `content.*`,
/// `meaning.*`) in `--json-lines` and `--json` follow the schemas.
struct VerifyInteropSchemaTests {
    @Test func holeyLegacyAndSpecialReportsFollowTheSchemas() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let holey = VerifyInteropBagTests.bag { $0.fetched = [("data/later.txt", Array("x\n".utf8))]; $0.version = "0.96" }
        let latin = VerifyInteropBagTests.bag {
            $0.encoding = "ISO-8859-1"; $0.payload = [("data/café.txt", Array("très\n".utf8))]; $0.info = []
            $0.writePath = { "*./" + $0 }
        }
        var lie = TestBag.quality()
        lie.replace("data/01-左耳无声.png", with: Array("not a picture at all\n".utf8))
        let paths = [holey.writeFolder(in: folder), try latin.zip(in: folder), folder.write("lie.zip", lie.zip())]
        let lines = try CLI.run(["verify", "--json-lines"] + paths)
        #expect(lines.status == 1)
        let file = folder.write("verify.jsonl", Array(lines.stdout.utf8))
        let result = try PythonTools.validate(schema: "verify-report.schema.json", files: [file])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        let reports = lines.stdout.split(separator: "\n").map { try! JSONDecoder().decode(VerificationReport.self, from: Data($0.utf8)) }
        #expect(reports.map(\.status) == [.validHoley, .validBag, .invalid])
        #expect(reports[0].bag?.toFetch.map(\.path) == ["data/later.txt"])
        #expect(reports[1].bag?.tagFileEncoding == "ISO-8859-1")
        #expect(reports[2].codes.contains(.contentCorrupt) || reports[2].codes.contains(.typeMismatch))
        let document = try CLI.run(["verify", "--json"] + paths)
        let whole = folder.write("verify.json", Array(document.stdout.utf8))
        #expect(try PythonTools.validate(schema: "verify.schema.json", files: [whole]).status == 0)
    }
}
