internal import CArchive
internal import CPlatform
internal import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// A libarchive writer for bundles: a zip (UTF-8 names, stored or deflated per entry) or a
/// gzip-compressed pax tar, written to an open file descriptor with reproducible bytes. The
/// only place that calls libarchive's write API.
///
/// Reproducibility: every entry is a regular file with mode 0644, uid/gid 0 and no owner
/// names. Zip stores no modification time at all (DOS field 1980-01-01 00:00, no `UT` time),
/// because libarchive writes the DOS field in the process's local time zone, which would make
/// the bytes depend on `TZ`; tar stores `modificationTime` (UTC by definition), and gzip
/// stores no timestamp. Output goes straight through (`bytes_per_block 0`, no padding) and,
/// when asked, is hashed with SHA-256 on a second thread as it is written (a whole second
/// SHA-256 pass over the bundle: Docs/PERFORMANCE.md measures what it costs).
///
/// Not thread-safe: use it from one thread, which should run inside ``UTF8Locale/run(_:)``
/// (each header write also sets the locale itself).
final class ArchiveWriter {
    /// The container written.
    enum Format: Sendable {
        case zip
        case tarGzip
    }

    /// How a zip entry's data is stored (tar.gz compresses everything as one stream).
    enum Compression: Sendable {
        case store
        case deflate
    }

    private let archive: OpaquePointer
    private let sink: OutputSink
    private let format: Format
    private let modificationTime: Int64
    private var entryOpen = false
    private var closed = false

    /// Starts an archive on `descriptor` (which stays open; the caller closes it).
    /// - Parameters:
    ///   - descriptor: an open, writable file descriptor, positioned at the start.
    ///   - format: zip or tar.gz.
    ///   - modificationTime: seconds since 1970 recorded for tar entries.
    ///   - hashOutput: compute the SHA-256 of everything written (returned by ``close()``).
    ///   - startWriteback: ask the kernel to start writing each few MiB to the disk as soon as
    ///     they are written, so that the caller's final `fsync` has only the tail left to wait
    ///     for (it overlaps the disk with the rest of the work; durability still needs `fsync`).
    /// - Throws: ``ArchiveWriteError`` when libarchive refuses the settings.
    init(descriptor: Int32, format: Format, modificationTime: Int64, hashOutput: Bool = true, startWriteback: Bool = false) throws {
        guard let archive = archive_write_new() else { throw ArchiveWriteError(detail: "archive_write_new failed") }
        self.archive = archive
        self.format = format
        self.modificationTime = modificationTime
        sink = OutputSink(descriptor: descriptor, hashed: hashOutput, startWriteback: startWriteback)
        do {
            try UTF8Locale.run {
                switch format {
                case .zip:
                    try check(archive_write_set_format_zip(archive))
                    try check(archive_write_set_options(archive, "zip:hdrcharset=UTF-8"))
                case .tarGzip:
                    try check(archive_write_set_format_pax_restricted(archive))
                    try check(archive_write_add_filter_gzip(archive))
                    try check(archive_write_set_options(archive, "gzip:!timestamp"))
                }
                try check(archive_write_set_bytes_per_block(archive, 0))
                try check(archive_write_set_bytes_in_last_block(archive, 1))
                let client = Unmanaged.passUnretained(sink).toOpaque()
                try check(archive_write_open(archive, client, nil, outputSinkWrite, nil))
            }
        } catch {
            archive_write_free(archive)
            throw error
        }
    }

    deinit {
        if !closed {
            archive_write_free(archive)
            sink.close()
        }
    }

    /// Starts a regular-file entry.
    /// - Parameters:
    ///   - path: the entry's name, UTF-8, relative, `/`-separated.
    ///   - size: the exact number of bytes that will follow.
    ///   - compression: store or deflate (zip only).
    func beginEntry(path: String, size: UInt64, compression: Compression) throws {
        precondition(!entryOpen, "finish the previous entry first")
        guard let entry = archive_entry_new() else { throw ArchiveWriteError(detail: "archive_entry_new failed") }
        defer { archive_entry_free(entry) }
        try UTF8Locale.run {
            archive_entry_set_pathname_utf8(entry, path)
            archive_entry_set_filetype(entry, 0o100000)
            archive_entry_set_perm(entry, 0o644)
            archive_entry_set_size(entry, la_int64_t(size))
            archive_entry_set_uid(entry, 0)
            archive_entry_set_gid(entry, 0)
            switch format {
            case .zip:
                // No mtime: libarchive's DOS time is local time (TZ-dependent); see the type's doc.
                archive_entry_unset_mtime(entry)
                try check(compression == .store
                    ? archive_write_zip_set_compression_store(archive)
                    : archive_write_zip_set_compression_deflate(archive))
            case .tarGzip:
                archive_entry_set_mtime(entry, time_t(modificationTime), 0)
            }
            try check(archive_write_header(archive, entry))
        }
        entryOpen = true
    }

    /// Appends bytes to the current entry.
    func write(_ chunk: UnsafeRawBufferPointer) throws {
        guard chunk.count > 0 else { return }
        var offset = 0
        while offset < chunk.count {
            let written = archive_write_data(archive, chunk.baseAddress! + offset, chunk.count - offset)
            if written < 0 { try check(Int32(written)) }
            if written == 0 { throw ArchiveWriteError(detail: sink.failure ?? "archive_write_data wrote nothing") }
            offset += written
        }
    }

    /// Writes a whole entry from memory.
    func addEntry(path: String, contents: [UInt8], compression: Compression) throws {
        try beginEntry(path: path, size: UInt64(contents.count), compression: compression)
        try contents.withUnsafeBytes { try write($0) }
        try finishEntry()
    }

    /// Ends the current entry.
    func finishEntry() throws {
        entryOpen = false
        try UTF8Locale.run { try check(archive_write_finish_entry(archive)) }
    }

    /// Writes the archive's end (zip central directory, gzip trailer) and releases libarchive.
    /// - Returns: the archive's size and its SHA-256, lower-case hex (nil unless `hashOutput`).
    func close() throws -> (bytes: UInt64, sha256: String?) {
        closed = true
        let status = UTF8Locale.run { archive_write_close(archive) }
        let message = status == ARCHIVE_OK ? nil : errorMessage(status)
        archive_write_free(archive)
        let digest = sink.finish()
        if let message { throw ArchiveWriteError(detail: message) }
        return (sink.bytesWritten, digest.map { hexString($0) })
    }

    private func check(_ status: Int32) throws {
        if status == ARCHIVE_OK { return }
        throw ArchiveWriteError(detail: errorMessage(status))
    }

    private func errorMessage(_ status: Int32) -> String {
        sink.failure ?? archive_error_string(archive).map { String(cString: $0) } ?? "libarchive error \(status)"
    }
}

/// libarchive could not write an archive; `detail` is its own message or the system's.
struct ArchiveWriteError: Error {
    var detail: String
}

/// Where libarchive's output goes: `write(2)` to the descriptor, and (when hashed) a copy to a
/// SHA-256 pipeline running on its own thread. With `startWriteback`, every
/// ``writebackWindow`` bytes written are handed to the disk at once (`sync_file_range`), which
/// took the final `fsync` of a 600 MiB file from ~0.24 s to ~0.01 s here (Docs/PERFORMANCE.md).
private final class OutputSink {
    let descriptor: Int32
    private let pipeline: HashingPipeline?
    private let startWriteback: Bool
    private var writebackStart: UInt64 = 0
    private(set) var bytesWritten: UInt64 = 0
    private(set) var failure: String?

    static let writebackWindow: UInt64 = 8 << 20

    init(descriptor: Int32, hashed: Bool, startWriteback: Bool) {
        self.descriptor = descriptor
        self.startWriteback = startWriteback
        pipeline = hashed ? HashingPipeline(slotCount: 4, slotSize: 1 << 20) : nil
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        while offset < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return -1
            }
            offset += count
        }
        if let pipeline {
            offset = 0
            while offset < bytes.count {
                let slot = pipeline.nextBuffer()
                let length = min(slot.count, bytes.count - offset)
                slot.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: length)
                pipeline.submit(length)
                offset += length
            }
        }
        bytesWritten += UInt64(bytes.count)
        if startWriteback && bytesWritten - writebackStart >= Self.writebackWindow {
            // Only a hint: when it fails (a file system without it), the final fsync does the work.
            _ = ek_start_writeback(descriptor, Int64(writebackStart), Int64(bytesWritten - writebackStart))
            writebackStart = bytesWritten
        }
        return bytes.count
    }

    func finish() -> SHA256.Digest? {
        defer { pipeline?.close() }
        return pipeline?.finishFile()
    }

    /// Ends the hashing thread (it must end before the pipeline can be released).
    func close() { pipeline?.close() }
}

private func outputSinkWrite(_ archive: OpaquePointer?, _ client: UnsafeMutableRawPointer?,
                             _ buffer: UnsafeRawPointer?, _ length: Int) -> la_ssize_t {
    guard let client, let buffer else { return 0 }
    let sink = Unmanaged<OutputSink>.fromOpaque(client).takeUnretainedValue()
    return la_ssize_t(sink.write(UnsafeRawBufferPointer(start: buffer, count: length)))
}
