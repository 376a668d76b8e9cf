import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// `verify` on what a broken download, an empty file or the wrong folder gives it, and on bombs
/// that hide inside a bag or a gzip stream: a verdict, never "valid", never a crash, and work
/// bounded by the limits (the refusal comes from a limit or before any payload is read).
struct VerifyFaultTests {
    /// A real bundle as `evidence pack` writes it: the committed fuzz seed (`Fuzz/seeds/verify`).
    static func packedBundle(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Repository.path("Fuzz/seeds/verify/" + name))))
    }

    @Test(arguments: ["bundle.zip", "bundle.tar.gz", "bundle.tar"])
    func aBundleCutAnywhereIsNeverValid(name: String) throws {
        let whole = try Self.packedBundle(name)
        #expect(verifyBytes(whole, name: name).status == .validComplete)
        // 64 cut points spread over the file, plus the first and last few bytes.
        let cuts = Set((0..<64).map { whole.count * $0 / 64 } + [1, 2, 21, 22, whole.count - 22, whole.count - 1])
        var checked = 0
        for cut in cuts.sorted() {
            let report = verifyBytes(Array(whole.prefix(cut)), name: name)
            let verdict = report.status
            if name == "bundle.tar", whole[cut...].allSatisfy({ $0 == 0 }) {
                // Only a plain tar's end-of-archive zero blocks were cut: every entry is whole,
                // so "valid" is as right as "truncated"; nothing else is.
                #expect(verdict == .validComplete || report.problems.map(\.code) == [.truncated], "cut at \(cut): \(verdict)")
                continue
            }
            checked += 1
            #expect(verdict == .invalid || verdict == .unreadable, "cut at \(cut) of \(whole.count): \(verdict)")
            #expect(!report.problems.isEmpty)
            #expect(report.problems.allSatisfy { !$0.message.zh.isEmpty && !$0.message.en.isEmpty })
        }
        #expect(checked >= 50)
    }

    @Test func aZeroByteFileIsUnreadableNotABundle() throws {
        let report = verifyBytes([], name: "bundle.zip")
        #expect(report.status == .unreadable)
        #expect(report.problems.map(\.code) == [.unsupportedFormat])
        #expect(report.bytesRead == 0)
    }

    @Test func aFolderWithoutABagIsInvalidAndSaysSo() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        folder.write("照片/左耳无声.jpg", fixture("inspect/photo-plain.jpg"))
        folder.write("聊天记录.txt", Array("买家：左耳没有声音\n".utf8))
        let report = BundleVerifier().verify(folder.path)
        #expect(report.status == .invalid)
        #expect(report.problems.map(\.code) == [.missingBagitTxt])
        let empty = TemporaryDirectory("verify")
        defer { empty.remove() }
        #expect(BundleVerifier().verify(empty.path).problems.map(\.code) == [.missingBagitTxt])
    }

    @Test func theCLIReportsAnEmptyFileAndAFolderWithoutABagAndExitsWithTheWorst() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let empty = folder.write("空.zip", [])
        folder.write("not-a-bag/a.txt", Array("x".utf8))
        let result = try CLI.run(["verify", "--json-lines", empty, folder.file("not-a-bag")], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(result.status == 1)  // the worst verdict decides: invalid (1) before unreadable (2)
        let lines = result.stdout.split(separator: "\n").map { String($0) }
        #expect(lines.count == 2)
        #expect(lines[0].contains("read.unsupported-format") && lines[1].contains("bag.missing-bagit-txt"))
    }

    /// A bag whose payload is itself a zip bomb: the verifier hashes the inner zip as bytes and
    /// never opens it, so the bag is valid and the work is the file's size, not the bomb's.
    @Test func aZipBombInsideTheBagIsHashedNotOpened() throws {
        let sweep = VerifyCorpusSweepTests()
        let (stream, crc) = try #require(try sweep.zerosDeflated(mebibytes: 200), "python3 with zlib is needed to build the bomb")
        let inner = sweep.bomb(declaring: 200 << 20, stream: stream, crc: crc)
        var outer = TestBag.quality(payload: [("data/01-订单截图.png", .orderScreenshot, makePNG(seed: 2)),
                                              ("data/02-附件.zip", .other, inner)])
        outer.resealTagManifest()
        let zipped = outer.zip()
        let report = verifyBytes(zipped)
        #expect(!report.problems.contains { [.expansionRatioTooHigh, .totalSizeTooLarge].contains($0.code) })
        #expect(report.problems.allSatisfy { $0.entry?.hasSuffix("附件.zip") != true })
        #expect(report.bytesRead < UInt64(zipped.count) * 2)
        // Nested once more: the bundle inside a bundle inside a zip is still only bytes.
        var twice = TestBag.quality(payload: [("data/01-订单截图.png", .orderScreenshot, makePNG(seed: 2)),
                                              ("data/02-旧证据包.zip", .other, zipped)])
        twice.resealTagManifest()
        let nested = verifyBytes(twice.zip())
        #expect(nested.bytesRead < UInt64(zipped.count) * 3)
        #expect(nested.problems.allSatisfy { $0.entry?.hasSuffix(".zip") != true })
    }

    /// A tar.gz whose gzip stream inflates 200 MiB of zeros from ~200 KB: there is no central
    /// directory to read sizes from, so the ratio limit stops the stream while it inflates.
    @Test func aGzipBombIsStoppedByTheRatioWhileStreaming() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let path = folder.file("bomb.tar.gz")
        let script = """
        import io, sys, tarfile
        with tarfile.open(sys.argv[1], "w:gz", compresslevel=9) as t:
            info = tarfile.TarInfo("bag/data/zeros.bin"); info.size = 200 << 20
            t.addfile(info, io.BytesIO(bytes(200 << 20)))
        """
        let made = try ProcessRunner.run("/usr/bin/python3", ["-c", script, path])
        try #require(made.status == 0, "python3 is needed to build the bomb: \(made.output)")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? UInt64)
        #expect(size < 1 << 20)
        let report = BundleVerifier().verify(path)
        #expect(report.problems.map(\.code) == [.expansionRatioTooHigh])
        // Stopped once past the floor and the ratio: far below the 200 MiB the stream holds.
        #expect(report.bytesRead <= UInt64(Double(size) * VerificationLimits().maxRatio) + (2 << 20))
    }
}
