import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit
#if canImport(Glibc)
import Glibc
#endif

/// Tests that need a process of their own: a different `TZ`, a signal. The child is this
/// test binary running only ``packChildProcess()``, steered by environment variables.
struct PackProcessTests {
    private static let childVariables = ["EVIDENCE_PACK_CHILD_INPUT", "EVIDENCE_PACK_CHILD_OUTPUT", "EVIDENCE_PACK_CHILD_MODE",
                                         "EVIDENCE_PACK_CHILD_REPORT", "EVIDENCE_PACK_CHILD_READY"]

    /// Starts this test binary so that it runs only ``packChildProcess()``.
    private static func child(_ variables: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        process.arguments = ["--testing-library", "swift-testing", "--filter", "packChildProcess"]
        var environment = ProcessInfo.processInfo.environment
        for key in childVariables { environment[key] = nil }
        environment.merge(variables) { $1 }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func bundlesAreByteIdenticalUnderDifferentTimeZones() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: false)
        _ = try PackFixtures.sampleSources(in: folder + "/in")
        var outputs: [String: String] = [:]  // SHA-256 of each bundle
        var offsets: [String: String] = [:]
        for zone in ["UTC", "Asia/Shanghai", "America/Los_Angeles"] {
            let out = folder + "/" + zone.replacingOccurrences(of: "/", with: "-")
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
            for format in ["zip", "tar.gz"] {
                let process = try Self.child([
                    "TZ": zone, "SOURCE_DATE_EPOCH": "1764374400", "EVIDENCE_PACK_CHILD_INPUT": folder + "/in",
                    "EVIDENCE_PACK_CHILD_OUTPUT": out + "/证据包." + format, "EVIDENCE_PACK_CHILD_REPORT": out + "/offset",
                ])
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "child under TZ=\(zone) failed")
                outputs[zone + format] = try PackFixtures.sha256(file: out + "/证据包." + format)
            }
            offsets[zone] = try String(contentsOfFile: out + "/offset", encoding: .utf8)
        }
        // The children really ran in different zones...
        #expect(Set(offsets.values) == ["0", "28800", "-28800"])
        // ...and wrote the same bytes.
        for format in ["zip", "tar.gz"] {
            #expect(outputs["UTC" + format] == outputs["Asia/Shanghai" + format])
            #expect(outputs["UTC" + format] == outputs["America/Los_Angeles" + format])
        }
    }

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
        let process = try Self.child([
            "EVIDENCE_PACK_CHILD_INPUT": folder + "/in", "EVIDENCE_PACK_CHILD_OUTPUT": folder + "/out/bundle." + format,
            "EVIDENCE_PACK_CHILD_MODE": "slow", "EVIDENCE_PACK_CHILD_READY": ready,
        ])
        while !FileManager.default.fileExists(atPath: ready) && process.isRunning { usleep(10_000) }
        let during = try PackFixtures.listing(folder + "/out")
        kill(process.processIdentifier, signal.number)
        process.waitUntilExit()
        // The child was mid-write: its temporary file existed.
        #expect(during.count == 1 && during[0].hasPrefix(".bundle.\(format).") && during[0].hasSuffix(".partial"))
        #expect(process.terminationReason == .exit && process.terminationStatus == signal.status)
        #expect(try PackFixtures.listing(folder + "/out") == [])
        #expect(try PackFixtures.listing(folder + "/in").map { try PackFixtures.sha256(file: folder + "/in/" + $0) } == originals)
    }

    /// The child's body (skipped unless a parent test started this process).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EVIDENCE_PACK_CHILD_OUTPUT"] != nil))
    func packChildProcess() throws {
        let environment = ProcessInfo.processInfo.environment
        let input = try #require(environment["EVIDENCE_PACK_CHILD_INPUT"])
        let output = try #require(environment["EVIDENCE_PACK_CHILD_OUTPUT"])
        if let report = environment["EVIDENCE_PACK_CHILD_REPORT"] {
            var now = time(nil)
            var parts = tm()
            localtime_r(&now, &parts)
            try String(parts.tm_gmtoff).write(toFile: report, atomically: true, encoding: .utf8)
        }
        let roles: [String: EvidenceRole] = ["左耳无声.jpg": .productPhoto, "订单截图.png": .orderScreenshot,
                                             "支付宝回单.pdf": .paymentReceipt, "旺旺聊天记录.txt": .chatRecord, "长聊天.txt": .chatRecord]
        let sources = try PackFixtures.listing(input).map {
            PackSource(item: ComplaintCase.Item(file: $0, role: roles[$0] ?? .other), path: input + "/" + $0)
        }
        let slow = environment["EVIDENCE_PACK_CHILD_MODE"] == "slow"
        if slow { InterruptCleanup.install() }
        var waited = false
        let options = PackOptions(format: output.hasSuffix(".tar.gz") ? .tarGz : .zip,
                                  sourceDateEpoch: try PackOptions.sourceDateEpoch(from: environment), durable: false)
        try PackFixtures.pack(sources, to: output, options: options) { _ in
            guard slow, !waited, let ready = environment["EVIDENCE_PACK_CHILD_READY"] else { return }
            waited = true
            FileManager.default.createFile(atPath: ready, contents: nil)
            for _ in 0..<6000 { usleep(10_000) }  // the parent interrupts during this minute
        }
    }
}
