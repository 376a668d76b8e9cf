import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads `case.yaml` / `case.json` (`Docs/case-file.md`) with Yams'
/// node API, so every problem names its line and field, and validates it: known category and
/// roles, real readable files, real dates, a sane amount and order number, no duplicates.
public enum CaseFile {
    /// Fields a case file may have at the top level.
    static let topLevelFields: Set<String> = [
        "platform", "category", "order_id", "shop", "item", "amount_paid", "ordered_at", "received_at", "found_at",
        "claim", "description", "durable", "complainant", "evidence",
    ]

    /// Loads and validates a case file.
    /// - Parameters:
    ///   - path: a `case.yaml`/`case.json`, or a folder holding `case.yaml` (or `case.json`).
    ///   - rules: the rules that define the known categories (default: the bundled rules).
    ///   - allowOutside: accept evidence files outside the case folder or reached through a
    ///     symbolic link (`--allow-outside`); each is then listed in ``LoadedCase/outsideFiles``.
    ///     Without it such files are errors (`case.file-outside-case`, `case.file-symlink`).
    /// - Returns: the case with its files resolved, and any warnings.
    /// - Throws: ``CaseFileError`` listing every error, each with file, line and field.
    public static func load(path: String, rules: RuleSet? = nil, allowOutside: Bool = false) throws -> LoadedCase {
        let file = try locate(path)
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw CaseFileError(issues: [CaseIssue(.unreadable, .error, path: file, location: DocumentLocation(field: "", line: nil, column: nil),
                                                       zh: "不是 UTF-8 文本。请用 UTF-8 编码保存。", en: "not UTF-8 text. Save it as UTF-8.")])
            }
            text = decoded
        } catch let error as CaseFileError {
            throw error
        } catch {
            throw CaseFileError(issues: [CaseIssue(.unreadable, .error, path: file, location: DocumentLocation(field: "", line: nil, column: nil),
                                                   zh: "无法读取：\((error as NSError).localizedDescription)", en: "cannot read it: \((error as NSError).localizedDescription)")])
        }
        let folder = (file as NSString).deletingLastPathComponent
        return try parse(text, path: file, folder: folder.isEmpty ? "." : folder, rules: rules ?? (try? RuleSet.bundled()),
                         allowOutside: allowOutside)
    }

    /// The case file a command-line argument names.
    static func locate(_ path: String) throws -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CaseFileError(issues: [CaseIssue(.unreadable, .error, path: path, location: DocumentLocation(field: "", line: nil, column: nil),
                                                   zh: "找不到这个案件文件或文件夹。请检查路径，或用 evidence init 生成 case.yaml。",
                                                   en: "no such case file or folder. Check the path, or create case.yaml with `evidence init`.")])
        }
        guard isFolder.boolValue else { return path }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        for name in ["case.yaml", "case.yml", "case.json"] where FileManager.default.fileExists(atPath: base + "/" + name) {
            return base + "/" + name
        }
        throw CaseFileError(issues: [CaseIssue(.unreadable, .error, path: base, location: DocumentLocation(field: "", line: nil, column: nil),
                                               zh: "该文件夹中没有 case.yaml。请运行 evidence init \(base) 生成一个。",
                                               en: "this folder holds no case.yaml. Run `evidence init \(base)` to create one.")])
    }

    /// Parses and validates case text.
    /// - Parameters:
    ///   - text: YAML or JSON.
    ///   - path: the file name used in messages.
    ///   - folder: the folder item paths are relative to.
    ///   - rules: the rules defining known categories; nil skips the category check.
    ///   - allowOutside: accept files outside the folder or reached through a symbolic link
    ///     (listed in ``LoadedCase/outsideFiles``); by default they are errors.
    public static func parse(_ text: String, path: String, folder: String, rules: RuleSet?, allowOutside: Bool = false) throws -> LoadedCase {
        var parser = CaseParser(path: path, folder: folder, rules: rules)
        parser.allowOutside = allowOutside
        do {
            guard let root = try DocumentNode.parse(text) else {
                throw DocumentProblem(kind: .syntax("the file is empty"), location: DocumentLocation(field: "", line: nil, column: nil))
            }
            let loaded = try parser.read(root)
            let errors = parser.issues.filter { $0.severity == .error }
            if !errors.isEmpty { throw CaseFileError(issues: errors) }
            return loaded
        } catch let problem as DocumentProblem {
            parser.report(problem)
            throw CaseFileError(issues: parser.issues.filter { $0.severity == .error })
        }
    }
}

/// Walks a case document, collecting every problem.
private struct CaseParser {
    let path: String
    let folder: String
    let rules: RuleSet?
    var issues: [CaseIssue] = []
    /// Accept files outside the folder or through links, recording them in `outside`.
    var allowOutside = false
    var outside: [OutsideEvidence] = []

    init(path: String, folder: String, rules: RuleSet?) {
        self.path = path
        self.folder = folder
        self.rules = rules
    }

    mutating func add(_ code: CaseIssue.Code, _ severity: CaseIssue.Severity, _ location: DocumentLocation, zh: String, en: String) {
        issues.append(CaseIssue(code, severity, path: path, location: location, zh: zh, en: en))
    }

    mutating func report(_ problem: DocumentProblem) {
        switch problem.kind {
        case .syntax(let detail):
            add(.syntax, .error, problem.location, zh: "不是有效的 YAML/JSON：\(detail)。请检查缩进和引号。", en: "not valid YAML/JSON: \(detail). Check indentation and quotes.")
        case .missingField:
            add(.missingField, .error, problem.location, zh: "缺少必填字段。", en: "this required field is missing.")
        case .wrongType(let expected):
            let zhType = ["mapping": "键值映射", "list": "列表", "text": "文本", "true or false": "true 或 false", "integer": "整数"][expected] ?? expected
            add(.wrongType, .error, problem.location, zh: "类型错误：应为\(zhType)。", en: "wrong type: expected \(expected).")
        case .invalidValue(let detail):
            add(.invalidValue, .error, problem.location, zh: "取值无效：\(detail)", en: "invalid value: \(detail)")
        case .duplicateKey:
            add(.duplicateKey, .error, problem.location, zh: "字段重复出现：每个字段只能写一次。", en: "this field appears more than once: write each field once.")
        case .unknownField:
            add(.unknownField, .warning, problem.location, zh: "未知字段（拼写错误？），已忽略。", en: "unknown field (a typo?), ignored.")
        }
    }

    /// Reads an optional text field, recording a type problem instead of stopping.
    mutating func text(_ node: DocumentNode, _ key: String) -> String? {
        do {
            return try node.optional(key)?.string()
        } catch {
            report(error)
            return nil
        }
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: DocumentNode, _ key: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let valueNode = try? node.optional(key) else { return nil }
        guard let raw = try? valueNode.string() else {
            report(valueNode.problem(.wrongType(expected: "text")))
            return nil
        }
        if let value = T(rawValue: raw) { return value }
        let allowed = T.allCases.map(\.rawValue).joined(separator: " | ")
        add(.invalidValue, .error, valueNode.location, zh: "“\(raw)”不是可用的取值；可用：\(allowed)。", en: "“\(raw)” is not allowed here; use one of: \(allowed).")
        return nil
    }

    mutating func read(_ root: DocumentNode) throws -> LoadedCase {
        for entry in try root.entries() where !CaseFile.topLevelFields.contains(entry.key) {
            add(.unknownField, .warning, entry.keyLocation, zh: "未知字段“\(entry.key)”（拼写错误？），已忽略。",
                en: "unknown field “\(entry.key)” (a typo?), ignored.")
        }
        let categoryNode = try root.required("category")
        let category = try categoryNode.string()
        var complaint = ComplaintCase(category: category)
        if category.isEmpty {
            add(.missingField, .error, categoryNode.location, zh: "category 为空。请填写投诉类别（evidence rules 列出全部类别）。",
                en: "category is empty. Fill in the complaint category (`evidence rules` lists them).")
        } else if let rules, rules.category(category) == nil {
            let known = rules.categories.map(\.id).joined(separator: ", ")
            add(.unknownCategory, .error, categoryNode.location, zh: "未知的投诉类别“\(category)”。可用类别：\(known)。",
                en: "unknown complaint category “\(category)”. Known categories: \(known).")
        }
        complaint.platform = choice(root, "platform", ComplaintCase.Platform.self)
        complaint.claim = choice(root, "claim", ComplaintCase.Claim.self)
        complaint.shop = text(root, "shop")
        complaint.item = text(root, "item")
        complaint.description = text(root, "description")
        readOrderID(root, into: &complaint)
        readAmount(root, into: &complaint)
        readDates(root, into: &complaint)
        if let durableNode = try root.optional("durable") {
            do { complaint.durable = try durableNode.bool() } catch { report(error) }
        }
        if let person = try root.optional("complainant") {
            do {
                for entry in try person.entries() where !["name", "phone", "address"].contains(entry.key) {
                    add(.unknownField, .warning, entry.keyLocation, zh: "未知字段“\(entry.key)”，已忽略（可用：name, phone, address）。",
                        en: "unknown field “\(entry.key)”, ignored (use name, phone, address).")
                }
                complaint.complainant = ComplaintCase.Complainant(name: text(person, "name"), phone: text(person, "phone"), address: text(person, "address"))
            } catch { report(error) }
        }
        var resolved: [String] = []
        var lines: [Int?] = []
        if let evidenceNode = try root.optional("evidence") {
            let elements = try evidenceNode.elements()
            var seen: [String: Int?] = [:]
            for element in elements {
                guard let (item, file) = readItem(element) else { continue }
                let key = (file as NSString).standardizingPath
                if let first = seen[key] {
                    add(.duplicateEntry, .error, (try? element.required("file").location) ?? element.location,
                        zh: "文件“\(item.file)”重复列出（首次在第 \(first.map(String.init) ?? "?") 行）。请删除重复的一项。",
                        en: "“\(item.file)” is listed twice (first on line \(first.map(String.init) ?? "?")). Remove the duplicate entry.")
                    continue
                }
                seen[key] = element.node.mark?.line
                complaint.evidence.append(item)
                resolved.append(file)
                lines.append(element.node.mark?.line)
            }
            if elements.isEmpty {
                add(.noEvidence, .warning, evidenceNode.location, zh: "evidence 列表为空：没有列出任何证据文件。", en: "the evidence list is empty: no files are listed.")
            }
        } else {
            add(.noEvidence, .warning, DocumentLocation(field: "evidence", line: nil, column: nil),
                zh: "没有 evidence 列表：没有列出任何证据文件。", en: "no evidence list: no files are listed.")
        }
        var loaded = LoadedCase(complaint: complaint, path: path, folder: folder, resolvedPaths: resolved, itemLines: lines,
                                warnings: issues.filter { $0.severity == .warning })
        loaded.outsideFiles = outside.filter { entry in complaint.evidence.contains { $0.file == entry.file } }
        return loaded
    }

    mutating func readOrderID(_ root: DocumentNode, into complaint: inout ComplaintCase) {
        guard let node = try? root.optional("order_id") else { return }
        guard let id = try? node.string() else { return report(node.problem(.wrongType(expected: "text"))) }
        complaint.orderID = id
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return add(.orderIDNotDigits, .error, node.location, zh: "订单号“\(id)”应全部是数字。请从订单详情页复制订单号。",
                       en: "order number “\(id)” must be all digits. Copy it from the order's detail page.")
        }
        let platform = complaint.platform ?? .taobao
        if platform != .other, !(16...20).contains(id.count) {
            add(.orderIDLength, .warning, node.location,
                zh: "订单号有 \(id.count) 位；淘宝/天猫订单号通常为 18-19 位。请核对是否完整。",
                en: "the order number has \(id.count) digits; Taobao/Tmall order numbers usually have 18-19. Check that it is complete.")
        }
    }

    mutating func readAmount(_ root: DocumentNode, into complaint: inout ComplaintCase) {
        guard let node = try? root.optional("amount_paid") else { return }
        guard let amount = try? node.string() else { return report(node.problem(.wrongType(expected: "text"))) }
        complaint.amountPaid = amount
        let trimmed = amount.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        let digits = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        if trimmed.hasPrefix("-"), Double(trimmed) != nil {
            add(.negativeAmount, .error, node.location, zh: "实付金额不能为负数（\(amount)）。", en: "the amount paid cannot be negative (\(amount)).")
        } else if !(parts.count <= 2 && digits(parts[0]) && (parts.count == 1 || (digits(parts[1]) && parts[1].count <= 2))) {
            add(.badAmount, .error, node.location, zh: "实付金额“\(amount)”应为以元为单位的数字，如 299.00。",
                en: "amount paid “\(amount)” must be a number of yuan, e.g. 299.00.")
        }
    }

    mutating func readDates(_ root: DocumentNode, into complaint: inout ComplaintCase) {
        var dates: [(String, CivilDate, DocumentLocation)] = []
        for key in ["ordered_at", "received_at", "found_at"] {
            guard let node = try? root.optional(key) else { continue }
            guard let value = try? node.string() else {
                report(node.problem(.wrongType(expected: "text")))
                continue
            }
            switch key {
            case "ordered_at": complaint.orderedAt = value
            case "received_at": complaint.receivedAt = value
            default: complaint.foundAt = value
            }
            if let date = CivilDate(value) {
                dates.append((key, date, node.location))
            } else {
                add(.badDate, .error, node.location, zh: "日期“\(value)”无效：请写成 YYYY-MM-DD，如 2026-11-05。",
                    en: "“\(value)” is not a valid date: write YYYY-MM-DD, e.g. 2026-11-05.")
            }
        }
        for (earlier, later) in zip(dates, dates.dropFirst()) where later.1 < earlier.1 {
            add(.dateOrder, .warning, later.2, zh: "\(later.0)（\(later.1)）早于 \(earlier.0)（\(earlier.1)）：请核对日期。",
                en: "\(later.0) (\(later.1)) is before \(earlier.0) (\(earlier.1)): check the dates.")
        }
    }

    mutating func readItem(_ element: DocumentNode) -> (ComplaintCase.Item, String)? {
        do {
            for entry in try element.entries() where !["file", "role", "note"].contains(entry.key) {
                add(.unknownField, .warning, entry.keyLocation, zh: "未知字段“\(entry.key)”，已忽略（可用：file, role, note）。",
                    en: "unknown field “\(entry.key)”, ignored (use file, role, note).")
            }
            let fileNode = try element.required("file")
            let file = try fileNode.string()
            let roleNode = try element.required("role")
            let roleName = try roleNode.string()
            let note = text(element, "note")
            guard let role = EvidenceRole(rawValue: roleName) else {
                add(.unknownRole, .error, roleNode.location, zh: "未知的证据角色“\(roleName)”。可用角色：\(EvidenceRole.allCases.map(\.rawValue).joined(separator: ", "))。",
                    en: "unknown evidence role “\(roleName)”. Known roles: \(EvidenceRole.allCases.map(\.rawValue).joined(separator: ", ")).")
                return nil
            }
            guard let resolved = resolve(file, fileNode) else { return nil }
            return (ComplaintCase.Item(file: file, role: role, note: note), resolved)
        } catch {
            report(error)
            return nil
        }
    }

    /// The file on disk for an item path, or nil (with an error recorded) when it cannot be used.
    mutating func resolve(_ file: String, _ node: DocumentNode) -> String? {
        if file.isEmpty {
            add(.missingField, .error, node.location, zh: "file 为空：请写出证据文件的路径。", en: "file is empty: give the evidence file's path.")
            return nil
        }
        switch Containment.locate(file, in: folder) {
        case .inside(let path):
            return path
        case .missing:
            addMissing(file, node)
            return nil
        case .notReadableRegularFile:
            addUnreadable(file, node)
            return nil
        case .outside(let why):
            guard allowOutside else {
                add(.fileOutsideCase, .error, node.location,
                    zh: "“\(file)”在案件文件夹之外（\(why.zh)），未使用。证据文件必须放在案件文件夹内，以免把别的文件（如密钥、浏览记录）误发出去：请把它复制到案件文件夹中，并把 file 改为相对路径；确需使用时可允许案件文件夹之外的文件（这类文件会列在打包摘要和 index.html 中）。",
                    en: "“\(file)” lies outside the case folder (\(why.en)) and was not used. Evidence files must be inside the case folder, so that no other file (a key, a browser history) is sent by accident: copy it into the case folder and give file as a relative path; if you really mean it, allow files from outside the case folder (they are then listed in the pack summary and index.html).")
                return nil
            }
            return allowed(file, node, reason: .outsideFolder, link: nil)
        case .link(let component, let target):
            guard allowOutside else {
                add(.fileSymlink, .error, node.location,
                    zh: "“\(file)”经由符号链接“\(component)”（指向 \(target)），未使用：证据文件不通过符号链接打开。请把真实文件复制到案件文件夹中，并在 file 中写它的路径；确需使用时可允许案件文件夹之外的文件（这类文件会列在打包摘要和 index.html 中）。",
                    en: "“\(file)” is reached through the symbolic link “\(component)” (-> \(target)) and was not used: evidence files are not opened through symbolic links. Copy the real file into the case folder and name it in file; if you really mean it, allow files from outside the case folder (they are then listed in the pack summary and index.html).")
                return nil
            }
            return allowed(file, node, reason: .symbolicLink, link: "\(component) -> \(target)")
        }
    }

    mutating func addMissing(_ file: String, _ node: DocumentNode) {
        add(.missingFile, .error, node.location, zh: "找不到文件“\(file)”（路径相对于案件文件所在文件夹）。请检查文件名。",
            en: "file “\(file)” not found (paths are relative to the case file's folder). Check the name.")
    }

    mutating func addUnreadable(_ file: String, _ node: DocumentNode) {
        add(.fileUnreadable, .error, node.location, zh: "“\(file)”不是可读取的普通文件（文件夹、设备或无读取权限）。",
            en: "“\(file)” is not a readable regular file (a folder, a device, or no read permission).")
    }

    /// A file outside the folder or through a link, accepted with `allowOutside`: followed as
    /// the system resolves it, still refused unless it is a readable regular file.
    mutating func allowed(_ file: String, _ node: DocumentNode, reason: OutsideEvidence.Reason, link: String?) -> String? {
        let joined = file.hasPrefix("/") ? file : (folder as NSString).appendingPathComponent(file)
        let standard = (joined as NSString).standardizingPath
        var info = stat()
        guard stat(standard, &info) == 0 else {
            addMissing(file, node)
            return nil
        }
        guard info.st_mode & S_IFMT == S_IFREG, access(standard, R_OK) == 0 else {
            addUnreadable(file, node)
            return nil
        }
        add(.fileOutsideCase, .warning, node.location,
            zh: "“\(file)”\(reason == .symbolicLink ? "经由符号链接（\(link ?? "")）" : "在案件文件夹之外")，因允许案件文件夹之外的文件而使用；它会列在打包摘要和 index.html 中。",
            en: "“\(file)” \(reason == .symbolicLink ? "is reached through a symbolic link (\(link ?? ""))" : "lies outside the case folder"); used because files from outside the case folder are allowed, and listed in the pack summary and index.html.")
        outside.append(OutsideEvidence(file: file, path: joined, reason: reason, link: link))
        return joined
    }
}
