import Foundation

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
/// input, both pipes drained at once (neither can fill up and stall the child).
public enum ProcessRunner {
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
        let errors = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errors.data = (try? err.fileHandleForReading.readToEnd()) ?? Data()
            group.leave()
        }
        let output = (try? out.fileHandleForReading.readToEnd()) ?? Data()
        group.wait()
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(status: status, stdoutData: output, stderr: String(decoding: errors.data, as: UTF8.self))
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
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
