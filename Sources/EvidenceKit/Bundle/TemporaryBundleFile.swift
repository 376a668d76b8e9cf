import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The temporary file a bundle is written into: created exclusively beside the output (same
/// folder, so the final rename is atomic), registered with ``InterruptCleanup`` while it
/// exists, and either renamed into place by ``commit(to:durable:)`` or removed by ``discard()``.
final class TemporaryBundleFile {
    let path: String
    let descriptor: Int32
    private var finished = false

    init(beside output: String) throws {
        let folder = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        var attempt = 0
        while true {
            let candidate = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).partial"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                path = candidate
                descriptor = fd
                InterruptCleanup.register(candidate)
                return
            }
            attempt += 1
            if errno != EEXIST || attempt > 8 {
                throw PackError(.io, path: output, detail: String(cString: strerror(errno)))
            }
        }
    }

    /// Flushes (when `durable`), closes and renames the file to `output`.
    func commit(to output: String, durable: Bool) throws {
        if durable && fsync(descriptor) != 0 {
            throw PackError(.io, path: output, detail: String(cString: strerror(errno)))
        }
        finished = true
        let closed = close(descriptor)
        defer { InterruptCleanup.unregister(path) }
        guard closed == 0, rename(path, output) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw PackError(.io, path: output, detail: reason)
        }
    }

    /// Closes and removes the file unless it was committed. Safe to call twice.
    func discard() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(path)
        InterruptCleanup.unregister(path)
    }
}
