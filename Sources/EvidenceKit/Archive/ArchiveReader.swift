internal import CArchive
#if canImport(Glibc)
import Glibc
#endif

/// A libarchive reader restricted to the formats EvidenceKit accepts: zip (read through its
/// central directory) and, optionally, tar with or without gzip. Nothing is ever extracted.
/// The only place besides ``ArchiveWriter`` that calls libarchive.
final class ArchiveReader {
    /// One entry's header as libarchive reports it.
    struct Entry {
        /// The name as UTF-8, or nil when it is not valid UTF-8.
        var pathname: String?
        /// The raw bytes of the name as stored.
        var rawPathname: [UInt8]
        /// The declared size (nil when the archive does not say).
        var declaredSize: Int64?
        /// File type bits (`0o100000` regular, `0o040000` directory, `0o120000` symlink...).
        var fileType: UInt32
        /// Target of a hard link, if the entry is one.
        var hardlink: String?
        /// Target of a symbolic link, if the entry is one.
        var symlink: String?
        /// libarchive's warning about this header (ARCHIVE_WARN), if any.
        var warning: String?
        /// The modification time in seconds since 1970, when the archive records one.
        var modificationTime: Int64? = nil
    }

    /// Which formats to enable. Never more: other libarchive formats hang or abort on hostile input.
    enum Formats {
        /// Zip only, read through its central directory.
        case zip
        /// Tar without compression.
        case tar
        /// Tar inside exactly one gzip layer. The gzip filter is appended, not bid for: with
        /// bidding, a self-reproducing gzip makes libarchive stack filter on filter (8 GB seen).
        case tarGzip
        /// The bytes inside a gzip file (every member, one after the other) as one entry's
        /// data, with no archive format on top (libarchive's raw format): used to check what
        /// follows a tar's end-of-archive marker.
        case gzipStream
        /// Like ``tarGzip``, but the tar format is *set*, not bid for: when the gzip stream is
        /// cut or damaged, the first header read reports the gzip layer's own error
        /// ("truncated gzip input") where bidding only says "Unrecognized archive format".
        case tarGzipUnbid
    }

    private let archive: OpaquePointer
    private var opened = false

    private init(formats: Formats) throws {
        guard let archive = archive_read_new() else { throw ArchiveReadError(detail: "archive_read_new failed", notStarted: true) }
        self.archive = archive
        switch formats {
        case .zip:
            archive_read_support_format_zip_seekable(archive)
        case .tar:
            archive_read_support_format_tar(archive)
        case .tarGzip:
            archive_read_support_format_tar(archive)
            archive_read_append_filter(archive, ARCHIVE_FILTER_GZIP)
        case .gzipStream:
            archive_read_support_format_raw(archive)
            archive_read_append_filter(archive, ARCHIVE_FILTER_GZIP)
        case .tarGzipUnbid:
            archive_read_support_format_tar(archive)
            archive_read_append_filter(archive, ARCHIVE_FILTER_GZIP)
            archive_read_set_format(archive, ARCHIVE_FORMAT_TAR)
        }
    }

    /// Opens bytes held in memory; they must outlive the reader.
    convenience init(memory: UnsafeRawBufferPointer, formats: Formats) throws {
        try self.init(formats: formats)
        let status = UTF8Locale.run {
            archive_read_open_memory(archive, memory.baseAddress, memory.count)
        }
        try check(status)
        opened = true
    }

    /// Opens a file by path.
    convenience init(path: String, formats: Formats, blockSize: Int = 256 << 10) throws {
        try self.init(formats: formats)
        let status = UTF8Locale.run { archive_read_open_filename(archive, path, blockSize) }
        try check(status)
        opened = true
    }

    deinit { archive_read_free(archive) }

    /// The next entry's header, or nil at the end.
    func next() throws -> Entry? {
        try UTF8Locale.run { () throws -> Entry? in
            var entryPointer: OpaquePointer?
            let status = archive_read_next_header(archive, &entryPointer)
            if status == ARCHIVE_EOF { return nil }
            var warning: String?
            if status == ARCHIVE_WARN {
                warning = archive_error_string(archive).map { String(cString: $0) } ?? "libarchive warning"
            } else {
                try check(status)
            }
            guard let entry = entryPointer else { return nil }
            var raw: [UInt8] = []
            if let name = archive_entry_pathname(entry) {
                raw = Array(UnsafeBufferPointer(start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: strlen(name)))
            }
            let utf8 = archive_entry_pathname_utf8(entry).map { String(cString: $0) }
            var result = Entry(
                pathname: utf8 ?? String(validating: raw, as: UTF8.self),
                rawPathname: raw,
                declaredSize: archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : nil,
                fileType: UInt32(archive_entry_filetype(entry)),
                hardlink: archive_entry_hardlink(entry).map { String(cString: $0) },
                symlink: archive_entry_symlink(entry).map { String(cString: $0) },
                warning: warning)
            if archive_entry_mtime_is_set(entry) != 0 { result.modificationTime = Int64(archive_entry_mtime(entry)) }
            return result
        }
    }

    /// Reads the current entry's next bytes into `buffer`; 0 at the entry's end. Warnings
    /// (CRC mismatch, more data than declared) are errors here.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = archive_read_data(archive, buffer.baseAddress, buffer.count)
        if count < 0 { try check(Int32(count)) }
        return count
    }

    /// Skips the current entry's data without returning it.
    func skipData() throws {
        let status = UTF8Locale.run { archive_read_data_skip(archive) }
        try check(status)
    }

    /// Compressed bytes consumed from the file so far (for expansion ratios of tar.gz). Once a
    /// ``Formats/gzipStream`` has been read to its end: where the last gzip member ends.
    var compressedBytesRead: Int64 { archive_filter_bytes(archive, -1) }

    /// Bytes the format has consumed from the (decompressed) stream: after a tar's last
    /// header, the offset just past its end-of-archive marker.
    var streamBytesConsumed: Int64 { archive_filter_bytes(archive, 0) }

    private func check(_ status: Int32) throws {
        if status == ARCHIVE_OK { return }
        guard let message = archive_error_string(archive) else {
            throw ArchiveReadError(detail: "libarchive error \(status)", hasMessage: false)
        }
        throw ArchiveReadError(detail: String(cString: message))
    }
}

/// libarchive could not read an archive; `detail` is its own message.
struct ArchiveReadError: Error {
    var detail: String
    /// False when libarchive failed without saying why (its gzip reader does so when the
    /// 8-byte trailer is missing).
    var hasMessage = true
    /// True when libarchive could not even be set up (out of memory): nothing was read.
    var notStarted = false
}
