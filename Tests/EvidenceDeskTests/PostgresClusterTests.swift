import EvidenceTestSupport
import Foundation
import Testing

/// The test harness's own PostgreSQL: the server outlives the test that starts it, so it must
/// hold none of this process's pipes (Foundation's `Pipe` is not close-on-exec; a pipe held by
/// the server never reaches its end, and the test reading it would wait for ever).
@Suite("The tests' PostgreSQL server")
struct PostgresClusterTests {
    @Test("the server inherits no pipe of the test process")
    func theServerHoldsNoPipeOfOurs() throws {
        let pipe = Pipe()
        let ours = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(pipe.fileHandleForWriting.fileDescriptor)")
        #expect(ours.hasPrefix("pipe:["))
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let pidLine = try String(contentsOfFile: cluster.folder + "/data/postmaster.pid", encoding: .utf8).split(separator: "\n").first
        let server = try #require(pidLine.flatMap { Int32($0) })
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(server)/fd")
        let targets = descriptors.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(server)/fd/\($0)") }
        #expect(!targets.isEmpty)
        #expect(!targets.contains(ours), "the server holds the test's pipe \(ours): \(targets)")
        try? pipe.fileHandleForWriting.close()
    }
}
