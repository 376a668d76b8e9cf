import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The temporary bundle files of the packs in progress, so that an interrupted `pack` can leave
/// neither the output nor its temporary file: the packer registers each temporary file while
/// it exists; a front end's interrupt handler calls ``BundlePacker/removeUnfinishedBundles()``.
/// The library itself installs no signal handler (the CLI does, in `Sources/evidence`).
enum InterruptCleanup {
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var paths: Set<String> = []
    }

    private static let registry = Registry()

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
        // A folder (an export's staging folder) goes with what it holds.
        for path in paths where unlink(path) != 0 && errno == EISDIR { try? FileManager.default.removeItem(atPath: path) }
    }
}
