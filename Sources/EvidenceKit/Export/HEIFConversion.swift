import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Decodes HEIC/HEIF photos to PNG in a separate process, `evidence-heif-decode` (libheif), so that
/// a hostile file that crashes or exhausts libheif ends that process only: the export goes on and
/// the file becomes a finding. The helper limits itself (setrlimit: CPU seconds, address space,
/// output size, no core file) before it opens the input; here a wall-clock timeout kills it.
public struct HEIFConversion: Sendable {
    /// The helper executable.
    public var helper: String
    /// CPU seconds the helper may use.
    public var cpuSeconds: Int = 20
    /// Address space of the helper, in bytes.
    public var memoryBytes: Int = 1 << 30
    /// The largest PNG it may write, in bytes.
    public var maxOutputBytes: Int = 256 << 20
    /// The most pixels of an image it decodes.
    public var maxPixels: Int = 50_000_000
    /// Wall-clock seconds before the helper is killed.
    public var timeoutSeconds: Double = 60

    /// The helper at `helper`, or beside the running executable (`evidence-heif-decode`), or the
    /// path in `EVIDENCE_HEIF_DECODE`.
    public init(helper: String? = nil) {
        self.helper = helper ?? ProcessInfo.processInfo.environment["EVIDENCE_HEIF_DECODE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.besideExecutable()
    }

    static func besideExecutable() -> String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (exe as NSString).deletingLastPathComponent + "/evidence-heif-decode"
    }

    /// The PNG bytes of `path`'s primary image, or why not.
    func decode(_ path: String, scratch: String) -> Result<[UInt8], PlatformImages.Failure> {
        guard FileManager.default.isExecutableFile(atPath: helper) else {
            return .failure(.init(reason: "the HEIC decoder \(helper) is missing"))
        }
        let output = scratch + "/heif-\(UUID().uuidString).png"
        defer { unlink(output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: helper)
        process.arguments = [path, output, "--cpu", String(cpuSeconds), "--memory", String(memoryBytes),
                             "--max-output", String(maxOutputBytes), "--max-pixels", String(maxPixels)]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return .failure(.init(reason: "the HEIC decoder could not start: \(error.localizedDescription)"))
        }
        // Read stderr while it runs (a bounded amount) so a chatty helper cannot block on the pipe.
        let reader = errors.fileHandleForReading
        let collected = LockedBytes()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                collected.append(chunk, limit: 4096)
            }
            drained.signal()
        }
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            drained.wait()
            return .failure(.init(reason: "decoding took longer than \(Int(timeoutSeconds)) s"))
        }
        drained.wait()
        let message = String(decoding: collected.bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if process.terminationReason == .uncaughtSignal {
            let signal = process.terminationStatus
            let name = signal == SIGXCPU ? "CPU limit reached" : signal == SIGSEGV ? "the decoder crashed (SIGSEGV)"
                : signal == SIGKILL ? "killed (memory or time limit)" : "the decoder ended by signal \(signal)"
            return .failure(.init(reason: name))
        }
        guard process.terminationStatus == 0 else {
            return .failure(.init(reason: message.isEmpty ? "the decoder failed (status \(process.terminationStatus))" : message))
        }
        guard let data = FileManager.default.contents(atPath: output), !data.isEmpty else {
            return .failure(.init(reason: "the decoder wrote nothing"))
        }
        return .success([UInt8](data))
    }
}

/// Bytes collected from another thread.
private final class LockedBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [UInt8] = []

    func append(_ data: Data, limit: Int) {
        lock.lock()
        defer { lock.unlock() }
        if storage.count < limit { storage += data.prefix(limit - storage.count) }
    }

    var bytes: [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
