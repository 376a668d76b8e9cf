internal import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Read text cached on disk by content: the key is the SHA-256 of the file's bytes plus the
/// engine and language-data versions and how the text was read, so a change of any of them
/// never reuses an old result. One small JSON file per entry under `read-v1/` in the cache
/// folder, written atomically (temporary file + rename); unreadable or mismatching entries are
/// ignored; the folder is kept under ``maxBytes`` by deleting the least recently used entries.
/// Safe to share between threads and processes (every write is a rename; a racing deletion is
/// a miss).
struct ReadCache {
    /// Entry layout version (part of the folder name).
    static let formatVersion = 1
    /// Default bound of the cache folder's size.
    static let defaultMaxBytes: UInt64 = 64 << 20
    /// An entry larger than this is not read (a damaged or planted file).
    static let maxEntryBytes = 4 << 20

    let folder: String
    let maxBytes: UInt64

    /// The cache folder for `directory` (nil: `$XDG_CACHE_HOME/evidence`, or
    /// `$HOME/.cache/evidence`); nil when no folder can be named.
    init?(directory: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
          maxBytes: UInt64 = ReadCache.defaultMaxBytes) {
        let base: String
        if let directory, !directory.isEmpty {
            base = directory
        } else if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg + "/evidence"
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = home + "/.cache/evidence"
        } else {
            return nil
        }
        folder = base + "/read-v\(ReadCache.formatVersion)"
        self.maxBytes = maxBytes
    }

    /// The key of `content` read with `recipe` (engine names, data versions, options).
    static func key(content: [UInt8], recipe: String) -> String {
        var hasher = SHA256()
        hasher.update(data: content)
        let contentDigest = hasher.finalize()
        var keyHasher = SHA256()
        keyHasher.update(data: Array("evidence-read\n".utf8))
        keyHasher.update(data: Array(contentDigest))
        keyHasher.update(data: Array("\n\(recipe)".utf8))
        return keyHasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    private struct Entry: Codable {
        var formatVersion: Int
        var key: String
        var text: ReadText
        enum CodingKeys: String, CodingKey {
            case key, text
            case formatVersion = "format_version"
        }
    }

    func path(for key: String) -> String {
        "\(folder)/\(key.prefix(2))/\(key).json"
    }

    /// The cached text for `key`, or nil (missing, unreadable, damaged, another key).
    func lookup(_ key: String) -> ReadText? {
        let file = path(for: key)
        guard let bytes = ByteFile(path: file), bytes.size <= UInt64(ReadCache.maxEntryBytes) else { return nil }
        let data = Data(bytes.read(at: 0, count: Int(bytes.size)))
        guard let entry = try? JSONDecoder().decode(Entry.self, from: data),
              entry.formatVersion == ReadCache.formatVersion, entry.key == key else { return nil }
        // Mark it used: eviction removes the least recently used entries first.
        _ = utimensat(AT_FDCWD, file, nil, 0)
        return entry.text
    }

    /// Stores `text` under `key`; failures are ignored (the cache only saves time).
    func store(_ text: ReadText, key: String) {
        let file = path(for: key)
        let directory = (file as NSString).deletingLastPathComponent
        guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                         attributes: [.posixPermissions: 0o700])) != nil else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(Entry(formatVersion: ReadCache.formatVersion, key: key, text: text)) else { return }
        let temporary = "\(file).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, file) != 0 { unlink(temporary) }
    }

    /// Deletes the least recently used entries until the folder holds at most 80% of
    /// ``maxBytes``, when it holds more than ``maxBytes``.
    func evictIfNeeded() {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return }
        var entries: [(path: String, size: UInt64, used: Double)] = []
        var total: UInt64 = 0
        while let relative = enumerator.nextObject() as? String {
            let full = folder + "/" + relative
            var info = stat()
            guard lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let size = UInt64(info.st_size)
            total += size
            entries.append((full, size, Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9))
        }
        guard total > maxBytes else { return }
        let goal = maxBytes / 5 * 4
        for entry in entries.sorted(by: { $0.used < $1.used }) {
            if total <= goal { break }
            if unlink(entry.path) == 0 { total -= entry.size }
        }
    }
}
