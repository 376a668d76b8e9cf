import Crypto
import EvidenceKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The cases folder of `evidence serve`: one sub-folder per case (its id), each holding
/// `case.yaml`, the evidence files, `.removed/` (files taken out, never deleted), `.bundles/`
/// (packed bundles, outside the evidence) and `.exports/` (one folder per export, written by the
/// export routes). Every change of a case file goes through
/// ``CaseFile/write(_:folder:rules:)`` (validated, atomic), one change at a time.
public actor CaseStore {
    /// The cases folder.
    public nonisolated let root: String
    /// The rules categories are checked against.
    public nonisolated let rules: RuleSet

    public init(root: String, rules: RuleSet) {
        self.root = root
        self.rules = rules
    }

    /// One line of `GET /api/v1/cases`.
    public struct Summary: Encodable, Sendable {
        public var id: String
        public var category: String?
        public var orderID: String?
        public var shop: String?
        public var item: String?
        public var updatedAt: String
        public var version: String
    }

    /// `GET /api/v1/cases/{id}`: the case's fields, its version, the files in its folder and the
    /// newest packed bundle (`latest_bundle`, null before the first pack: exports use it when set).
    public struct Document: Encodable, Sendable {
        public var id: String
        public var version: String
        public var `case`: ComplaintCase
        public var files: [String]
        public var latestBundle: PackedBundle?

        enum CodingKeys: String, CodingKey { case id, version, `case`, files, latestBundle }

        /// Every key, `latest_bundle` as null when there is none (the page tells "not packed yet" from it).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(version, forKey: .version)
            try container.encode(`case`, forKey: .case)
            try container.encode(files, forKey: .files)
            try container.encode(latestBundle, forKey: .latestBundle)
        }
    }

    /// A packed bundle in a case's `.bundles/`: its file name and when it was written (ISO 8601).
    public struct PackedBundle: Encodable, Sendable, Equatable {
        public var name: String
        public var packedAt: String
    }

    /// The newest bundle (`.zip` or `.tar.gz`) in the case folder's `.bundles/`, or nil when it was never packed.
    public nonisolated func latestBundle(in folder: String) -> (path: String, modified: Date)? {
        let bundles = folder + "/.bundles"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: bundles)) ?? []
        let dated = names.filter { $0.hasSuffix(".zip") || $0.hasSuffix(".tar.gz") }.compactMap { name -> (String, Date)? in
            guard let date = (try? FileManager.default.attributesOfItem(atPath: bundles + "/" + name))?[.modificationDate] as? Date else { return nil }
            return (bundles + "/" + name, date)
        }
        return dated.max(by: { $0.1 < $1.1 }).map { (path: $0.0, modified: $0.1) }
    }

    /// The case file's names that are not evidence.
    static let caseFileNames: Set<String> = ["case.yaml", "case.yml", "case.json"]

    /// The SHA-256 (hex) of bytes: a case file's version.
    public nonisolated static func version(of data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Every case (folders holding case.yaml), by id.
    public nonisolated func list() -> [Summary] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().compactMap { name -> Summary? in
            guard !name.hasPrefix("."), let data = FileManager.default.contents(atPath: root + "/" + name + "/case.yaml") else { return nil }
            let fields = CaseFile.readFields(path: root + "/" + name + "/case.yaml")
            let modified = (try? FileManager.default.attributesOfItem(atPath: root + "/" + name + "/case.yaml"))?[.modificationDate] as? Date
            return Summary(id: name, category: fields?.category, orderID: fields?.orderID, shop: fields?.shop, item: fields?.item,
                           updatedAt: ISO8601DateFormatter().string(from: modified ?? Date(timeIntervalSince1970: 0)),
                           version: Self.version(of: data))
        }
    }

    /// The folder of case `id`: 400 for a name that is not a plain folder name, 404 when there is no such case.
    public nonisolated func folder(_ id: String) throws -> String {
        let name = try SafeFileName.check(id)
        let folder = root + "/" + name
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, FileManager.default.fileExists(atPath: folder + "/case.yaml") else {
            throw APIError(.notFound, code: "serve.no-case", zh: "没有案件“\(name)”。", en: "there is no case “\(name)”.", file: name)
        }
        return folder
    }

    /// The case document of `id`.
    public nonisolated func document(_ id: String) throws -> Document {
        let folder = try folder(id)
        guard let data = FileManager.default.contents(atPath: folder + "/case.yaml") else {
            throw APIError(.notFound, code: "serve.no-case", zh: "没有案件“\(id)”。", en: "there is no case “\(id)”.", file: id)
        }
        guard let fields = CaseFile.readFields(path: folder + "/case.yaml") else {
            // Not even its fields can be read: the library says why, line by line.
            do { _ = try CaseFile.load(path: folder, rules: rules) } catch { throw APIError.from(error, file: "case.yaml") }
            throw APIError(.unprocessableContent, code: "serve.case-invalid", zh: "case.yaml 无法读取。", en: "case.yaml cannot be read.",
                           file: "case.yaml")
        }
        let packed = latestBundle(in: folder).map { newest in
            PackedBundle(name: (newest.path as NSString).lastPathComponent, packedAt: ISO8601DateFormatter().string(from: newest.modified))
        }
        return Document(id: id, version: Self.version(of: data), case: fields, files: evidenceFiles(in: folder), latestBundle: packed)
    }

    /// The evidence files of a case folder: regular, visible files other than the case file.
    public nonisolated func evidenceFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in
            var info = stat()
            return !name.hasPrefix(".") && !Self.caseFileNames.contains(name) && lstat(folder + "/" + name, &info) == 0
                && info.st_mode & S_IFMT == S_IFREG
        }.sorted()
    }

    /// Bytes of the evidence files of a folder (for the per-case limit).
    public nonisolated func evidenceBytes(in folder: String) -> Int64 {
        evidenceFiles(in: folder).reduce(0) { total, name in
            var info = stat()
            return total + (lstat(folder + "/" + name, &info) == 0 ? Int64(info.st_size) : 0)
        }
    }

    /// Creates a case folder named after `title` (or the category and the time), `title (2)` when
    /// taken, with a case file of that category.
    public func create(category: String, title: String?) throws -> Document {
        guard rules.category(category) != nil else {
            let known = rules.categories.map(\.id).joined(separator: ", ")
            throw APIError(.unprocessableContent, code: "serve.unknown-category", zh: "没有类别“\(category)”。可用类别：\(known)",
                           en: "no category “\(category)”. Known categories: \(known)")
        }
        let now = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date())
        let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", now.year ?? 0, now.month ?? 0, now.day ?? 0,
                           now.hour ?? 0, now.minute ?? 0, now.second ?? 0)
        let name = try SafeFileName.check(title.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? "\(category)-\(stamp)")
        for n in 1...1000 {
            let id = SafeFileName.numbered(name, n)
            if mkdir(root + "/" + id, 0o755) == 0 {
                do {
                    try CaseFile.write(ComplaintCase(category: category), folder: root + "/" + id, rules: rules)
                } catch {
                    rmdir(root + "/" + id)
                    throw APIError.from(error, file: "case.yaml")
                }
                return try document(id)
            }
            if errno != EEXIST {
                throw APIError(.internalServerError, code: "serve.cannot-write", zh: "无法创建案件文件夹：\(String(cString: strerror(errno)))",
                               en: "cannot create the case folder: \(String(cString: strerror(errno)))", file: id)
            }
        }
        throw APIError(.conflict, code: "serve.name-taken", zh: "同名案件过多。", en: "too many cases of that name.", file: name)
    }

    /// Replaces the fields of case `id` when `expected` is its current version: 409 when it is
    /// stale, 422 (with the problems) when the fields do not validate.
    public func update(_ id: String, expected: String?, with complaint: ComplaintCase) throws -> Document {
        let folder = try folder(id)
        let current = Self.version(of: FileManager.default.contents(atPath: folder + "/case.yaml") ?? Data())
        guard let expected else {
            throw APIError(.preconditionRequired, code: "serve.if-match-required",
                           zh: "缺少 If-Match 头：请带上读取案件时得到的 version。", en: "If-Match is missing: send the version you read the case with.",
                           file: "case.yaml")
        }
        guard expected.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) == current else {
            throw APIError(.conflict, code: "serve.version-conflict",
                           zh: "案件已在别处（另一个标签页）被修改。请重新载入后再保存。",
                           en: "the case was changed elsewhere (another tab). Reload it, then save again.", file: "case.yaml",
                           extra: ["version": JSONFragment(current)])
        }
        do {
            try CaseFile.write(complaint, folder: folder, rules: rules)
        } catch {
            throw APIError.from(error, file: "case.yaml")
        }
        return try document(id)
    }

    /// Applies `change` to the current fields of case `id` and writes them (uploads add their
    /// entry, removals drop it); the fields need not validate yet beyond what the change makes.
    public func amend(_ id: String, _ change: (inout ComplaintCase) -> Void) throws -> Document {
        let folder = try folder(id)
        var fields = try document(id).case
        change(&fields)
        do {
            try CaseFile.write(fields, folder: folder, rules: rules)
        } catch {
            throw APIError.from(error, file: "case.yaml")
        }
        return try document(id)
    }
}
