import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Sealing with a local RFC 3161 authority (``LocalTimestampAuthority``, made by the tests on
/// 127.0.0.1), and verifying seals offline: every tampering and bad-authority case gives its
/// documented outcome (Docs/sealing.md), and a refused seal leaves no output behind.
struct SealTests {
    let authority = LocalTimestampAuthority.shared
    var trust: SealTrust { SealTrust(authorityFiles: [authority.caFile]) }

    func sealer(timeout: Double = 20) -> BundleSealer {
        BundleSealer(client: TimestampClient(connectTimeout: 5, totalTimeout: timeout), trust: trust, durable: false)
    }

    func verifier(trusted: Bool = true, requireSeal: Bool = false) -> BundleVerifier {
        var verifier = BundleVerifier()
        verifier.sealTrust = trusted ? trust : SealTrust()
        verifier.requireSeal = requireSeal
        return verifier
    }

    /// Packs the sample case into `folder/证据包.EXT`.
    func packed(in folder: TemporaryDirectory, format: BundleFormat = .zip) throws -> String {
        let input = folder.file("in")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        let sources = try PackFixtures.sampleSources(in: input)
        let output = folder.file(format == .zip ? "证据包.zip" : "证据包.tar.gz")
        try PackFixtures.pack(sources, to: output, options: PackOptions(format: format, sourceDateEpoch: 1_764_374_400, durable: false))
        return output
    }

    /// An unpacked copy of a zip bundle (bsdtar), returning the bag folder.
    func unpacked(_ bundle: String, into folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let result = try ProcessRunner.run("/usr/bin/bsdtar", ["-xf", bundle, "-C", folder])
        #expect(result.status == 0, "bsdtar: \(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        return folder + "/" + (try #require(names.first))
    }

    func listing(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    // MARK: sealing and verifying

    @Test(arguments: [BundleFormat.zip, .tarGz])
    func aSealedBundleVerifiesWithItsSealAndKeepsEveryOldEntry(format: BundleFormat) throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let bundle = try packed(in: folder, format: format)
        let original = try Data(contentsOf: URL(fileURLWithPath: bundle))
        let before = verifier().verify(bundle)
        #expect(before.seals.isEmpty)
        let out = folder.file(format == .zip ? "sealed.zip" : "sealed.tar.gz")
        let result = try sealer().seal(bundle, authorities: [authority.url(.good)], output: .file(out))
        #expect(result.seals.map(\.file) == ["signatures/tagmanifest-sha256.txt.tsr"])
        #expect(result.tagManifestSHA256 == before.bag?.tagManifestSHA256)
        #expect(try Data(contentsOf: URL(fileURLWithPath: bundle)) == original, "the source is left as it was")

        let report = verifier().verify(out)
        #expect(report.status == .validComplete, "\(report.problems)")
        #expect(report.problems.isEmpty)
        let seal = try #require(report.seals.first)
        #expect(report.seals.count == 1)
        #expect(seal.status == .valid)
        #expect(seal.certificatesFile == "signatures/tagmanifest-sha256.txt.tsr.crt")
        #expect(seal.authority?.contains("EvidenceKit Test TSA") == true)
        #expect(seal.policy == "1.2.3.4.1")
        #expect(seal.imprint == before.bag?.tagManifestSHA256)
        #expect(seal.nonce == result.seals[0].nonce && seal.nonce != nil)
        #expect(seal.time?.hasSuffix("Z") == true)
        #expect(report.bag?.tagManifestSHA256 == before.bag?.tagManifestSHA256, "sealing does not change the bag digest")
        #expect(report.bag?.payloadFiles == before.bag?.payloadFiles)

        if format == .zip {
            // Every old entry is kept byte for byte: the sealed zip starts with the old one's
            // bytes up to its central directory.
            let end = try ZipAppender.endRecord(try #require(ByteFile(path: bundle)), source: bundle)
            let sealed = try Data(contentsOf: URL(fileURLWithPath: out))
            #expect(sealed.prefix(Int(end.cdOffset)) == original.prefix(Int(end.cdOffset)))
            let unzip = try ProcessRunner.run("/usr/bin/unzip", ["-tq", out])
            #expect(unzip.status == 0, "unzip -t: \(unzip.output)")
        }
    }

    @Test func anUntrustedSealIsAWarningAndAFailureWhenASealIsRequired() throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let bundle = try packed(in: folder)
        let out = folder.file("sealed.zip")
        _ = try sealer().seal(bundle, authorities: [authority.url(.good)], output: .file(out))

        let untrusted = verifier(trusted: false).verify(out)
        #expect(untrusted.status == .validComplete)
        #expect(untrusted.codes == [.sealUntrusted])
        #expect(untrusted.seals.first?.status == .untrusted)

        let required = verifier(trusted: false, requireSeal: true).verify(out)
        #expect(required.status == .invalid)
        #expect(required.codes == [.sealUntrusted, .sealRequired])
        #expect(verifier(requireSeal: true).verify(out).status == .validComplete)

        let unsealed = verifier(requireSeal: true).verify(bundle)
        #expect(unsealed.status == .invalid)
        #expect(unsealed.codes == [.sealRequired])
        #expect(verifier().verify(bundle).codes.isEmpty, "a missing seal only shows as no seals")
    }

    @Test func twoAuthoritiesGiveTwoSealsAndAThirdIsAddedInPlace() throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let bundle = try packed(in: folder)
        let out = folder.file("sealed.zip")
        let first = try sealer().seal(bundle, authorities: [authority.url(.good), authority.url(.good)], output: .file(out))
        #expect(first.seals.map(\.file) == ["signatures/tagmanifest-sha256.txt.tsr", "signatures/tagmanifest-sha256.txt.2.tsr"])
        let again = try sealer().seal(out, authorities: [authority.url(.good)], output: .inPlace)
        #expect(again.previousSeals == 2)
        #expect(again.seals.map(\.file) == ["signatures/tagmanifest-sha256.txt.3.tsr"])
        let report = verifier(requireSeal: true).verify(out)
        #expect(report.status == .validComplete, "\(report.problems)")
        #expect(report.seals.map(\.status) == [.valid, .valid, .valid])
        #expect(Set(report.seals.compactMap(\.serial)).count == 3)
        #expect(try listing(folder.path) == ["in", "sealed.zip", "证据包.zip"], "no temporary file is left")
    }

    // MARK: tampering after sealing

    /// A sealed, unpacked bag to tamper with.
    func sealedFolder(in folder: TemporaryDirectory, name: String) throws -> String {
        let bundle = try packed(in: folder)
        let bag = try unpacked(bundle, into: folder.file(name))
        _ = try sealer().seal(bag, authorities: [authority.url(.good)], output: .inPlace)
        #expect(verifier().verify(bag).status == .validComplete)
        return bag
    }

    func flipByte(_ path: String, at offset: Int? = nil) throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let at = offset ?? bytes.count / 2
        bytes[at] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    @Test func aPayloadByteFlippedAfterSealingIsTampering() throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let bag = try sealedFolder(in: folder, name: "bag")
        let photo = try #require(try FileManager.default.contentsOfDirectory(atPath: bag + "/data").sorted().first)
        try flipByte(bag + "/data/" + photo)
        let report = verifier().verify(bag)
        #expect(report.status == .invalid)
        #expect(report.codes.contains(.checksumMismatch))
        #expect(report.seals.first?.status == .valid, "the seal still stamps the tag manifest; the bag itself fails")
    }

    @Test func anEditedTagManifestNoLongerMatchesItsSeal() throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let bag = try sealedFolder(in: folder, name: "bag")
        // Rewrite the tag manifest so that the bag itself is consistent again (index.html
        // edited, its line updated): only the seal shows the change.
        let index = bag + "/index.html"
        try (try String(contentsOfFile: index, encoding: .utf8) + "<!-- edited -->").write(toFile: index, atomically: false, encoding: .utf8)
        let manifest = bag + "/tagmanifest-sha256.txt"
        let newDigest = sha256Hex(Array(try Data(contentsOf: URL(fileURLWithPath: index))))
        let lines = try String(contentsOfFile: manifest, encoding: .utf8).split(separator: "\n").map { line in
            line.hasSuffix("  index.html") ? "\(newDigest)  index.html" : String(line)
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: manifest, atomically: false, encoding: .utf8)
        let report = verifier().verify(bag)
        #expect(report.status == .invalid)
        #expect(report.codes == [.sealMismatch])
        #expect(report.seals.first?.status == .mismatch)
    }

    @Test func aTokenMovedToAnotherBundleDoesNotMatchIt() throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let sealed = try sealedFolder(in: folder, name: "sealed")
        // Another bag: the same case packed at another time (another bag digest).
        let input = folder.file("in2")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        let other = folder.file("other.zip")
        try PackFixtures.pack(try PackFixtures.sampleSources(in: input), to: other,
                              options: PackOptions(sourceDateEpoch: 1_800_000_000, durable: false))
        let target = try unpacked(other, into: folder.file("other"))
        try FileManager.default.copyItem(atPath: sealed + "/signatures", toPath: target + "/signatures")
        let report = verifier().verify(target)
        #expect(report.status == .invalid)
        #expect(report.codes == [.sealMismatch])
    }

    @Test func aGarbledTokenIsInvalid() throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let bag = try sealedFolder(in: folder, name: "bag")
        let token = bag + "/signatures/tagmanifest-sha256.txt.tsr"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: token))
        // The signature's last byte flipped: still DER, but the signature does not hold.
        try flipByte(token, at: bytes.count - 1)
        let flipped = verifier().verify(bag)
        #expect(flipped.status == .invalid)
        #expect(flipped.codes == [.sealInvalid])
        // Cut in half: not DER at all.
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: token))
        let cut = verifier().verify(bag)
        #expect(cut.codes == [.sealInvalid])
        #expect(cut.seals.first?.status == .invalid)
        // Random bytes.
        try Data((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: URL(fileURLWithPath: token))
        #expect(verifier().verify(bag).codes == [.sealInvalid])
    }

    /// Tokens from authorities that `seal` refuses, over a sealed bag's own digest, put in the
    /// bag by hand: verify reports them as untrusted (intact and matching, signer not trusted).
    @Test(arguments: [LocalTimestampAuthority.Mode.expired, .noEKU, .untrusted])
    func tokensFromBadAuthoritiesAreUntrusted(mode: LocalTimestampAuthority.Mode) throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let bag = try sealedFolder(in: folder, name: "bag")
        let digest = try #require(verifier().verify(bag).bag?.tagManifestSHA256)
        let digestBytes = try #require(SealCheck.bytes(fromHex: digest))
        let request = try #require(TimestampOpenSSL.makeRequest(sha256: digestBytes))
        let answer = try TimestampClient().post(request.der, to: authority.url(mode))
        try Data(answer).write(to: URL(fileURLWithPath: bag + "/signatures/tagmanifest-sha256.txt.tsr"))
        try FileManager.default.removeItem(atPath: bag + "/signatures/tagmanifest-sha256.txt.tsr.crt")
        let report = verifier().verify(bag)
        #expect(report.status == .validComplete)
        #expect(report.codes == [.sealUntrusted])
        let reason = report.seals.first?.problems.first ?? ""
        switch mode {
        case .expired: #expect(reason.contains("expired"), "\(reason)")
        case .noEKU: #expect(reason.contains("purpose"), "\(reason)")
        default: #expect(reason.contains("issuer") || reason.contains("self-signed"), "\(reason)")
        }
        #expect(verifier(requireSeal: true).verify(bag).status == .invalid)
    }

    // MARK: bad authorities at sealing time

    @Test(arguments: [
        (LocalTimestampAuthority.Mode.expired, SealError.Code.authorityUntrusted),
        (.noEKU, .authorityUntrusted), (.untrusted, .authorityUntrusted), (.http500, .httpStatus),
        (.slow, .unreachable), (.oversized, .responseTooLarge), (.garbled, .answerFailsChecks), (.rejected, .rejected),
    ])
    func aBadAuthorityLeavesNoOutput(mode: LocalTimestampAuthority.Mode, code: SealError.Code) throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let bundle = try packed(in: folder)
        let url = authority.url(mode)
        do {
            _ = try sealer(timeout: 1).seal(bundle, authorities: [authority.url(.good), url], output: .file(folder.file("sealed.zip")))
            Issue.record("\(mode) was accepted")
        } catch {
            #expect(error.code == code, "\(mode): \(error)")
            #expect(error.subject == url)
            #expect(error.message.en.contains(url) && error.message.zh.contains(url))
        }
        #expect(try listing(folder.path) == ["in", "证据包.zip"], "nothing written for \(mode)")
    }

    @Test func aReplayedResponseHasTheWrongNonce() throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let bundle = try packed(in: folder)
        // The first answer of the replaying authority is a good one; the second is the first again.
        _ = try sealer().seal(bundle, authorities: [authority.url(.replay)], output: .file(folder.file("first.zip")))
        do {
            _ = try sealer().seal(bundle, authorities: [authority.url(.replay)], output: .file(folder.file("second.zip")))
            Issue.record("a replayed response was accepted")
        } catch {
            #expect(error.code == .answerFailsChecks)
            #expect(error.detail.contains("nonce"), "\(error.detail)")
        }
        #expect(try listing(folder.path) == ["first.zip", "in", "证据包.zip"])
    }

    @Test func anUnreachableAuthorityIsNamed() throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let bundle = try packed(in: folder)
        // The discard port, where nothing listens here.
        let url = "http://127.0.0.1:9/tsa"
        do {
            _ = try sealer(timeout: 2).seal(bundle, authorities: [url], output: .file(folder.file("sealed.zip")))
            Issue.record("accepted")
        } catch {
            #expect(error.code == .unreachable)
            #expect(error.message.en.contains(url))
        }
        do {
            _ = try sealer().seal(bundle, authorities: ["ftp://127.0.0.1/x"], output: .file(folder.file("sealed.zip")))
            Issue.record("accepted")
        } catch {
            #expect(error.code == .badURL)
        }
    }

    @Test func aTamperedBundleIsRefused() throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let bag = try unpacked(try packed(in: folder), into: folder.file("bag"))
        try flipByte(bag + "/manifest-sha256.txt", at: 3)
        do {
            _ = try sealer().seal(bag, authorities: [authority.url(.good)], output: .inPlace)
            Issue.record("a tampered bundle was sealed")
        } catch {
            #expect(error.code == .bundleInvalid)
        }
        #expect(!FileManager.default.fileExists(atPath: bag + "/signatures"))
    }

    // MARK: layout and strictness

    @Test func sealFileNames() {
        #expect(SealLayout.tokenPath(1) == "signatures/tagmanifest-sha256.txt.tsr")
        #expect(SealLayout.tokenPath(2) == "signatures/tagmanifest-sha256.txt.2.tsr")
        #expect(SealLayout.tokenIndex("signatures/tagmanifest-sha256.txt.tsr") == 1)
        #expect(SealLayout.tokenIndex("signatures/tagmanifest-sha256.txt.12.tsr") == 12)
        for bad in ["signatures/tagmanifest-sha256.txt..tsr", "signatures/tagmanifest-sha256.txt.1.tsr",
                    "signatures/tagmanifest-sha256.txt.02.tsr", "signatures/tagmanifest-sha256.txt.x.tsr",
                    "signatures/tagmanifest-sha256.txt.99.tsr", "signatures/tagmanifest-sha512.txt.tsr", "tagmanifest-sha256.txt.tsr",
                    "signatures/tagmanifest-sha256.txt.tsr.crt", "signatures/tagmanifest-sha256.txt.p7s"] {
            #expect(SealLayout.tokenIndex(bad) == nil, "\(bad)")
        }
        let files: Set = ["signatures/tagmanifest-sha256.txt.tsr"]
        #expect(SealLayout.isSealFile("signatures/tagmanifest-sha256.txt.tsr.crt", tagFiles: files))
        #expect(!SealLayout.isSealFile("signatures/tagmanifest-sha256.txt.2.tsr.crt", tagFiles: files))
    }

    @Test func aStrictBundleAcceptsTheSealFilesAndNothingElse() throws {
        let folder = TemporaryDirectory("seal")
        defer { folder.remove() }
        let bag = try sealedFolder(in: folder, name: "bag")
        #expect(verifier().verify(bag).problems.isEmpty)
        for extra in ["signatures/notes.txt", "notes.txt", "signatures/tagmanifest-sha256.txt.2.tsr.crt"] {
            let path = bag + "/" + extra
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
            let report = verifier().verify(bag)
            #expect(report.status == .invalid, "\(extra)")
            #expect(report.codes == [.notAsPacked], "\(extra): \(report.codes)")
            try FileManager.default.removeItem(atPath: path)
        }
    }
}
