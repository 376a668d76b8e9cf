import Foundation
import Testing
@testable import EvidenceKit

/// A measurement, not a check: packs every file of `EVIDENCE_PACK_BENCH_INPUT` into
/// `EVIDENCE_PACK_BENCH_OUTPUT` and writes the elapsed seconds to `EVIDENCE_PACK_BENCH_REPORT`.
/// Skipped unless those are set (see Docs/bundle-format.md, "Performance").
struct PackBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EVIDENCE_PACK_BENCH_INPUT"] != nil))
    func packBenchmark() throws {
        let environment = ProcessInfo.processInfo.environment
        let input = try #require(environment["EVIDENCE_PACK_BENCH_INPUT"])
        let output = try #require(environment["EVIDENCE_PACK_BENCH_OUTPUT"])
        let sources = try PackFixtures.listing(input).map {
            PackSource(item: ComplaintCase.Item(file: $0, role: .unboxingVideo), path: input + "/" + $0)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let report = try PackFixtures.pack(sources, to: output,
                                           options: PackOptions(force: true, sourceDateEpoch: 0, durable: environment["EVIDENCE_PACK_BENCH_DURABLE"] != nil),
                                           required: [])
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        #expect(report.itemCount == sources.count)
        if let path = environment["EVIDENCE_PACK_BENCH_REPORT"] {
            try String(format: "%.3f", seconds).write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
