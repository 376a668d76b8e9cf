import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit
#if canImport(Glibc)
import Glibc
#endif

/// Tests that need a process of their own: a different `TZ` (the signal test, which needs the
/// CLI's handler, is `PackInterruptTests` in EvidenceCLITests). The child is this
/// test binary running only ``packChildProcess()``, steered by environment variables.
struct PackProcessTests {
    private static let childVariables = ["EVIDENCE_PACK_CHILD_INPUT", "EVIDENCE_PACK_CHILD_OUTPUT", "EVIDENCE_PACK_CHILD_REPORT"]

    /// Starts this test binary so that it runs only ``packChildProcess()``.
    private static func child(_ variables: [String: String]) throws -> Process {
        try ChildTest.start("packChildProcess", variables: variables, clearing: childVariables)
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
                process.waitBounded("the pack child under TZ=\(zone)")
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
        let options = PackOptions(format: output.hasSuffix(".tar.gz") ? .tarGz : .zip,
                                  sourceDateEpoch: try PackOptions.sourceDateEpoch(from: environment), durable: false)
        try PackFixtures.pack(sources, to: output, options: options)
    }
}
