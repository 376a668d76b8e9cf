import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Third-party readers on real bundles: `Tests/interop/run.sh` (Python's zipfile, Info-ZIP
/// unzip, bsdtar, bagit-python in `.build/venv`, sha256sum).
struct PackInteropTests {
    @Test
    func thirdPartyReadersAcceptTheBundles() throws {
        #expect(PythonTools.python != nil, "the pinned bagit-python in .build/venv: run `make venv`")
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: false)
        let sources = try PackFixtures.sampleSources(in: folder + "/in", names: ["左耳 无声.jpg", "订单截图.png", "支付宝回单.pdf", "旺旺聊天记录.txt"])
        let zip = try PackFixtures.pack(sources, to: folder + "/投诉证据-3712.zip",
                                        options: PackOptions(language: .zh, sourceDateEpoch: 1_764_374_400, durable: false))
        let tar = try PackFixtures.pack(sources, to: folder + "/投诉证据-3712.tar.gz",
                                        options: PackOptions(format: .tarGz, language: .zh, sourceDateEpoch: 1_764_374_400, durable: false))
        let script = Repository.path("Tests/interop/run.sh")
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = (environment["PATH"] ?? "") + ":/usr/local/bin:/usr/bin:/bin"
        let result = try ProcessRunner.run("/bin/bash", [script, zip.bundlePath, tar.bundlePath], environment: environment)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.components(separatedBy: "bagit.py: valid").count == 3, "\(result.output)")
        #expect(result.output.contains("zipfile: 10 entries, all names intact"), "\(result.output)")
        #expect(result.output.contains("bsdtar: same names"), "\(result.output)")
    }
}
