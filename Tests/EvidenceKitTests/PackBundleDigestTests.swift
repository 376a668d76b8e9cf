import Foundation
import Testing
@testable import EvidenceKit

/// The bundle's own SHA-256 is optional (a second hashing pass, see Docs/PERFORMANCE.md): with
/// or without it, durable or not, the same bytes are written.
struct PackBundleDigestTests {
    /// The sample's four files plus a 12 MiB text file, above the hashing pipelines' thresholds.
    private func sources(in folder: String) throws -> [PackSource] {
        var sources = try PackFixtures.sampleSources(in: folder)
        var text = ""
        var line = 0
        while text.utf8.count < 12 << 20 {
            text += "2026-11-06 10:\(line % 60) 买家：第 \(line) 条消息，左耳机无声音，请尽快处理退款。\n"
            line += 1
        }
        try text.write(toFile: folder + "/聊天导出.txt", atomically: false, encoding: .utf8)
        sources.append(PackSource(item: ComplaintCase.Item(file: "聊天导出.txt", role: .chatRecord), path: folder + "/聊天导出.txt"))
        return sources
    }

    @Test(arguments: [BundleFormat.zip, .tarGz])
    func theDigestOptionLeavesTheBytesAlone(format: BundleFormat) throws {
        let folder = try PackFixtures.temporaryFolder()
        defer { PackFixtures.remove(folder) }
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: false)
        let sources = try sources(in: folder + "/in")
        let ext = format == .zip ? "zip" : "tar.gz"
        let hashed = try PackFixtures.pack(sources, to: (folder + "/a/证据包.\(ext)").creatingFolder(),
                                           options: PackOptions(format: format, sourceDateEpoch: 1_764_374_400, durable: false, bundleSHA256: true))
        let plain = try PackFixtures.pack(sources, to: (folder + "/b/证据包.\(ext)").creatingFolder(),
                                          options: PackOptions(format: format, sourceDateEpoch: 1_764_374_400, durable: true, bundleSHA256: false))
        #expect(hashed.bundleSHA256 == (try PackFixtures.sha256(file: hashed.bundlePath)))
        #expect(plain.bundleSHA256 == nil)
        #expect(plain.bundleBytes == hashed.bundleBytes)
        #expect(plain.payloadBytes > 12 << 20)  // above the pipelines' 4 MiB threshold
        #expect(try PackFixtures.sha256(file: plain.bundlePath) == (try PackFixtures.sha256(file: hashed.bundlePath)))
        let big = try #require(plain.manifest.items.last)
        #expect(big.sha256 == (try PackFixtures.sha256(file: folder + "/in/聊天导出.txt")))
    }
}

/// `evidence pack` prints the bag digest (the SHA-256 of `tagmanifest-sha256.txt`, as stored
/// in the bundle) every time; `--sha256` adds the bundle file's own SHA-256. Neither changes a
/// byte of the bundle.
@Suite struct PackSHA256FlagTests {
    let dir = TemporaryDirectory("pack-sha256")

    /// The bytes of one entry of a zip, read by Info-ZIP `unzip -p` (a third-party reader).
    private func unzipEntry(_ zip: String, _ entry: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", zip, entry]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let bytes = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return bytes
    }

    @Test func theBagDigestIsAlwaysShownAndTheFileDigestOnlyWithSHA256() throws {
        let sample = SamplesTests.root + "/quality-earbuds"
        // The same file name in two folders: the same bag name, so the same bytes are expected.
        for sub in ["a", "b"] { try FileManager.default.createDirectory(atPath: dir.path + "/" + sub, withIntermediateDirectories: true) }
        let withFlag = dir.path + "/a/证据包.zip", without = dir.path + "/b/证据包.zip"
        let human = try CLI.run(["pack", sample, "-o", withFlag, "--sha256", "--lang", "en"], environment: PackCommandTests.epoch)
        #expect(human.status == 0, "\(human.stderr)")
        let digest = sha256Hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: withFlag))))
        let bagDigest = sha256Hex(try unzipEntry(withFlag, "证据包/tagmanifest-sha256.txt"))
        #expect(human.stdout.contains("  Bundle file SHA-256: \(digest)\n"), "\(human.stdout)")
        #expect(human.stdout.contains("  Bag digest (SHA-256 of tagmanifest-sha256.txt; pins every file in the bag): \(bagDigest)\n"),
                "\(human.stdout)")

        let json = try CLI.run(["pack", sample, "-o", withFlag, "--sha256", "--json", "--force"], environment: PackCommandTests.epoch)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.json["bundle_sha256"] as? String == digest, "\(json.stdout)")
        #expect(json.json["tag_manifest_sha256"] as? String == bagDigest, "\(json.stdout)")

        // The default: the bag digest only. (A zh bundle is another bag: zh payload names and page.)
        let plain = try CLI.run(["pack", sample, "-o", without, "--lang", "zh"], environment: PackCommandTests.epoch)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!plain.stdout.contains("证据包文件 SHA-256"), "\(plain.stdout)")
        let zhDigest = sha256Hex(try unzipEntry(without, "证据包/tagmanifest-sha256.txt"))
        #expect(zhDigest != bagDigest)
        #expect(plain.stdout.contains("证据包指纹（tagmanifest-sha256.txt 的 SHA-256，锁定包内每个文件）：\(zhDigest)\n"), "\(plain.stdout)")
        let plainJSON = try CLI.run(["pack", sample, "-o", without, "--no-sha256", "--json", "--force", "--lang", "en"],
                                    environment: PackCommandTests.epoch)
        #expect(plainJSON.status == 0, "\(plainJSON.stderr)")
        #expect(plainJSON.json["bundle_sha256"] == nil && plainJSON.json["tag_manifest_sha256"] as? String == bagDigest,
                "\(plainJSON.stdout)")
        // Without the file digest the bundle is byte for byte the same.
        #expect(sha256Hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: without)))) == digest)
    }

    /// The bag digest names the bag, not its container: the zip and the tar.gz of one case
    /// (same bag name, same SOURCE_DATE_EPOCH) give the same one, and another case another.
    @Test func theBagDigestIsTheSameForZipAndTarGz() throws {
        let sample = SamplesTests.root + "/quality-earbuds"
        let zip = try CLI.run(["pack", sample, "-o", dir.path + "/证据包.zip", "--json"], environment: PackCommandTests.epoch)
        let tar = try CLI.run(["pack", sample, "-o", dir.path + "/证据包.tar.gz", "--json"], environment: PackCommandTests.epoch)
        try FileManager.default.createDirectory(atPath: dir.path + "/other", withIntermediateDirectories: true)
        let other = try CLI.run(["pack", SamplesTests.root + "/missing-items-charger", "-o", dir.path + "/other/证据包.zip", "--json"],
                                environment: PackCommandTests.epoch)
        #expect(zip.status == 0 && tar.status == 0, "\(zip.stderr) \(tar.stderr)")
        let digest = try #require(zip.json["tag_manifest_sha256"] as? String)
        #expect(digest.count == 64)
        #expect(tar.json["tag_manifest_sha256"] as? String == digest, "\(tar.stdout)")
        #expect(other.json["tag_manifest_sha256"] as? String != digest, "\(other.stdout)")
        // The agent's side: verify shows the digest the shopper was given, for either container.
        for bundle in [dir.path + "/证据包.zip", dir.path + "/证据包.tar.gz"] {
            let verified = try CLI.run(["verify", bundle, "--json"])
            #expect(verified.status == 0, "\(verified.stdout)")
            let report = (verified.json["bundles"] as? [[String: Any]])?.first
            #expect((report?["bag"] as? [String: Any])?["tag_manifest_sha256"] as? String == digest, "\(verified.stdout)")
        }
    }
}

private extension String {
    /// Creates the parent folder of this path and returns the path.
    func creatingFolder() throws -> String {
        try FileManager.default.createDirectory(atPath: (self as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return self
    }
}
