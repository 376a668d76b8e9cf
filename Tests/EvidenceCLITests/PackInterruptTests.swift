import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit
@testable import evidence
#if canImport(Glibc)
import Glibc
#endif

/// `evidence pack`'s interrupt handler (``InterruptHandler``, in the CLI) in a process of its
/// own: this test binary running only ``interruptedPackChild()``, which installs the handler as
/// `pack` does and packs slowly until the parent sends the signal.
struct PackInterruptTests {
    static let childVariables = ["EVIDENCE_INTERRUPT_CHILD_INPUT", "EVIDENCE_INTERRUPT_CHILD_OUTPUT", "EVIDENCE_INTERRUPT_CHILD_READY"]

    /// Ctrl-C (SIGINT, exit 130) and `kill` (SIGTERM, exit 143) in the middle of writing, in
    /// zip and tar.gz: no OUT, no temporary file, and every original keeps its bytes.
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))], ["zip", "tar.gz"])
    func anInterruptedPackLeavesNeitherOutputNorTemporaryFile(signal: (number: Int32, status: Int32), format: String) throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: false)
        _ = try PackFixtures.sampleSources(in: folder + "/in")
        try Data(String(repeating: "买家：左耳没有声音。\n", count: 400_000).utf8).write(to: URL(fileURLWithPath: folder + "/in/长聊天.txt"))
        let originals = try PackFixtures.listing(folder + "/in").map { try PackFixtures.sha256(file: folder + "/in/" + $0) }
        let ready = folder + "/ready"
        let process = try ChildTest.start("interruptedPackChild", variables: [
            "EVIDENCE_INTERRUPT_CHILD_INPUT": folder + "/in", "EVIDENCE_INTERRUPT_CHILD_OUTPUT": folder + "/out/bundle." + format,
            "EVIDENCE_INTERRUPT_CHILD_READY": ready,
        ], clearing: Self.childVariables)
        while !FileManager.default.fileExists(atPath: ready) && process.isRunning { usleep(10_000) }
        let during = try PackFixtures.listing(folder + "/out")
        kill(process.processIdentifier, signal.number)
        process.waitBounded("the interrupted pack child")
        // The child was mid-write: its temporary file existed.
        #expect(during.count == 1 && during[0].hasPrefix(".bundle.\(format).") && during[0].hasSuffix(".partial"))
        #expect(process.terminationReason == .exit && process.terminationStatus == signal.status)
        #expect(try PackFixtures.listing(folder + "/out") == [])
        #expect(try PackFixtures.listing(folder + "/in").map { try PackFixtures.sha256(file: folder + "/in/" + $0) } == originals)
    }

    /// The child's body (skipped unless a parent test started this process).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EVIDENCE_INTERRUPT_CHILD_OUTPUT"] != nil))
    func interruptedPackChild() throws {
        let environment = ProcessInfo.processInfo.environment
        let input = try #require(environment["EVIDENCE_INTERRUPT_CHILD_INPUT"])
        let output = try #require(environment["EVIDENCE_INTERRUPT_CHILD_OUTPUT"])
        let ready = try #require(environment["EVIDENCE_INTERRUPT_CHILD_READY"])
        let roles: [String: EvidenceRole] = ["左耳无声.jpg": .productPhoto, "订单截图.png": .orderScreenshot,
                                             "支付宝回单.pdf": .paymentReceipt, "旺旺聊天记录.txt": .chatRecord, "长聊天.txt": .chatRecord]
        let sources = try PackFixtures.listing(input).map {
            PackSource(item: ComplaintCase.Item(file: $0, role: roles[$0] ?? .other), path: input + "/" + $0)
        }
        InterruptHandler.install()
        var waited = false
        let options = PackOptions(format: output.hasSuffix(".tar.gz") ? .tarGz : .zip, sourceDateEpoch: 1_764_374_400, durable: false)
        try PackFixtures.pack(sources, to: output, options: options) { _ in
            guard !waited else { return }
            waited = true
            FileManager.default.createFile(atPath: ready, contents: nil)
            for _ in 0..<6000 { usleep(10_000) }  // the parent interrupts during this minute
        }
    }
}
