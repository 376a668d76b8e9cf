internal import CPlatform
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes a sealed bundle: the old bundle's entries unchanged plus the seal files under
/// `signatures/`, into a temporary file beside the output that is renamed into place only when
/// complete (never a half-written bundle).
///
/// - zip: the old archive's bytes up to its central directory are copied as they are (in the
///   kernel, `copy_file_range`), the seal files are appended as stored entries, then the old
///   central directory (copied as it is) and the new entries' records, then a new end record.
///   Every old entry keeps its exact local header, compressed bytes and CRC, so the copy costs
///   one sequential copy of the file, not a decompression and recompression.
/// - tar.gz: every entry is streamed through libarchive (read, inflated, re-deflated) with its
///   bytes unchanged, and the seal files are appended.
/// - folder: `--in-place` writes each seal file beside a temporary name and renames it; `-o`
///   copies the folder's files into a temporary folder beside the output, renamed when complete.
enum SealedBundleWriter {
    /// One file to add, relative to the bag root.
    typealias Addition = (path: String, bytes: [UInt8])

    /// Writes `source` plus `additions` to `output` (which may be `source` itself).
    /// - Parameter prefix: for a zip, the copy of its entries already started by
    ///   ``ZipPrefixCopy`` (while the bundle was being verified); nil starts one now.
    static func write(source: String, format: VerificationReport.Format, bagName: String, additions: [Addition],
                      output: String, durable: Bool, prefix: ZipPrefixCopy? = nil) throws(SealError) {
        switch format {
        case .zip:
            let copy: ZipPrefixCopy
            if let prefix { copy = prefix } else { copy = try ZipPrefixCopy(source: source, output: output, durable: durable) }
            defer { copy.discard() }
            try copy.wait()
            try ZipAppender.finish(copy, additions: additions.map { ("\(bagName)/\($0.path)", $0.bytes) })
            try copy.commit()
        case .tarGzip:
            try replacingFile(output, durable: durable) { descriptor throws(SealError) in
                try copyTarGzip(source: source, bagName: bagName, additions: additions, to: descriptor, output: output)
            }
        case .tar:
            throw SealError(.io, subject: source, detail: "an uncompressed tar is not a bundle evidence pack writes; seal the zip or tar.gz")
        case .folder:
            if output == source {
                try addInPlace(folder: source, additions: additions)
            } else {
                try copyFolder(source, to: output, additions: additions)
            }
        }
    }

    /// Runs `body` on a temporary file beside `output`, then renames it to `output`.
    private static func replacingFile(_ output: String, durable: Bool, _ body: (Int32) throws(SealError) -> Void) throws(SealError) {
        let temporary: TemporaryBundleFile
        do {
            temporary = try TemporaryBundleFile(beside: output)
        } catch {
            throw SealError(.io, subject: output, detail: (error as? PackError)?.detail ?? "\(error)")
        }
        defer { temporary.discard() }
        try body(temporary.descriptor)
        do {
            try temporary.commit(to: output, durable: durable)
        } catch {
            throw SealError(.io, subject: output, detail: (error as? PackError)?.detail ?? "\(error)")
        }
    }

    // MARK: tar, tar.gz

    private static func copyTarGzip(source: String, bagName: String, additions: [Addition], to descriptor: Int32,
                                output: String) throws(SealError) {
        do {
            try UTF8Locale.run {
                let reader = try ArchiveReader(path: source, formats: .tarGzip)
                var writer: ArchiveWriter?
                var buffer = [UInt8](repeating: 0, count: 256 << 10)
                while let entry = try reader.next() {
                    if let warning = entry.warning { throw ArchiveReadError(detail: warning) }
                    let open = try writer ?? ArchiveWriter(descriptor: descriptor, format: .tarGzip,
                                                           modificationTime: entry.modificationTime ?? 0, hashOutput: false)
                    writer = open
                    guard entry.fileType & 0o170000 == 0o100000, let name = entry.pathname else { continue }
                    try open.beginEntry(path: name, size: UInt64(max(0, entry.declaredSize ?? 0)), compression: .deflate)
                    while true {
                        let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
                        if count == 0 { break }
                        try buffer.withUnsafeBytes { try open.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                    }
                    try open.finishEntry()
                }
                guard let writer else { throw ArchiveReadError(detail: "the archive is empty") }
                for addition in additions {
                    try writer.addEntry(path: "\(bagName)/\(addition.path)", contents: addition.bytes, compression: .deflate)
                }
                _ = try writer.close()
            }
        } catch let error as ArchiveReadError {
            throw SealError(.io, subject: source, detail: error.detail)
        } catch let error as ArchiveWriteError {
            throw SealError(.io, subject: output, detail: error.detail)
        } catch {
            throw SealError(.io, subject: output, detail: "\(error)")
        }
    }

    // MARK: folders

    private static func addInPlace(folder: String, additions: [Addition]) throws(SealError) {
        for addition in additions {
            let target = folder + "/" + addition.path
            try writeFile(target, addition.bytes)
        }
    }

    private static func writeFile(_ target: String, _ bytes: [UInt8]) throws(SealError) {
        let parent = (target as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw SealError(.io, subject: parent, detail: "\(error)")
        }
        let temporary: TemporaryBundleFile
        do {
            temporary = try TemporaryBundleFile(beside: target)
        } catch {
            throw SealError(.io, subject: target, detail: (error as? PackError)?.detail ?? "\(error)")
        }
        defer { temporary.discard() }
        try writeAll(temporary.descriptor, bytes, at: 0, output: target)
        do {
            try temporary.commit(to: target, durable: true)
        } catch {
            throw SealError(.io, subject: target, detail: (error as? PackError)?.detail ?? "\(error)")
        }
    }

    private static func copyFolder(_ source: String, to output: String, additions: [Addition]) throws(SealError) {
        if FileManager.default.fileExists(atPath: output) { throw SealError(.outputExists, subject: output) }
        let parent = (output as NSString).deletingLastPathComponent
        let temporary = (parent.isEmpty ? "" : parent + "/") + ".\((output as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).partial"
        InterruptCleanup.register(temporary)
        defer { InterruptCleanup.unregister(temporary) }
        do {
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: false)
            guard let walker = FileManager.default.enumerator(atPath: source) else {
                throw SealError(.io, subject: source, detail: "cannot list the folder")
            }
            while let relative = walker.nextObject() as? String {
                var info = stat()
                guard lstat(source + "/" + relative, &info) == 0 else { throw SealError(.io, subject: relative, detail: String(cString: strerror(errno))) }
                if info.st_mode & S_IFMT == S_IFDIR {
                    try FileManager.default.createDirectory(atPath: temporary + "/" + relative, withIntermediateDirectories: true)
                } else if info.st_mode & S_IFMT == S_IFREG {
                    try FileManager.default.copyItem(atPath: source + "/" + relative, toPath: temporary + "/" + relative)
                }
            }
            for addition in additions {
                let target = temporary + "/" + addition.path
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard FileManager.default.createFile(atPath: target, contents: Data(addition.bytes)) else {
                    throw SealError(.io, subject: target, detail: "cannot be written")
                }
            }
            guard rename(temporary, output) == 0 else { throw SealError(.io, subject: output, detail: String(cString: strerror(errno))) }
        } catch let error as SealError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw SealError(.io, subject: output, detail: "\(error)")
        }
    }

    /// `pwrite`s all of `bytes` at `offset`.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], at offset: UInt64, output: String) throws(SealError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw SealError(.io, subject: output, detail: String(cString: strerror(errno))) }
            done += n
        }
    }
}

/// Appends stored entries to a zip without touching its existing entries (see
/// ``SealedBundleWriter``). The source has passed verification, so its structure is sound.
enum ZipAppender {
    /// Appends `additions` after the prefix `copy` holds, then the central directory and end records.
    static func finish(_ copy: ZipPrefixCopy, additions: [(name: String, bytes: [UInt8])]) throws(SealError) {
        let end = copy.end, descriptor = copy.temporary.descriptor, output = copy.output, source = copy.source
        guard let file = ByteFile(path: source) else { throw SealError(.io, subject: source, detail: String(cString: strerror(errno))) }
        var offset = end.cdOffset

        // 2. The new entries: stored, UTF-8 names, DOS date 1980-01-01 (as `pack` writes).
        var central: [UInt8] = []
        for addition in additions {
            let name = Array(addition.name.utf8)
            let crc = CRC32.checksum(addition.bytes)
            var local: [UInt8] = []
            local.le32(0x0403_4b50); local.le16(20); local.le16(0x0800); local.le16(0)
            local.le16(0); local.le16(0x0021); local.le32(crc)
            local.le32(UInt32(addition.bytes.count)); local.le32(UInt32(addition.bytes.count))
            local.le16(UInt16(name.count)); local.le16(0)
            local += name
            try SealedBundleWriter.writeAll(descriptor, local + addition.bytes, at: offset, output: output)

            let zip64Offset = offset >= 0xFFFF_FFFF
            var extra: [UInt8] = []
            if zip64Offset { extra.le16(0x0001); extra.le16(8); extra.le64(offset) }
            central.le32(0x0201_4b50); central.le16(0x0314); central.le16(zip64Offset ? 45 : 20); central.le16(0x0800)
            central.le16(0); central.le16(0); central.le16(0x0021); central.le32(crc)
            central.le32(UInt32(addition.bytes.count)); central.le32(UInt32(addition.bytes.count))
            central.le16(UInt16(name.count)); central.le16(UInt16(extra.count)); central.le16(0)
            central.le16(0); central.le16(0); central.le32(0o100644 << 16)
            central.le32(zip64Offset ? 0xFFFF_FFFF : UInt32(offset))
            central += name + extra
            offset += UInt64(local.count + addition.bytes.count)
        }

        // 3. The old central directory as it is, then the new records.
        let cdStart = offset
        try Self.copy(from: file.descriptor, range: end.cdOffset..<(end.cdOffset + end.cdSize), to: descriptor, at: offset,
                      source: source, output: output)
        offset += end.cdSize
        try SealedBundleWriter.writeAll(descriptor, central, at: offset, output: output)
        offset += UInt64(central.count)
        let count = end.count + UInt64(additions.count)
        let cdSize = offset - cdStart

        // 4. The end record (zip64 when the source had one or the numbers need it).
        var tail: [UInt8] = []
        let zip64 = end.zip64 || count >= 0xFFFF || cdSize >= 0xFFFF_FFFF || cdStart >= 0xFFFF_FFFF
        if zip64 {
            let recordOffset = offset
            tail.le32(0x0606_4b50); tail.le64(44); tail.le16(0x032D); tail.le16(45); tail.le32(0); tail.le32(0)
            tail.le64(count); tail.le64(count); tail.le64(cdSize); tail.le64(cdStart)
            tail.le32(0x0706_4b50); tail.le32(0); tail.le64(recordOffset); tail.le32(1)
        }
        tail.le32(0x0605_4b50); tail.le16(0); tail.le16(0)
        tail.le16(zip64 ? 0xFFFF : UInt16(count)); tail.le16(zip64 ? 0xFFFF : UInt16(count))
        tail.le32(zip64 ? 0xFFFF_FFFF : UInt32(cdSize)); tail.le32(zip64 ? 0xFFFF_FFFF : UInt32(cdStart))
        tail.le16(UInt16(end.comment.count))
        tail += end.comment
        try SealedBundleWriter.writeAll(descriptor, tail, at: offset, output: output)
    }

    struct EndRecord {
        var count: UInt64
        var cdSize: UInt64
        var cdOffset: UInt64
        var zip64: Bool
        var comment: [UInt8]
    }

    /// The (last) end of central directory record, and the zip64 one when it is used.
    static func endRecord(_ file: ByteFile, source: String) throws(SealError) -> EndRecord {
        let tailLength = Int(min(file.size, 65_535 + 22))
        let tailStart = file.size - UInt64(tailLength)
        let tail = file.read(at: tailStart, count: tailLength)
        var position = tail.count - 22
        while position >= 0 && !tail.hasSignature(ZipStructure.endSignature, at: position) { position -= 1 }
        guard position >= 0, tail.count == tailLength else { throw SealError(.io, subject: source, detail: "no zip end record") }
        let commentLength = Int(tail.u16(position + 20))
        guard position + 22 + commentLength <= tail.count else { throw SealError(.io, subject: source, detail: "bad zip end record") }
        var record = EndRecord(count: UInt64(tail.u16(position + 10)), cdSize: UInt64(tail.u32(position + 12)),
                               cdOffset: UInt64(tail.u32(position + 16)), zip64: false,
                               comment: Array(tail[(position + 22)..<(position + 22 + commentLength)]))
        if record.count == 0xFFFF || record.cdSize == 0xFFFF_FFFF || record.cdOffset == 0xFFFF_FFFF {
            let endAbsolute = tailStart + UInt64(position)
            let locator = file.read(at: endAbsolute >= 20 ? endAbsolute - 20 : 0, count: 20)
            guard endAbsolute >= 20, locator.hasSignature(ZipStructure.zip64LocatorSignature, at: 0) else {
                throw SealError(.io, subject: source, detail: "zip64 locator missing")
            }
            let zip64 = file.read(at: locator.u64(8), count: 56)
            guard zip64.count == 56, zip64.hasSignature(ZipStructure.zip64EndSignature, at: 0) else {
                throw SealError(.io, subject: source, detail: "zip64 end record missing")
            }
            record = EndRecord(count: zip64.u64(32), cdSize: zip64.u64(40), cdOffset: zip64.u64(48), zip64: true, comment: record.comment)
        }
        guard record.cdOffset + record.cdSize <= file.size else { throw SealError(.io, subject: source, detail: "bad central directory") }
        return record
    }

    /// Copies a byte range between files: in the kernel when it can, else by read/write, in
    /// 8 MiB steps; with `writeback`, each step is handed to the disk at once (so that the final
    /// `fsync` has little left); `cancelled` is asked between steps.
    static func copy(from source: Int32, range: Range<UInt64>, to target: Int32, at targetOffset: UInt64,
                     source sourcePath: String, output: String, writeback: Bool = false,
                     cancelled: () -> Bool = { false }) throws(SealError) {
        var done: UInt64 = 0
        let total = range.upperBound - range.lowerBound
        var kernel = true
        var buffer: [UInt8] = []
        let step: UInt64 = 8 << 20
        while done < total {
            if cancelled() { throw SealError(.io, subject: output, detail: "cancelled") }
            let want = min(total - done, step)
            var copied: UInt64 = 0
            if kernel {
                let n = ek_copy_range(source, Int64(range.lowerBound + done), target, Int64(targetOffset + done), Int64(want))
                if n == 0 { throw SealError(.sourceChanged, subject: sourcePath, detail: "shorter than before") }
                if n > 0 {
                    copied = UInt64(n)
                } else if [ENOSYS, EXDEV, EINVAL, EOPNOTSUPP, EBADF].contains(errno) {
                    kernel = false
                    buffer = [UInt8](repeating: 0, count: Int(step))
                    continue
                } else {
                    throw SealError(.io, subject: output, detail: String(cString: strerror(errno)))
                }
            } else {
                let n = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress!, Int(want), off_t(range.lowerBound + done)) }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw SealError(.io, subject: sourcePath, detail: String(cString: strerror(errno))) }
                if n == 0 { throw SealError(.sourceChanged, subject: sourcePath, detail: "shorter than before") }
                try SealedBundleWriter.writeAll(target, Array(buffer[0..<n]), at: targetOffset + done, output: output)
                copied = UInt64(n)
            }
            // Only a hint: where it fails, the final fsync does the work.
            if writeback { _ = ek_start_writeback(target, Int64(targetOffset + done), Int64(copied)) }
            done += copied
        }
    }
}

/// The first, long part of sealing a zip: copying its bytes up to the central directory into a
/// temporary file beside the output, on a thread of its own, so that it runs while the bundle
/// is verified and the authorities are asked (the copy is the kernel's work, the verification
/// the CPU's). Nothing is renamed into place before ``commit()``; ``discard()`` removes it.
final class ZipPrefixCopy: @unchecked Sendable {
    let source: String
    let output: String
    let durable: Bool
    let temporary: TemporaryBundleFile
    let end: ZipAppender.EndRecord
    private let file: ByteFile
    private let finished = DispatchSemaphore(value: 0)
    private let state = Mutex<(cancelled: Bool, failure: SealError?, waited: Bool)>((false, nil, false))

    /// Starts copying `source`'s entries into a temporary file beside `output`.
    init(source: String, output: String, durable: Bool) throws(SealError) {
        self.source = source
        self.output = output
        self.durable = durable
        guard let opened = ByteFile(path: source) else { throw SealError(.io, subject: source, detail: String(cString: strerror(errno))) }
        file = opened
        end = try ZipAppender.endRecord(opened, source: source)
        do {
            temporary = try TemporaryBundleFile(beside: output)
        } catch {
            throw SealError(.io, subject: output, detail: (error as? PackError)?.detail ?? "\(error)")
        }
        Thread { [self] in run() }.start()
    }

    private func run() {
        do throws(SealError) {
            try ZipAppender.copy(from: file.descriptor, range: 0..<end.cdOffset, to: temporary.descriptor, at: 0,
                                 source: source, output: output, writeback: durable,
                                 cancelled: { self.state.withLock { $0.cancelled } })
        } catch {
            state.withLock { $0.failure = error }
        }
        finished.signal()
    }

    /// Waits for the copy to end.
    /// - Throws: the copy's ``SealError``.
    func wait() throws(SealError) {
        let first = state.withLock { state -> Bool in
            defer { state.waited = true }
            return !state.waited
        }
        if first { finished.wait() }
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }

    /// Renames the finished file into place (after `fsync` when durable).
    func commit() throws(SealError) {
        do {
            try temporary.commit(to: output, durable: durable)
        } catch {
            throw SealError(.io, subject: output, detail: (error as? PackError)?.detail ?? "\(error)")
        }
    }

    /// Stops the copy (if it still runs), waits for it, and removes the temporary file unless
    /// it was committed. Safe to call more than once.
    func discard() {
        state.withLock { $0.cancelled = true }
        try? wait()
        temporary.discard()
    }
}

/// CRC-32 (ISO-HDLC, as zip uses).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var c = UInt32(index)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

extension Array where Element == UInt8 {
    mutating func le16(_ value: UInt16) { append(UInt8(value & 0xFF)); append(UInt8(value >> 8)) }
    mutating func le32(_ value: UInt32) { le16(UInt16(value & 0xFFFF)); le16(UInt16(value >> 16)) }
    mutating func le64(_ value: UInt64) { le32(UInt32(value & 0xFFFF_FFFF)); le32(UInt32(value >> 32)) }
}
