import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One zip of files already written (an export's folder), for a front end to hand over as one
/// download: each file read in bounded chunks and written through ``ArchiveWriter`` (libarchive)
/// into a temporary file beside the output, renamed into place when complete (never a partial
/// zip under the final name). Nothing is held in memory beyond one chunk.
public enum FolderZip {
    /// The size of the chunks copied from each file.
    static let chunkSize = 1 << 20

    /// Writes `names` (regular files of `folder`, never followed through a link) into the zip
    /// `output`, each as `root/NAME` (or `NAME` when `root` is empty). JPEG, PNG, PDF and video
    /// are stored as they are (already compressed); anything else is deflated.
    /// - Returns: the zip's size in bytes.
    /// - Throws: ``ExportError`` `io` naming the file that could not be read or written.
    @discardableResult
    public static func write(folder: String, names: [String], root: String, to output: String) throws -> UInt64 {
        try UTF8Locale.run { try writeZip(folder: folder, names: names, root: root, to: output) }
    }

    private static func writeZip(folder: String, names: [String], root: String, to output: String) throws -> UInt64 {
        let parent = (output as NSString).deletingLastPathComponent.nonEmpty ?? "."
        var template = Array((parent + "/.zip-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw ExportError(.io, path: output, detail: String(cString: strerror(errno))) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do {
            defer { close(descriptor) }
            fchmod(descriptor, 0o644)
            let writer: ArchiveWriter
            do {
                writer = try ArchiveWriter(descriptor: descriptor, format: .zip, modificationTime: 0, hashOutput: false)
            } catch let error as ArchiveWriteError {
                throw ExportError(.io, path: output, detail: error.detail)
            }
            for name in names {
                try add(folder + "/" + name, as: root.isEmpty ? name : root + "/" + name, to: writer, output: output)
            }
            let written: UInt64
            do {
                written = try writer.close().bytes
            } catch let error as ArchiveWriteError {
                throw ExportError(.io, path: output, detail: error.detail)
            }
            guard fsync(descriptor) == 0 else { throw ExportError(.io, path: output, detail: String(cString: strerror(errno))) }
            guard rename(temporary, output) == 0 else { throw ExportError(.io, path: output, detail: String(cString: strerror(errno))) }
            return written
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private static func add(_ path: String, as entry: String, to writer: ArchiveWriter, output: String) throws {
        let source = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard source >= 0 else { throw ExportError(.io, path: path, detail: String(cString: strerror(errno))) }
        defer { close(source) }
        var info = stat()
        guard fstat(source, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw ExportError(.io, path: path, detail: "not a regular file")
        }
        let size = UInt64(info.st_size)
        let stored = ["jpg", "jpeg", "png", "pdf", "mp4", "mov", "gif", "webp"].contains((entry as NSString).pathExtension.lowercased())
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        do {
            try writer.beginEntry(path: entry, size: size, compression: stored ? .store : .deflate)
            var left = size
            while left > 0 {
                let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress!, Int(min(UInt64(chunkSize), left))) }
                if count < 0 && errno == EINTR { continue }
                // A file that shrank while it was read cannot fill the size declared in the header.
                guard count > 0 else { throw ExportError(.io, path: path, detail: count == 0 ? "the file shrank while it was read" : String(cString: strerror(errno))) }
                try buffer.withUnsafeBytes { try writer.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                left -= UInt64(count)
            }
            try writer.finishEntry()
        } catch let error as ArchiveWriteError {
            throw ExportError(.io, path: output, detail: error.detail)
        }
    }
}
