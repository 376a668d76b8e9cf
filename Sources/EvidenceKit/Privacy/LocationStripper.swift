internal import Crypto
import Foundation
internal import CDecoders
#if canImport(Glibc)
import Glibc
#endif

/// A privacy transform applied to an evidence file when it was packed (PRODUCT.md, bundle
/// format: `data/` holds the originals unless the user asked for a privacy transform, then both
/// hashes are recorded). Recorded per item in `evidence.json` as `transform`, with the
/// original's SHA-256 in `original_sha256`.
public struct PrivacyTransform: Sendable, Codable, Hashable {
    /// What was done.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// `pack --strip-location`: the EXIF GPS IFD removed, the image data untouched.
        case stripLocation = "strip-location"
    }

    /// What was done.
    public var kind: Kind
    /// What was removed (`["GPS"]`: the EXIF GPS IFD).
    public var removed: [String]

    /// Creates a transform record.
    public init(kind: Kind, removed: [String]) {
        self.kind = kind
        self.removed = removed
    }
}

/// Removes the EXIF GPS IFD from JPEG, PNG and WebP photos without touching the image data:
/// only the EXIF block (JPEG APP1, PNG `eXIf`, WebP `EXIF`) is re-serialised with libexif
/// (WebP's container with libwebpmux); every other byte is kept. HEIC/AVIF are not changed.
public enum LocationStripper {
    /// Photos larger than this are not copied in memory: `strip(_:)` refuses them.
    public static let maxBytes = 64 << 20

    /// The formats whose location can be removed.
    public enum Format: String, Sendable, CaseIterable {
        case jpeg, png, webp
    }

    /// The outcome of ``strip(_:)``.
    public enum Outcome: Sendable, Equatable {
        /// No GPS entries: the file is packed as it is.
        case unchanged
        /// The copy without GPS; `entries` GPS tags were removed.
        case stripped(bytes: [UInt8], entries: Int)
        /// The EXIF could not be rewritten without loss (the reason, from libexif/libwebpmux).
        case failed(String)
    }

    /// The format of a file from its first bytes; nil for anything else (HEIC/AVIF included).
    public static func format(of bytes: some Collection<UInt8>) -> Format? {
        let head = Array(bytes.prefix(12))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.count == 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    /// A copy of `bytes` (a JPEG, PNG or WebP file) without its EXIF GPS IFD.
    public static func strip(_ bytes: [UInt8]) -> Outcome {
        guard let format = format(of: bytes) else { return .unchanged }
        guard bytes.count <= maxBytes else { return .failed("larger than \(maxBytes >> 20) MiB") }
        var result = ek_strip_result()
        let cFormat: ek_image_format = switch format {
        case .jpeg: .jpeg
        case .png: .png
        case .webp: .webp
        }
        bytes.withUnsafeBufferPointer { ek_strip_location($0.baseAddress, $0.count, cFormat, &result) }
        defer { ek_strip_result_free(&result) }
        guard result.status == .valid else {
            return .failed(string(fromCCharArray: result.message))
        }
        guard result.removed > 0, let copy = result.bytes else { return .unchanged }
        return .stripped(bytes: Array(UnsafeBufferPointer(start: copy, count: result.count)), entries: Int(result.removed))
    }
}

/// The copies `pack --strip-location` makes: each JPEG/PNG/WebP source with GPS is read once,
/// stripped in memory and written to a private temporary file beside the output (mode 0600,
/// removed on interruption like the bundle's own temporary file), which is then packed in
/// place of the original. The original is only read.
final class LocationCopies {
    struct Copy {
        /// The file to pack.
        var path: String
        var originalSHA256: String
        /// The position the original held (for the privacy report).
        var latitude: Double?
        var longitude: Double?
    }

    /// Per source index, the copy packed instead of the original.
    private(set) var copies: [Int: Copy] = [:]

    /// Makes the copies for `sources`.
    /// - Throws: ``PackError`` `pack.location-not-removed` naming the file when a photo with
    ///   GPS cannot be rewritten; `pack.io` when a copy cannot be written.
    init(sources: [PackSource], output: String) throws {
        do {
            for (index, source) in sources.enumerated() {
                guard let original = try Self.readPhoto(source) else { continue }
                switch LocationStripper.strip(original) {
                case .unchanged:
                    continue
                case .failed(let reason):
                    throw PackError(.locationNotRemoved, path: source.item.file, detail: reason)
                case .stripped(let bytes, _):
                    var metadata = FileMetadata()
                    Self.readEXIF(original, into: &metadata)
                    let path = try Self.write(bytes, beside: output)
                    copies[index] = Copy(path: path, originalSHA256: SHA256.hash(data: original).map { String(format: "%02x", $0) }.joined(),
                                         latitude: metadata.gpsLatitude, longitude: metadata.gpsLongitude)
                }
            }
        } catch {
            discard()
            throw error
        }
    }

    /// Removes every copy. Safe to call twice.
    func discard() {
        for copy in copies.values {
            unlink(copy.path)
            InterruptCleanup.unregister(copy.path)
        }
        copies = [:]
    }

    /// The whole file when it is a regular JPEG/PNG/WebP (checked on the open descriptor); nil
    /// for anything else (the packer then reads and judges it).
    /// - Throws: `pack.location-not-removed` for a JPEG/PNG/WebP larger than
    ///   ``LocationStripper/maxBytes``: it might hold a position that would go out.
    private static func readPhoto(_ source: PackSource) throws -> [UInt8]? {
        let descriptor = open(source.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 12 else { return nil }
        if info.st_size > LocationStripper.maxBytes {
            var head = [UInt8](repeating: 0, count: 12)
            let count = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, 12, 0) }
            guard count == 12, LocationStripper.format(of: head) != nil else { return nil }
            throw PackError(.locationNotRemoved, path: source.item.file, detail: "larger than \(LocationStripper.maxBytes >> 20) MiB")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + done, $0.count - done) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            done += count
        }
        return LocationStripper.format(of: bytes) == nil ? nil : bytes
    }

    /// EXIF of an in-memory JPEG/PNG/WebP (for the position the original held).
    static func readEXIF(_ bytes: [UInt8], into metadata: inout FileMetadata) {
        switch LocationStripper.format(of: bytes) {
        case .jpeg:
            bytes.withUnsafeBytes { EXIFReader.read($0, into: &metadata) }
        case .png:
            var offset = 0, size = 0
            let found = bytes.withUnsafeBufferPointer { ek_png_exif_block($0.baseAddress, $0.count, &offset, &size) }
            if found != 0 { (Array("Exif\0\0".utf8) + bytes[offset..<(offset + size)]).withUnsafeBytes { EXIFReader.read($0, into: &metadata) } }
        case .webp:
            var c = InspectionLimits().decoderLimits
            var result = ek_webp_result()
            bytes.withUnsafeBufferPointer { ek_webp_check($0.baseAddress, $0.count, &c, &result) }
            if result.exif_size > 0, result.exif_offset + result.exif_size <= UInt64(bytes.count) {
                let payload = bytes[Int(result.exif_offset)..<Int(result.exif_offset + result.exif_size)]
                let block = payload.starts(with: Array("Exif\0\0".utf8)) ? Array(payload) : Array("Exif\0\0".utf8) + payload
                block.withUnsafeBytes { EXIFReader.read($0, into: &metadata) }
            }
        case nil:
            break
        }
    }

    private static func write(_ bytes: [UInt8], beside output: String) throws -> String {
        let folder = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        for _ in 0..<8 {
            let candidate = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).private"
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            if descriptor < 0 {
                if errno == EEXIST { continue }
                throw PackError(.io, path: output, detail: String(cString: strerror(errno)))
            }
            InterruptCleanup.register(candidate)
            defer { close(descriptor) }
            var done = 0
            while done < bytes.count {
                let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + done, $0.count - done) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else {
                    let reason = String(cString: strerror(errno))
                    unlink(candidate)
                    InterruptCleanup.unregister(candidate)
                    throw PackError(.io, path: output, detail: reason)
                }
                done += count
            }
            return candidate
        }
        throw PackError(.io, path: output, detail: "cannot create a private temporary file")
    }
}
