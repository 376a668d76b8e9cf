internal import CMagic

/// Content type detection with libmagic. Owns one `magic_t` cookie, which libmagic does not
/// allow to be shared between threads: use one detector per thread.
public final class TypeDetector {
    /// What libmagic says of some bytes.
    public struct Detection: Sendable, Hashable {
        /// The MIME type, e.g. `image/jpeg`.
        public var mimeType: String
        /// The human description, e.g. `JPEG image data, JFIF standard 1.01`.
        public var description: String
    }

    private let cookie: magic_t

    /// Opens libmagic with the system database (Debian's `libmagic-mgc`).
    /// - Throws: ``InspectionError`` when the database cannot be loaded.
    public init() throws {
        guard let cookie = magic_open(MAGIC_NONE | MAGIC_RAW) else {
            throw InspectionError(.typeDatabaseUnavailable, path: nil, detail: "magic_open failed")
        }
        if magic_load(cookie, nil) != 0 {
            let detail = magic_error(cookie).map { String(cString: $0) } ?? "magic_load failed"
            magic_close(cookie)
            throw InspectionError(.typeDatabaseUnavailable, path: nil, detail: detail)
        }
        self.cookie = cookie
    }

    deinit { magic_close(cookie) }

    /// Detects the type of the first bytes of a file (libmagic reads at most the first MiB).
    ///
    /// Two libmagic queries (MIME type, then description). On text, libmagic's "soft" magic
    /// (hundreds of regular expressions for scripts, sources, markup...) costs ~1 ms per file,
    /// ~90% of its time on text (Docs/PERFORMANCE.md); when the MIME query already found no
    /// more specific type than `text/plain`, the description query skips it and says what the
    /// text checks say (e.g. "Unicode text, UTF-8 text"), the same answer in nearly every case.
    ///
    /// - Parameters:
    ///   - bytes: the start of the file.
    ///   - describing: also ask for the description (a second query, ~12% of a `check`'s CPU
    ///     time on many small files); when false, `description` is empty.
    public func detect(_ bytes: UnsafeRawBufferPointer, describing: Bool = true) -> Detection {
        let mime = query(bytes, flags: MAGIC_MIME_TYPE | MAGIC_RAW) ?? "application/octet-stream"
        guard describing else { return Detection(mimeType: mime, description: "") }
        let descriptionFlags = mime == "text/plain" ? MAGIC_NONE | MAGIC_RAW | MAGIC_NO_CHECK_SOFT : MAGIC_NONE | MAGIC_RAW
        let description = query(bytes, flags: descriptionFlags) ?? "data"
        return Detection(mimeType: mime, description: description)
    }

    private func query(_ bytes: UnsafeRawBufferPointer, flags: Int32) -> String? {
        magic_setflags(cookie, flags)
        // libmagic wants a non-null pointer even for an empty buffer.
        var empty: UInt8 = 0
        let result: UnsafePointer<CChar>? = withUnsafeMutablePointer(to: &empty) { emptyPointer in
            let base = bytes.baseAddress ?? UnsafeRawPointer(emptyPointer)
            return magic_buffer(cookie, base, bytes.count)
        }
        return result.map { String(cString: $0) }
    }
}
