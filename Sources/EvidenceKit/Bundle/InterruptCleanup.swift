import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Removes unfinished bundles when the process is interrupted (Ctrl-C, SIGTERM), so that an
/// interrupted `pack` leaves neither the output nor its temporary file. The packer registers
/// each temporary file while it exists; ``install()`` (called once by the CLI, never by the
/// library or tests) turns SIGINT and SIGTERM into "remove them, then exit 130 / 143", and
/// makes a file-size limit an ordinary write error.
public enum InterruptCleanup {
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var paths: Set<String> = []
        var sources: [DispatchSourceSignal] = []
    }

    private static let registry = Registry()

    /// Installs the SIGINT/SIGTERM handlers and ignores SIGXFSZ. Idempotent; process-wide by nature.
    public static func install() {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        guard registry.sources.isEmpty else { return }
        // Past a file-size limit (`ulimit -f`) the kernel kills the writer with SIGXFSZ, which
        // would leave the temporary file behind. Ignored, the write fails with EFBIG instead and
        // the packer's ordinary error path removes the file and reports it.
        signal(SIGXFSZ, SIG_IGN)
        for (signalNumber, exitStatus) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                removeRegistered()
                _exit(exitStatus)
            }
            source.resume()
            registry.sources.append(source)
        }
    }

    /// Remembers a temporary file to remove on interruption.
    static func register(_ path: String) {
        registry.lock.lock()
        registry.paths.insert(path)
        registry.lock.unlock()
    }

    /// Forgets a temporary file (it was renamed into place or removed).
    static func unregister(_ path: String) {
        registry.lock.lock()
        registry.paths.remove(path)
        registry.lock.unlock()
    }

    /// The temporary files currently registered.
    static var registered: Set<String> {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        return registry.paths
    }

    /// Removes every registered temporary file.
    static func removeRegistered() {
        registry.lock.lock()
        let paths = registry.paths
        registry.paths.removeAll()
        registry.lock.unlock()
        for path in paths { unlink(path) }
    }
}
