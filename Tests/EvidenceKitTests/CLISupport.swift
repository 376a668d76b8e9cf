import Foundation

/// Runs the built `evidence` binary as a separate process, with its own environment, so tests
/// can vary `LANG`, `TZ` and the like without touching this process.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// stdout parsed as a JSON object (empty when it is not one).
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:] }
    }

    /// The `evidence` executable built beside the test bundle (`make test` builds it first).
    static var executable: String {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("evidence").path
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], currentDirectory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ["PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8", "TZ": "UTC"]
        env.merge(environment) { _, new in new }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain stderr on another thread while stdout is read here, so neither pipe can fill up.
        let errorBox = ErrorBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorBox.data = (try? err.fileHandleForReading.readToEnd()) ?? Data()
            group.leave()
        }
        let stdout = (try? out.fileHandleForReading.readToEnd()) ?? Data()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: errorBox.data, as: UTF8.self))
    }
}

private final class ErrorBox: @unchecked Sendable {
    var data = Data()
}
