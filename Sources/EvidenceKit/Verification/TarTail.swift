/// The end of a tar or tar.gz bundle, which libarchive (like GNU tar) never looks at: it stops
/// at the end-of-archive marker (two zero 512-byte blocks). What follows must be zero padding
/// (tar writers pad to 10,240-byte records; `bsdtar -czf - > file` pads the gzip stream too);
/// anything else is data another reader might see, refused like data after a zip. A marker that
/// is missing means the tar was cut at a block boundary. Also explains why a gzip file's tar
/// could not be read: a damaged gzip stream, or not a tar inside. Streams in fixed chunks.
enum TarTail {
    private static let chunkSize = 256 << 10
    private static let markerSize: UInt64 = 1024

    /// Problems with what surrounds the marker of the tar whose reader stopped at uncompressed
    /// offset `end`. `declaredTotal` (the entries' declared sizes) and the bytes after the
    /// marker count together against the limits, so a bomb hidden after the end is stopped.
    static func check(path: String, file: ByteFile, format: VerificationReport.Format, end: UInt64,
                      declaredTotal: UInt64, limits: VerificationLimits) -> [VerificationProblem] {
        var scan = Scan(end: end)
        if format == .tar {
            // Plain tar: the stream is the file.
            var offset = end >= markerSize ? end - markerSize : 0
            while offset < file.size {
                let bytes = file.read(at: offset, count: chunkSize)
                guard !bytes.isEmpty else { break }
                bytes.withUnsafeBytes { scan.feed($0, at: offset) }
                offset += UInt64(bytes.count)
            }
            return scan.problems(padding: nil)
        }
        do {
            let reader = try ArchiveReader(path: path, formats: .gzipStream)
            _ = try reader.next()
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
            defer { buffer.deallocate() }
            var offset: UInt64 = 0
            while true {
                let count = try reader.read(into: buffer)
                if count == 0 { break }
                scan.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), at: offset)
                offset += UInt64(count)
                if let problem = limits.sizeProblem(expanded: declaredTotal &+ scan.trailing, archiveSize: file.size, entry: nil) {
                    return [problem]
                }
            }
            // After the last gzip member: zero padding only.
            let consumed = UInt64(max(0, reader.compressedBytesRead))
            var padding = Scan(end: consumed)
            var at = consumed
            while at < file.size {
                let bytes = file.read(at: at, count: chunkSize)
                guard !bytes.isEmpty else { break }
                bytes.withUnsafeBytes { padding.feed($0, at: at) }
                at += UInt64(bytes.count)
            }
            return scan.problems(padding: padding)
        } catch let error as ArchiveReadError {
            var problem = gzipProblem(error)
            problem.detail = "after the tar's end-of-archive marker: " + (problem.detail ?? "")
            return [problem]
        } catch {
            return [VerificationProblem(.corrupt, detail: "\(error)")]
        }
    }

    /// Why the tar inside a gzip file could not be recognised: the gzip stream's own damage
    /// (`archive.truncated`, `archive.corrupt`), or nil when the gzip is sound and simply does
    /// not hold a tar. Inflates at most one 64 KiB block (libarchive's gzip output block).
    static func gzipDamage(path: String) -> VerificationProblem? {
        do {
            let reader = try ArchiveReader(path: path, formats: .tarGzipUnbid)
            if try reader.next() == nil, reader.compressedBytesRead == 0 {
                // libarchive stops silently when even the gzip header is incomplete.
                return VerificationProblem(.truncated, detail: "the gzip header is incomplete")
            }
            return nil
        } catch let error as ArchiveReadError {
            // The gzip layer's messages all name it; the tar reader's ("Damaged tar archive")
            // mean the gzip is sound and holds something else.
            return !error.hasMessage || error.detail.lowercased().contains("gzip") ? gzipProblem(error) : nil
        } catch {
            return VerificationProblem(.corrupt, detail: "\(error)")
        }
    }

    /// libarchive's gzip errors: "truncated gzip input", "gzip decompression failed", and a
    /// failure without a message when the 8-byte trailer is missing.
    static func gzipProblem(_ error: ArchiveReadError) -> VerificationProblem {
        guard error.hasMessage else {
            return VerificationProblem(.truncated, detail: "the gzip stream ends without its trailer")
        }
        return BundleReader.classify(error.detail, entry: nil)
    }

    /// Zero checks over a stream fed in order: the marker's 1,024 bytes before `end`, and
    /// everything from `end` on.
    struct Scan {
        let end: UInt64
        var markerZero = true
        /// Bytes from `end` on.
        var trailing: UInt64 = 0
        /// The stream offset of the first non-zero byte from `end` on.
        var firstNonZero: UInt64?
        /// The stream's length seen so far.
        var length: UInt64 = 0

        init(end: UInt64) { self.end = end }

        mutating func feed(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) {
            length = offset + UInt64(bytes.count)
            if length > end { trailing = length - end }
            let markerStart = end >= markerSize ? end - markerSize : 0
            guard length > markerStart else { return }
            // The marker's bytes in this chunk.
            let from = Int(markerStart > offset ? markerStart - offset : 0)
            let split = Int(min(UInt64(bytes.count), end > offset ? end - offset : 0))
            if from < split, Scan.firstNonZero(bytes, from, split) != nil { markerZero = false }
            // The bytes after the marker.
            if firstNonZero == nil, let index = Scan.firstNonZero(bytes, split, bytes.count) {
                firstNonZero = offset + UInt64(index)
            }
        }

        /// The index of the first non-zero byte in `bytes[from..<to]`, eight bytes at a time.
        static func firstNonZero(_ bytes: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Int? {
            var index = from
            while index < to && index % 8 != 0 {
                if bytes[index] != 0 { return index }
                index += 1
            }
            while index + 8 <= to {
                if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) != 0 { break }
                index += 8
            }
            while index < to {
                if bytes[index] != 0 { return index }
                index += 1
            }
            return nil
        }

        /// `archive.data-after-end` for non-zero bytes after the marker (or after the gzip
        /// stream: `padding`), else `archive.truncated` for a missing marker.
        func problems(padding: Scan?) -> [VerificationProblem] {
            if let firstNonZero {
                return [VerificationProblem(.dataAfterEnd, found: String(length - firstNonZero),
                                            detail: "first at byte \(firstNonZero) of the tar stream; its end-of-archive marker ends at byte \(end)")]
            }
            if let padding, let first = padding.firstNonZero {
                return [VerificationProblem(.dataAfterEnd, found: String(padding.length - first),
                                            detail: "first at byte \(first) of the file; the gzip stream ends at byte \(padding.end)")]
            }
            if end < markerSize || !markerZero {
                return [VerificationProblem(.truncated, detail: "the tar stream ends without its end-of-archive marker (two zero 512-byte blocks)")]
            }
            return []
        }
    }
}
