import Foundation
import Yams
#if canImport(Glibc)
import Glibc
#endif

extension CaseFile {
    /// The YAML text of a case, fields in the case file's order (`Docs/case-file.md`).
    public static func yaml(for complaint: ComplaintCase) throws -> String {
        let body = try YAMLEncoder().encode(complaint)
        return "# 案件文件 / case file (Docs/case-file.md)\n" + body
    }

    /// Reads a case file's fields without validating them (a case being put together: files
    /// not uploaded yet, an order number not known yet); nil when it is no case document.
    public static func readFields(path: String) -> ComplaintCase? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return nil }
        return try? YAMLDecoder().decode(ComplaintCase.self, from: text)
    }

    /// Validates `complaint` as a case file of `folder` (as ``load(path:rules:allowOutside:)``
    /// would), then writes it to `folder/case.yaml` atomically (a temporary file, flushed, then
    /// renamed over the old one).
    /// - Returns: the bytes written (whose SHA-256 is the version a front end compares).
    /// - Throws: ``CaseFileError`` listing every error, or `case.cannot-write`.
    @discardableResult
    public static func write(_ complaint: ComplaintCase, folder: String, rules: RuleSet?) throws -> Data {
        let target = folder + "/case.yaml"
        let text = try yaml(for: complaint)
        _ = try parse(text, path: target, folder: folder, rules: rules)
        let data = Data(text.utf8)
        let temporary = folder + "/.case.yaml.\(UUID().uuidString).tmp"
        let nowhere = DocumentLocation(field: "", line: nil, column: nil)
        func failure(_ reason: String) -> CaseFileError {
            CaseFileError(issues: [CaseIssue(.cannotWrite, .error, path: target, location: nowhere,
                                             zh: "无法写入：\(reason)", en: "cannot write it: \(reason)")])
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == data.count, synced, rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw failure(reason)
        }
        return data
    }
}
