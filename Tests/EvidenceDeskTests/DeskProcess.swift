import EvidenceTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `evidence desk` running in the background, its output collected as it comes.
final class DeskProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private let outPipe = Pipe(), errPipe = Pipe()

    /// Starts `evidence desk ARGUMENTS` with `LANG=en_US.UTF-8`.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["desk"] + arguments
        var env = ["PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8", "TZ": "UTC", "HOME": FileManager.default.temporaryDirectory.path]
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.withLock { self.out.append(data) }
        }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.withLock { self.err.append(data) }
        }
        try process.run()
    }

    var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// The port of the URL the desk printed (waits for it).
    func port() async throws -> Int {
        var found: Int?
        try await eventually("the desk prints its URL") {
            if !process.isRunning { return true }
            if let range = stdout.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                found = Int(stdout[range].dropFirst("http://127.0.0.1:".count).dropLast())
                return true
            }
            return false
        }
        return try #require(found, "no URL printed; stdout: \(stdout) stderr: \(stderr)")
    }

    /// SIGKILL: no chance to clean up.
    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitBounded("evidence desk after SIGKILL")
    }

    /// SIGTERM, then waits; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitBounded("evidence desk after SIGTERM")
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }
}
