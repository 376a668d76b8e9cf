import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What a child process did: its exit status (128 + N when signal N ended it) and its output.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdoutData: Data
    public var stderr: String

    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    /// stdout then stderr (for messages in failed expectations).
    public var output: String { stdout + stderr }
    /// stdout parsed as a JSON object (empty when it is not one).
    public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: stdoutData)) as? [String: Any] ?? [:] }
}

/// The one way the tests run a program: its own arguments, environment and working folder, no
/// input, both pipes drained at once on the calling thread (neither can fill up and stall the
/// child). A child still running after ``limit`` seconds is killed (SIGKILL) and its result says
/// so in `stderr` with status 137, so a hung program fails its test instead of hanging the run.
public enum ProcessRunner {
    /// How long a child may run, in seconds: `EVIDENCE_TEST_CHILD_LIMIT`, else 20 minutes (far
    /// beyond any child's normal run on a loaded 2-core machine; a bound against hangs, not a
    /// measure of speed).
    public static var limit: Double {
        ProcessInfo.processInfo.environment["EVIDENCE_TEST_CHILD_LIMIT"].flatMap(Double.init) ?? 1200
    }

    /// - Parameters:
    ///   - environment: the child's whole environment; nil inherits this process's.
    ///   - folder: the child's working folder; nil keeps this process's.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           in folder: String? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(limit)
        let streams = [out.fileHandleForReading.fileDescriptor, err.fileHandleForReading.fileDescriptor]
        let collected = drain(streams, until: deadline)
        var stderr = String(decoding: collected.data[1], as: UTF8.self)
        var status: Int32
        if collected.timedOut || !process.waitForExit(until: deadline) {
            kill(process.processIdentifier, SIGKILL)
            _ = process.waitForExit(until: Date().addingTimeInterval(30))
            stderr += "\n[ProcessRunner] \(executable) \(arguments.joined(separator: " ")) was still running after \(Int(limit)) s and was killed\n"
            status = 137
        } else {
            status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        }
        return ProcessResult(status: status, stdoutData: collected.data[0], stderr: stderr)
    }

    /// ``run(_:_:environment:in:)`` on a thread of its own, for async tests whose child runs
    /// for minutes (the benchmark smoke run, the docs' shell examples): Swift's cooperative pool
    /// has one thread per core, and a test blocking one of them for minutes holds back every
    /// other test waiting for it.
    public static func runDetached(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                                   in folder: String? = nil) async throws -> ProcessResult {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try run(executable, arguments, environment: environment, in: folder) })
            }
        }
    }

    /// Reads every stream to its end (or until `deadline`) with poll(2), on this thread.
    static func drain(_ streams: [Int32], until deadline: Date) -> (data: [Data], timedOut: Bool) {
        var data = streams.map { _ in Data() }
        var open = streams.map { _ in true }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while open.contains(true) {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return (data, true) }
            var waiting = streams.indices.filter { open[$0] }.map { pollfd(fd: streams[$0], events: Int16(POLLIN), revents: 0) }
            let ready = poll(&waiting, nfds_t(waiting.count), Int32(min(remaining, 1) * 1000))
            if ready < 0 {
                if errno == EINTR { continue }
                return (data, false)
            }
            for entry in waiting where entry.revents != 0 {
                guard let index = streams.firstIndex(of: entry.fd) else { continue }
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    data[index].append(contentsOf: buffer[0..<count])
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open[index] = false
                }
            }
        }
        return (data, false)
    }
}

extension Process {
    /// Waits for the end of this running process until `deadline`; false when it is still running.
    public func waitForExit(until deadline: Date) -> Bool {
        while isRunning {
            if Date() >= deadline { return false }
            usleep(2_000)
        }
        return true
    }

    /// Waits for this process's end, at most ``ProcessRunner/limit`` seconds; past that it is
    /// killed (SIGKILL) and the test fails naming `what`, so a child that hangs cannot hang the run.
    public func waitBounded(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if waitForExit(until: Date().addingTimeInterval(ProcessRunner.limit)) { return }
        kill(processIdentifier, SIGKILL)
        _ = waitForExit(until: Date().addingTimeInterval(30))
        Issue.record("\(what) was still running after \(Int(ProcessRunner.limit)) s and was killed", sourceLocation: sourceLocation)
    }
}

/// The built `evidence` binary (and `evidence-fuzz`), run end to end as a user runs them.
public enum CLI {
    public typealias Result = ProcessResult

    /// The folder `swift build` puts the products in (beside the test support's resources).
    public static var productsFolder: String {
        Bundle.module.bundleURL.deletingLastPathComponent().path
    }

    /// The `evidence` executable (`make test` and `swift test` build it first).
    public static var executable: String { productsFolder + "/evidence" }

    /// The fuzz entry point, `evidence-fuzz`, built by the same `swift build`.
    public static var fuzzExecutable: String { productsFolder + "/evidence-fuzz" }

    /// Runs `evidence` with `LANG=en_US.UTF-8`, `TZ=UTC` and a minimal `PATH`, plus `environment`.
    public static func run(_ arguments: [String], environment: [String: String] = [:], currentDirectory: String? = nil) throws -> Result {
        var env = ["PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8", "TZ": "UTC"]
        env.merge(environment) { _, new in new }
        return try ProcessRunner.run(executable, arguments, environment: env, in: currentDirectory)
    }
}

/// This test binary started again to run one test only (a test that needs a process of its
/// own: another `TZ`, a signal), steered by environment variables.
public enum ChildTest {
    /// Starts the running test binary with `--filter name`; `variables` replace those of
    /// this process named in `clearing` (so a child never inherits a parent's steering).
    public static func start(_ name: String, variables: [String: String], clearing: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        process.arguments = ["--testing-library", "swift-testing", "--filter", name]
        var environment = ProcessInfo.processInfo.environment
        for key in clearing { environment[key] = nil }
        environment.merge(variables) { $1 }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
