import Foundation
import Hummingbird
#if canImport(Glibc)
import Glibc
#endif

/// Names a stranger's upload may be stored under.
public enum SafeFileName {
    /// The name normalised to NFC and trimmed, or a 400 error when it could reach another
    /// folder or hide: empty, `.`/`..`, any `/` or `\`, NUL or another control character, a
    /// leading dot, longer than 255 bytes.
    public static func check(_ raw: String, prefix: String = "serve") throws -> String {
        let name = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
        func refuse(_ zh: String, _ en: String) -> APIError {
            APIError(.badRequest, code: "\(prefix).bad-name", zh: "文件名“\(printable(raw))”不可用：\(zh)。请换一个文件名。",
                     en: "the file name “\(printable(raw))” cannot be used: \(en). Use another name.", file: printable(raw))
        }
        if name.isEmpty { throw refuse("为空", "it is empty") }
        if name.contains("/") || name.contains("\\") { throw refuse("含有路径分隔符", "it contains a path separator") }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format && $0.value != 0x200D }) {
            throw refuse("含有控制字符", "it contains control characters")
        }
        if name.hasPrefix(".") { throw refuse("以点开头（隐藏文件或上级目录）", "it starts with a dot (hidden file or parent folder)") }
        if name.utf8.count > 255 { throw refuse("超过 255 字节", "it is longer than 255 bytes") }
        return name
    }

    /// The name with control characters shown as `?`, for messages.
    static func printable(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }.prefix(300)))
    }

    /// `name` for the n-th copy: `photo.jpg`, `photo (2).jpg`, `photo (3).jpg`...
    public static func numbered(_ name: String, _ n: Int) -> String {
        guard n > 1 else { return name }
        let ext = (name as NSString).pathExtension
        let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        return ext.isEmpty || stem.isEmpty ? "\(name) (\(n))" : "\(stem) (\(n)).\(ext)"
    }
}

/// Streams a request body into a hidden temporary file with a byte limit, then gives it its
/// final name without ever replacing a file (`link(2)` fails on an existing name). An upload
/// that is too large, fails or is interrupted leaves nothing behind.
public enum UploadSpool {
    /// The temporary files' name prefix (hidden, so listings and walks skip them).
    public static let temporaryPrefix = ".upload-"

    /// Writes `body` to a new hidden file in `folder`: 413 as soon as more than `limit` bytes
    /// arrive. The caller renames or removes the file.
    /// - Returns: the temporary file's path and the number of bytes written.
    public static func spool(_ body: RequestBody, into folder: String, limit: Int64, prefix: String = "serve",
                             file: String? = nil) async throws -> (path: String, size: Int64) {
        let path = folder + "/" + temporaryPrefix + UUID().uuidString + ".part"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw APIError(.internalServerError, code: "\(prefix).cannot-write", zh: "无法写入临时文件：\(String(cString: strerror(errno)))",
                           en: "cannot write a temporary file: \(String(cString: strerror(errno)))", file: file)
        }
        var size: Int64 = 0
        do {
            for try await buffer in body {
                size += Int64(buffer.readableBytes)
                if size > limit {
                    throw APIError(.contentTooLarge, code: "\(prefix).too-large",
                                   zh: "文件超过上限 \(limit) 字节，未保存。", en: "the file is larger than the limit of \(limit) bytes and was not stored.",
                                   file: file)
                }
                try buffer.withUnsafeReadableBytes { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            throw APIError(.internalServerError, code: "\(prefix).cannot-write",
                                           zh: "写入失败：\(String(cString: strerror(errno)))", en: "writing failed: \(String(cString: strerror(errno)))", file: file)
                        }
                        offset += written
                    }
                }
            }
            guard fsync(descriptor) == 0 else {
                throw APIError(.internalServerError, code: "\(prefix).cannot-write", zh: "写入失败（fsync）。", en: "writing failed (fsync).", file: file)
            }
            close(descriptor)
            return (path, size)
        } catch {
            close(descriptor)
            unlink(path)
            throw error
        }
    }

    /// Gives the temporary file `temporary` the name `name` in `folder`, or `name (2)`, `name (3)`...
    /// when taken; never replaces a file.
    /// - Returns: the name it got.
    public static func place(_ temporary: String, in folder: String, as name: String, prefix: String = "serve") throws -> String {
        defer { unlink(temporary) }
        for n in 1...10_000 {
            let candidate = SafeFileName.numbered(name, n)
            if link(temporary, folder + "/" + candidate) == 0 { return candidate }
            if errno != EEXIST {
                throw APIError(.internalServerError, code: "\(prefix).cannot-write", zh: "无法保存文件：\(String(cString: strerror(errno)))",
                               en: "cannot store the file: \(String(cString: strerror(errno)))", file: name)
            }
        }
        throw APIError(.conflict, code: "\(prefix).name-taken", zh: "同名文件过多。", en: "too many files of that name.", file: name)
    }

    /// Removes temporary files an earlier run left (killed mid-upload) from `folder`.
    public static func sweep(_ folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(temporaryPrefix) && name.hasSuffix(".part") { unlink(folder + "/" + name) }
    }
}
