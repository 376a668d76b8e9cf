import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Bombs, third-party hostile archives and a real third-party bag.
struct VerifyCorpusSweepTests {
    /// A raw deflate stream of `mebibytes` MiB of zeros, its CRC-32, made by Python's zlib: one
    /// full-flushed 1 MiB chunk repeated (a valid stream, since each flush resets the dictionary).
    func zerosDeflated(mebibytes: Int) throws -> (stream: [UInt8], crc: UInt32)? {
        let script = """
        import sys, zlib
        n = int(sys.argv[1]); c = zlib.compressobj(9, zlib.DEFLATED, -15); z = bytes(1 << 20)
        chunk = c.compress(z) + c.flush(zlib.Z_FULL_FLUSH); tail = c.flush()
        crc = 0
        for _ in range(n): crc = zlib.crc32(z, crc)
        sys.stdout.buffer.write(crc.to_bytes(4, 'little') + chunk * n + tail)
        """
        let result = try ProcessRunner.run("/usr/bin/python3", ["-c", script, String(mebibytes)])
        let data = [UInt8](result.stdoutData)
        guard result.status == 0, data.count > 4 else { return nil }
        return (Array(data[4...]), UInt32(data[0]) | UInt32(data[1]) << 8 | UInt32(data[2]) << 16 | UInt32(data[3]) << 24)
    }

    func bomb(declaring size: UInt32, stream: [UInt8], crc: UInt32) -> [UInt8] {
        var entry = TestZip.Entry("bag/data/zeros.bin", stream)
        entry.method = 8
        entry.crc = crc
        entry.uncompressedSize = size
        return TestZip([.directory("bag/"), entry]).bytes()
    }

    @Test func aOneMegabyteZipExpandingToOverAGigabyteIsRefusedBeforeInflating() throws {
        let (stream, crc) = try #require(try zerosDeflated(mebibytes: 1100), "python3 with zlib builds the bomb")
        let zip = bomb(declaring: 1100 << 20, stream: stream, crc: crc)
        #expect(zip.count < 1_200_000)
        let report = verifyBytes(zip)
        #expect(report.codes == [.expansionRatioTooHigh])
        #expect(report.bytesRead == 0)
        // With the ratio raised, the total size limit still stops it, from the declared size.
        let raised = verifyBytes(zip, verifier: BundleVerifier(limits: VerificationLimits(maxTotalSize: 100 << 20, maxRatio: 1e9)))
        #expect(raised.codes == [.totalSizeTooLarge])
        #expect(raised.bytesRead == 0)
    }

    @Test func aBombThatLiesAboutItsSizeIsStoppedAfterTheDeclaredBytes() throws {
        let (stream, crc) = try #require(try zerosDeflated(mebibytes: 1100), "python3 with zlib builds the bomb")
        // Declares 1 MiB (a harmless ratio) but inflates to 1.1 GiB.
        let report = verifyBytes(bomb(declaring: 1 << 20, stream: stream, crc: crc))
        #expect(report.codes == [.sizeMismatch])
        #expect(report.problems[0].entry == "bag/data/zeros.bin")
        #expect(report.bytesRead <= 2 << 20)
    }

    @Test func aSixteenKilobyteZipOfOverlappingEntriesExpandingToOverAGigabyteIsRefused() throws {
        let (stream, crc) = try #require(try zerosDeflated(mebibytes: 10), "python3 with zlib builds the bomb")
        var kernel = TestZip.Entry("bag/data/0", stream)
        kernel.method = 8
        kernel.crc = crc
        kernel.uncompressedSize = 10 << 20
        var entries = [kernel]
        for index in 1..<110 {
            var copy = kernel
            copy.name = Array("bag/data/\(index)".utf8)
            copy.localName = kernel.name
            copy.offsetOverride = 0
            entries.append(copy)
        }
        // Every central record points at the one local header: 110 x 10 MiB from ~16 KB.
        let bytes = compactOverlapping(entries: entries, stream: stream)
        #expect(bytes.count < 20_000)
        let report = verifyBytes(bytes)
        #expect(report.codes.contains(.overlappingEntries))
        #expect(report.codes.last == .expansionRatioTooHigh)
        #expect(report.bytesRead == 0)
    }

    /// One local header + data, then a central directory whose records all point at offset 0.
    func compactOverlapping(entries: [TestZip.Entry], stream: [UInt8]) -> [UInt8] {
        let kernel = entries[0]
        var out = le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(8) + le16(0) + le16(0x21)
        out += le32(kernel.crc!) + le32(UInt32(stream.count)) + le32(kernel.uncompressedSize!)
        out += le16(UInt16(kernel.name.count)) + le16(0) + kernel.name + stream
        let cdOffset = UInt32(out.count)
        var central: [UInt8] = []
        for entry in entries {
            central += le32(0x0201_4B50) + le16(0x031E) + le16(20) + le16(0x0800) + le16(8) + le16(0) + le16(0x21)
            central += le32(kernel.crc!) + le32(UInt32(stream.count)) + le32(kernel.uncompressedSize!)
            central += le16(UInt16(entry.name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0o100644 << 16) + le32(0) + entry.name
        }
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(cdOffset) + le16(0)
        return out
    }

    @Test(.enabled(if: Repository.sharedCorpus != nil, "../shared/corpus is not beside the checkout"))
    func everyCorpusArchiveIsRefusedOrUnreadableAndNothingIsWritten() throws {
        let corpus = try #require(Repository.sharedCorpus)
        var paths: [String] = []
        for folder in ["archives", "libarchive-test"] {
            let root = corpus + "/" + folder
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            for case let name as String in walker where !name.hasSuffix("SOURCES.txt") {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
                    paths.append(root + "/" + name)
                }
            }
        }
        #expect(paths.count > 50, "the corpus's archives/ and libarchive-test/ folders")
        let before = try snapshot(corpus) + snapshot(FileManager.default.currentDirectoryPath)
        let reports = BundleVerifier().verify(paths, jobs: 2)
        for report in reports {
            #expect(report.status == .invalid || report.status == .unreadable, "\(report.bundle) was accepted: \(report.codes)")
            #expect(!report.problems.isEmpty)
        }
        #expect(reports.count == paths.count)
        #expect(try snapshot(corpus) + snapshot(FileManager.default.currentDirectoryPath) == before)
    }

    func snapshot(_ root: String) throws -> [String] {
        // Build folders change under other tests running in parallel (pip's venv, test outputs).
        let names = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
            .filter { !$0.hasPrefix(".build") && !$0.hasPrefix(".swiftpm") }
        return try names.sorted().map { name in
            let attributes = try FileManager.default.attributesOfItem(atPath: root + "/" + name)
            return "\(name) \(attributes[.size] ?? 0) \(attributes[.modificationDate] ?? "")"
        }
    }
}
