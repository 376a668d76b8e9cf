import Foundation
import EvidenceTestSupport
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
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
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

private extension String {
    /// Creates the parent folder of this path and returns the path.
    func creatingFolder() throws -> String {
        try FileManager.default.createDirectory(atPath: (self as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return self
    }
}
