import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The received bundles, content-addressed: `DIR/store/sha256/ab/abcdef...` holds the bytes
/// whose SHA-256 is `abcdef...`, once however many copies arrive. Files only ever enter the
/// store by an atomic link or rename, so a reader never sees half a bundle.
public struct BundleStore: Sendable {
    /// The desk folder.
    public let root: String

    public init(root: String) { self.root = root }

    /// Where uploads are streamed before they are filed (same file system as the store).
    public var incoming: String { root + "/tmp" }

    /// The stored file for a digest.
    public func path(sha256: String) -> String {
        root + "/store/sha256/" + sha256.prefix(2) + "/" + sha256
    }

    /// Creates the folders.
    public func prepare() throws(DeskError) {
        for folder in [incoming, root + "/store/sha256"] {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw DeskError(.store, folder, detail: "\(error)")
            }
        }
    }

    /// The SHA-256 of a file (streamed) and its size.
    public static func digest(of path: String) throws(DeskError) -> (sha256: String, size: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw DeskError(.store, path, detail: "cannot open") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch { throw DeskError(.store, path, detail: "\(error)") }
            if chunk.isEmpty { break }
            size += chunk.count
            hasher.update(data: chunk)
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), size)
    }

    /// Puts the file's bytes at their address, leaving `file` in place (the caller removes it
    /// once the record is committed). A hard link when both are on one file system, otherwise a
    /// copy into the store's temporary folder, synced, then renamed. Bytes already stored are
    /// left as they are.
    public func place(_ file: String, sha256: String) throws(DeskError) {
        let target = path(sha256: sha256)
        let folder = (target as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DeskError(.store, folder, detail: "\(error)")
        }
        if access(target, F_OK) == 0 { return }
        if link(file, target) == 0 || errno == EEXIST { return }
        guard errno == EXDEV || errno == EPERM else { throw DeskError(.store, target, detail: String(cString: strerror(errno))) }
        let temporary = incoming + "/" + UUID().uuidString + ".part"
        do {
            try FileManager.default.copyItem(atPath: file, toPath: temporary)
        } catch {
            unlink(temporary)
            throw DeskError(.store, temporary, detail: "\(error)")
        }
        let descriptor = open(temporary, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw DeskError(.store, target, detail: reason)
        }
    }
}
