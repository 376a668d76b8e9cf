import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// The ends of received archives: a bundle cut short (a broken download) is reported as
/// truncated, never as an unknown format; a tar or tar.gz must end with its end-of-archive
/// marker followed by nothing but zero padding. Bundles are real: packed by EvidenceKit, GNU tar
/// and bsdtar from the sample's files.
struct VerifyArchiveEndTests {
    /// The quality sample packed by the library in `format`, in a fresh folder.
    static func packedSample(_ format: BundleFormat) throws -> (temporary: TemporaryDirectory, bundle: String) {
        let temporary = TemporaryDirectory("pack")
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        let bundle = folder + "/bundle." + format.rawValue
        try PackFixtures.pack(sources, to: bundle, options: PackOptions(format: format, sourceDateEpoch: 1_764_374_400, durable: false))
        return (temporary, bundle)
    }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func write(_ bytes: [UInt8], to path: String) -> String {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Runs `executable` (gzip, GNU tar, bsdtar: `make deps` installs them).
    static func tool(_ executable: String, _ arguments: [String]) throws {
        let result = try ProcessRunner.run(executable, arguments)
        try #require(result.status == 0, "\(executable) \(arguments): \(result.output)")
    }

    // MARK: Truncated and damaged

    @Test func aTarGzCutShortIsTruncatedAndInvalidNotAnUnknownFormat() throws {
        let (temporary, bundle) = try Self.packedSample(.tarGz)
        defer { temporary.remove() }
        let folder = temporary.path
        let whole = try Self.bytes(bundle)
        #expect(BundleVerifier().verify(bundle).status == .validComplete)
        // 5 bytes: the gzip header is incomplete. 10% and 50%: libarchive alone would say
        // "Unrecognized archive format" (it inflates 64 KiB before its tar reader sees a
        // header). 90%: inside the last entries. -8 and -3: the gzip trailer missing or cut.
        let cuts = [5, whole.count / 10, whole.count / 2, whole.count * 9 / 10, whole.count - 8, whole.count - 3]
        for cut in cuts {
            let report = BundleVerifier().verify(Self.write(Array(whole.prefix(cut)), to: folder + "/cut-\(cut).tar.gz"))
            #expect(report.codes == [.truncated], "cut at \(cut) of \(whole.count): \(report.problems)")
            #expect(report.status == .invalid, "cut at \(cut)")
            #expect(report.format == .tarGzip)
            #expect(report.bag == nil)
        }
    }

    @Test func aTarGzWhoseDeflateDataIsGarbageIsCorrupt() throws {
        let (temporary, bundle) = try Self.packedSample(.tarGz)
        defer { temporary.remove() }
        let folder = temporary.path
        var bytes = try Self.bytes(bundle)
        // Keep the 10-byte gzip header, destroy the deflate stream right after it.
        for index in 10..<40 { bytes[index] = 0xFF }
        let report = BundleVerifier().verify(Self.write(bytes, to: folder + "/garbage.tar.gz"))
        #expect(report.codes == [.corrupt], "\(report.problems)")
        #expect(report.problems.first?.detail?.contains("gzip") == true)
        #expect(report.status == .invalid)
    }

    @Test func aSoundGzipThatHoldsNoTarIsStillAnUnsupportedFormat() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let text = Self.write(Array(String(repeating: "聊天记录，不是证据包。\n", count: 20_000).utf8), to: folder + "/notes.txt")
        try Self.tool("/usr/bin/gzip", ["-k", text])
        let report = BundleVerifier().verify(text + ".gz")
        #expect(report.codes == [.unsupportedFormat])
        #expect(report.status == .unreadable)
    }

    @Test func aZipCutShortIsTruncatedAndInvalidToo() throws {
        let (temporary, bundle) = try Self.packedSample(.zip)
        defer { temporary.remove() }
        let folder = temporary.path
        let whole = try Self.bytes(bundle)
        for cut in [30, whole.count / 2, whole.count * 9 / 10, whole.count - 1] {
            let report = BundleVerifier().verify(Self.write(Array(whole.prefix(cut)), to: folder + "/cut-\(cut).zip"))
            #expect(report.codes == [.truncated], "cut at \(cut) of \(whole.count): \(report.problems)")
            #expect(report.status == .invalid)
        }
    }

    @Test func theCLIReportsACutTarGzAsTruncatedWithExitCode1() throws {
        let (temporary, bundle) = try Self.packedSample(.tarGz)
        defer { temporary.remove() }
        let folder = temporary.path
        let whole = try Self.bytes(bundle)
        let cut = Self.write(Array(whole.prefix(whole.count / 2)), to: folder + "/下载中断.tar.gz")
        let json = try CLI.run(["verify", "--json", cut])
        #expect(json.status == 1)
        let report = (json.json["bundles"] as? [[String: Any]])?.first
        #expect(report?["status"] as? String == "invalid")
        let problems = report?["problems"] as? [[String: Any]] ?? []
        #expect(problems.map { $0["code"] as? String } == ["archive.truncated"])
        let message = problems.first?["message"] as? [String: String]
        #expect(message?["zh"]?.contains("截断") == true && message?["en"]?.contains("truncated") == true)
        let human = try CLI.run(["verify", "--lang", "zh", cut])
        #expect(human.status == 1)
        #expect(human.stdout.contains("[archive.truncated]") && human.stdout.contains("请重新获取完整文件"))
        #expect(!human.stdout.contains("read.unsupported-format"))
    }

    // MARK: What follows the end-of-archive marker

    /// The sample's bag unpacked (by bsdtar from EvidenceKit's own tar.gz) into `folder/src`.
    static func unpackedBag(in folder: String, from bundle: String) throws -> String {
        let source = folder + "/src"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        try tool("/usr/bin/bsdtar", ["-xzf", bundle, "-C", source])
        return source
    }

    @Test func bundlesFromOurPackerGNUTarAndBsdtarPassTheEndCheck() throws {
        let (temporary, bundle) = try Self.packedSample(.tarGz)
        defer { temporary.remove() }
        let folder = temporary.path
        let source = try Self.unpackedBag(in: folder, from: bundle)
        try Self.tool("/bin/tar", ["-czf", folder + "/gnu.tar.gz", "-C", source, "bundle"])
        try Self.tool("/bin/tar", ["-cf", folder + "/gnu.tar", "-C", source, "bundle"])
        try Self.tool("/usr/bin/bsdtar", ["-czf", folder + "/bsd.tar.gz", "-C", source, "bundle"])
        try Self.tool("/usr/bin/bsdtar", ["-cf", folder + "/bsd.tar", "-C", source, "bundle"])
        // Written to a pipe, bsdtar pads the compressed stream itself to 10,240 bytes with zeros.
        try Self.tool("/bin/sh", ["-c", "/usr/bin/bsdtar -czf - -C \"$0\" bundle > \"$1\"", source, folder + "/bsd-piped.tar.gz"])
        let piped = try Self.bytes(folder + "/bsd-piped.tar.gz")
        #expect(piped.count % 10240 == 0 && piped.last == 0)
        for name in ["bundle.tar.gz", "gnu.tar.gz", "gnu.tar", "bsd.tar.gz", "bsd.tar", "bsd-piped.tar.gz"] {
            let report = BundleVerifier().verify(folder + "/" + name)
            #expect(report.problems == [], "\(name): \(report.problems)")
            #expect(report.status == .validComplete, "\(name)")
        }
        // GNU tar pads to a 10,240-byte record: the padding after the marker is zeros, accepted.
        #expect(try Self.bytes(folder + "/gnu.tar").count % 10240 == 0)
    }

    @Test func nonZeroBytesAfterATarGzAreRefused() throws {
        let (temporary, bundle) = try Self.packedSample(.tarGz)
        defer { temporary.remove() }
        let folder = temporary.path
        let whole = try Self.bytes(bundle)
        let junk = Array("这不是补零 not padding".utf8)
        // Junk after the gzip stream (libarchive's gzip reader ignores it silently).
        let after = BundleVerifier().verify(Self.write(whole + junk, to: folder + "/junk.tar.gz"))
        #expect(after.codes == [.dataAfterEnd], "\(after.problems)")
        #expect(after.problems.first?.found == String(junk.count))
        #expect(after.problems.first?.detail?.contains("gzip stream ends at byte \(whole.count)") == true)
        #expect(after.status == .invalid && after.bytesRead == 0)

        // A second gzip member: its bytes follow the tar's end-of-archive marker.
        let member = folder + "/member.gz"
        _ = Self.write(junk, to: folder + "/member")
        try Self.tool("/usr/bin/gzip", ["-n", folder + "/member"])
        let second = BundleVerifier().verify(Self.write(whole + (try Self.bytes(member)), to: folder + "/two-members.tar.gz"))
        #expect(second.codes == [.dataAfterEnd], "\(second.problems)")
        #expect(second.problems.first?.found == String(junk.count))
        #expect(second.problems.first?.detail?.contains("end-of-archive marker") == true)

        // Two whole bundles concatenated: a second tar after the first one's end.
        let twice = BundleVerifier().verify(Self.write(whole + whole, to: folder + "/twice.tar.gz"))
        #expect(twice.codes == [.dataAfterEnd], "\(twice.problems)")

        // Zeros are padding, whether after the gzip stream or in a second member.
        let zeros = [UInt8](repeating: 0, count: 10_000)
        #expect(BundleVerifier().verify(Self.write(whole + zeros, to: folder + "/zeros.tar.gz")).problems == [])
        _ = Self.write(zeros, to: folder + "/zeros")
        try Self.tool("/usr/bin/gzip", ["-n", folder + "/zeros"])
        let zeroMember = BundleVerifier().verify(Self.write(whole + (try Self.bytes(folder + "/zeros.gz")), to: folder + "/zero-member.tar.gz"))
        #expect(zeroMember.problems == [] && zeroMember.status == .validComplete)
    }

    @Test func nonZeroBytesAfterAPlainTarAreRefusedAndAMissingMarkerIsTruncated() throws {
        let bag = TestBag.quality()
        let tar = bag.tar()
        #expect(verifyBytes(tar, name: "bundle.tar").status == .validComplete)
        let padded = tar + [UInt8](repeating: 0, count: 10240 - tar.count % 10240)
        #expect(verifyBytes(padded, name: "bundle.tar").problems == [])

        let appended = verifyBytes(padded + Array("x".utf8), name: "bundle.tar")
        #expect(appended.codes == [.dataAfterEnd])
        #expect(appended.problems.first?.found == "1")
        #expect(appended.bytesRead == 0)
        // A second archive after the first one's end (`cat a.tar b.tar`): GNU tar and libarchive
        // show only the first one's files.
        let other = TestTar(entries: [TestTar.Entry(name: Array("evil/data/x.txt".utf8), data: Array("x".utf8))]).bytes()
        #expect(verifyBytes(tar + other, name: "bundle.tar").codes == [.dataAfterEnd])

        // Cut at a block boundary, where libarchive silently stops: no marker, or half of one.
        let noMarker = verifyBytes(Array(tar.dropLast(1024)), name: "bundle.tar")
        #expect(noMarker.codes == [.truncated], "\(noMarker.problems)")
        #expect(noMarker.status == .invalid)
        #expect(verifyBytes(Array(tar.dropLast(512)), name: "bundle.tar").codes == [.truncated])
    }

    @Test func aZeroBombAfterTheEndIsStoppedByTheRatioLimit() throws {
        let (temporary, bundle) = try Self.packedSample(.tarGz)
        defer { temporary.remove() }
        let folder = temporary.path
        // 64 MiB of zeros gzipped to ~64 KB, appended as a second member: no non-zero byte, but
        // inflating it all would be a bomb; the bytes after the marker count against the ratio.
        let bomb = folder + "/bomb"
        _ = Self.write([UInt8](repeating: 0, count: 64 << 20), to: bomb)
        try Self.tool("/usr/bin/gzip", ["-n", "-9", bomb])
        let report = BundleVerifier().verify(Self.write(try Self.bytes(bundle) + (try Self.bytes(bomb + ".gz")), to: folder + "/bomb.tar.gz"))
        #expect(report.codes == [.expansionRatioTooHigh], "\(report.problems)")
        #expect(report.bytesRead == 0)
    }
}
