import Foundation
import Testing
@testable import EvidenceKit

/// Third-party readers on real bundles: `Tests/interop/run.sh` (Python's zipfile, Info-ZIP
/// unzip, bsdtar, bagit-python in `.build/venv`, sha256sum).
struct PackInteropTests {
    static let python = ((ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/local/bin:/usr/bin:/bin")
        .split(separator: ":").map { $0 + "/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: python != nil, "python3 is not installed: interoperability check skipped"))
    func thirdPartyReadersAcceptTheBundles() throws {
        let folder = try PackFixtures.temporaryFolder()
        defer { PackFixtures.remove(folder) }
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: false)
        let sources = try PackFixtures.sampleSources(in: folder + "/in", names: ["左耳 无声.jpg", "订单截图.png", "支付宝回单.pdf", "旺旺聊天记录.txt"])
        let zip = try PackFixtures.pack(sources, to: folder + "/投诉证据-3712.zip",
                                        options: PackOptions(language: .zh, sourceDateEpoch: 1_764_374_400, durable: false))
        let tar = try PackFixtures.pack(sources, to: folder + "/投诉证据-3712.tar.gz",
                                        options: PackOptions(format: .tarGz, language: .zh, sourceDateEpoch: 1_764_374_400, durable: false))
        let script = PackFixtures.repositoryRoot.appendingPathComponent("Tests/interop/run.sh").path
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = (environment["PATH"] ?? "") + ":/usr/local/bin:/usr/bin:/bin"
        let result = try PackFixtures.run("/bin/bash", [script, zip.bundlePath, tar.bundlePath], environment: environment)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.components(separatedBy: "bagit.py: valid").count == 3, "\(result.output)")
        #expect(result.output.contains("zipfile: 10 entries, all names intact"), "\(result.output)")
        #expect(result.output.contains("bsdtar: same names"), "\(result.output)")
    }
}
