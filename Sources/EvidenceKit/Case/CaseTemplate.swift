import Foundation

/// Writes a starting `case.yaml` for a folder of evidence (`evidence init`): every file with its
/// role (from what it shows when it was read, else its metadata or name), the case fields the
/// evidence states (order number, shop, amount, order and signing dates), each with a comment
/// naming the file it was read from, and commented placeholders for the rest.
public enum CaseTemplate {
    /// What `init` wrote.
    public struct Result: Sendable, Codable {
        /// One evidence file listed.
        public struct Entry: Sendable, Codable {
            /// Path relative to the folder.
            public var file: String
            /// The role written.
            public var role: EvidenceRole
            /// The inspection verdict.
            public var status: InspectedFile.Status
            /// How the role was decided (content, metadata, name) and how sure; nil when
            /// inspection did not say (a damaged file is listed as `other`).
            public var roleAssessment: RoleAssessment?

            /// Creates an entry.
            public init(file: String, role: EvidenceRole, status: InspectedFile.Status, roleAssessment: RoleAssessment? = nil) {
                self.file = file
                self.role = role
                self.status = status
                self.roleAssessment = roleAssessment
            }

            enum CodingKeys: String, CodingKey {
                case file, role, status
                case roleAssessment = "role_assessment"
            }
        }

        /// A case field filled from the evidence.
        public struct FilledField: Sendable, Codable, Hashable {
            /// The case file's field: `order_id`, `shop`, `amount_paid`, `ordered_at`, `received_at`.
            public var field: String
            /// The value written.
            public var value: String
            /// The file it was read from (relative to the folder).
            public var file: String
            /// The text line it was read from.
            public var line: String
            /// Other values other files show for the same field (the cross-checks of `check` warn about them).
            public var others: [String]

            /// Creates a filled field.
            public init(field: String, value: String, file: String, line: String, others: [String] = []) {
                self.field = field
                self.value = value
                self.file = file
                self.line = line
                self.others = others
            }
        }

        /// The case file written.
        public var path: String
        public var category: String?
        public var files: [Entry]
        /// The case fields filled from what the evidence says, in the order written.
        public var fields: [FilledField]
        public var overwritten: Bool
    }

    /// The case fields `init` fills from facts: the fact kinds that give each (the first found
    /// wins), and the roles whose files are trusted for it, best first.
    static let fieldSources: [(field: String, kinds: [Fact.Kind], roles: [EvidenceRole])] = [
        ("order_id", [.orderNumber], [.orderScreenshot, .paymentReceipt, .invoice, .chatRecord, .logisticsRecord, .other]),
        ("shop", [.shop], [.orderScreenshot, .paymentReceipt, .chatRecord, .listingScreenshot, .merchantInfo, .other]),
        ("amount_paid", [.amountPaid], [.orderScreenshot, .paymentReceipt, .invoice, .other]),
        ("ordered_at", [.orderedAt, .paidAt], [.orderScreenshot, .paymentReceipt, .invoice, .other]),
        ("received_at", [.signedAt], [.logisticsRecord, .orderScreenshot, .other]),
    ]

    /// Inspects `folder` and writes `folder/case.yaml` atomically.
    /// - Parameters:
    ///   - folder: the evidence folder.
    ///   - category: the category to write (nil leaves it empty for the user to fill in).
    ///   - force: overwrite an existing case.yaml.
    ///   - reading: read what each file says (roles from content; case fields from facts); nil
    ///     guesses roles from metadata and names and leaves the case fields for the user.
    ///   - readingProgress: called with files read and files in all, from any thread.
    /// - Throws: ``CaseFileError`` (`case.already-exists`, `case.cannot-write`) or ``InspectionError``.
    public static func write(folder: String, category: String?, force: Bool, reading: ReadingOptions? = nil,
                             readingProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> Result {
        var isFolder: ObjCBool = false
        let nowhere = DocumentLocation(field: "", line: nil, column: nil)
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw CaseFileError(issues: [CaseIssue(.cannotWrite, .error, path: folder, location: nowhere,
                                                   zh: "不是文件夹。请给出存放证据文件的文件夹。", en: "not a folder. Give the folder that holds the evidence files.")])
        }
        let base = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        let target = base + "/case.yaml"
        let exists = FileManager.default.fileExists(atPath: target)
        if exists && !force {
            throw CaseFileError(issues: [CaseIssue(.alreadyExists, .error, path: target, location: nowhere,
                                                   zh: "已存在，未覆盖。",
                                                   en: "already exists and was left alone.")])
        }
        let inspected = try ReadingPass.inspect(paths: [base], describing: false, reading: reading, progress: readingProgress)
        var entries: [Result.Entry] = []
        var listed: [(file: String, inspected: InspectedFile)] = []
        for file in inspected {
            let relative = String(file.path.dropFirst(base.count + 1))
            let hidden = relative.split(separator: "/").contains { $0.hasPrefix(".") }
            if hidden || file.status == .skipped || ["case.yaml", "case.yml", "case.json"].contains(relative) { continue }
            let ok = file.status == .ok
            entries.append(Result.Entry(file: relative, role: ok ? file.suggestedRole : .other, status: file.status,
                                        roleAssessment: ok ? file.roleAssessment : nil))
            listed.append((relative, file))
        }
        let fields = filledFields(listed.map { (file: $0.file, role: $0.inspected.suggestedRole, inspected: $0.inspected) })
        let text = render(category: category, files: entries, fields: fields)
        do {
            let temporary = base + "/.case.yaml.\(ProcessInfo.processInfo.processIdentifier).tmp"
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, target) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: reason])
            }
        } catch {
            throw CaseFileError(issues: [CaseIssue(.cannotWrite, .error, path: target, location: nowhere,
                                                   zh: "无法写入：\((error as NSError).localizedDescription)", en: "cannot write it: \((error as NSError).localizedDescription)")])
        }
        return Result(path: target, category: category, files: entries, fields: fields, overwritten: exists)
    }

    /// The case fields the evidence states, each from the most trusted file showing it.
    /// - Parameter files: each file (relative name), its role and its inspection with the reading.
    /// - Returns: the fields found, in the case file's order.
    public static func filledFields(_ files: [(file: String, role: EvidenceRole, inspected: InspectedFile)]) -> [Result.FilledField] {
        let readable = files.filter { $0.inspected.status == .ok && $0.inspected.reading != nil }
        var fields: [Result.FilledField] = []
        for source in fieldSources {
            var candidates: [(file: String, fact: Fact)] = []
            for role in source.roles + EvidenceRole.allCases.filter({ !source.roles.contains($0) }) {
                for entry in readable where entry.role == role {
                    for kind in source.kinds {
                        if let fact = entry.inspected.reading?.fact(kind) { candidates.append((entry.file, fact)); break }
                    }
                }
            }
            guard let chosen = candidates.compactMap({ candidate in value(source.field, candidate.fact).map { (candidate, $0) } }).first else { continue }
            let others = Array(Set(candidates.compactMap { value(source.field, $0.fact) }.filter { $0 != chosen.1 })).sorted()
            fields.append(Result.FilledField(field: source.field, value: chosen.1, file: chosen.0.file, line: chosen.0.fact.line, others: others))
        }
        return fields
    }

    /// A fact as the value of a case field, or nil when it cannot be one (so the case file still loads).
    static func value(_ field: String, _ fact: Fact) -> String? {
        switch field {
        case "order_id":
            let digits = String(fact.value.filter { $0.isASCII && $0.isNumber })
            return digits.isEmpty ? nil : digits
        case "amount_paid":
            return EvidenceCrossCheck.cents(fact.value).map(EvidenceCrossCheck.yuan)
        case "ordered_at", "received_at":
            let day = String(fact.value.prefix(10))
            return CivilDate(day) == nil ? nil : day
        default:
            let text = fact.value.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
    }

    /// The YAML text of a new case file.
    /// - Parameters:
    ///   - category: the category, or nil for an empty one the user must fill in.
    ///   - files: the evidence files with their roles.
    ///   - fields: case fields read from the evidence (written with a comment naming the file);
    ///     the others are written as commented placeholders.
    public static func render(category: String?, files: [Result.Entry], fields: [Result.FilledField] = []) -> String {
        let filled = Dictionary(fields.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        func field(_ name: String, placeholder: String, help: String, quoted: Bool) -> String {
            func pad(_ text: String) -> String { text + String(repeating: " ", count: max(3, 29 - text.count)) }
            guard let found = filled[name] else { return pad("# \(name): \(placeholder)") + "# \(help)" }
            let value = quoted ? quote(found.value) : found.value
            var comment = "# 读自 / read from \(found.file)"
            if !found.others.isEmpty {
                comment += "；其他文件显示 / other files show: " + found.others.joined(separator: ", ")
            }
            return pad("\(name): \(value)") + comment
        }
        var lines = [
            "# 案件文件 / case file — 由 evidence init 生成，请填写后运行 evidence check。",
            "# Generated by `evidence init`: fill it in, then run `evidence check` on this folder.",
            "# 字段说明 / fields: Docs/case-file.md",
        ]
        if !fields.isEmpty {
            lines.append("# 标有“读自”的字段是从证据内容中读出的，请核对 / fields marked “read from” were read from the evidence: check them.")
        }
        lines += [
            "platform: taobao            # taobao | tmall | other",
            "category: \(quote(category ?? ""))" + (category == nil ? "                # 必填 required — see `evidence rules`" : ""),
            field("order_id", placeholder: "\"\"", help: "订单号（全部数字）/ order number, digits only", quoted: true),
            field("shop", placeholder: "\"\"", help: "店铺名 / shop name", quoted: true),
            "# item: \"\"                  # 商品 / item",
            field("amount_paid", placeholder: "0.00", help: "实付金额（元）/ amount paid, CNY", quoted: false),
            field("ordered_at", placeholder: "YYYY-MM-DD", help: "下单日期 / order date", quoted: false),
            field("received_at", placeholder: "YYYY-MM-DD", help: "签收日期 / signing date", quoted: false),
            "# found_at: YYYY-MM-DD       # 发现问题日期 / when the problem was noticed",
            "# claim: refund              # refund | return-refund | exchange | price-difference | compensation",
            "# durable: false             # 耐用商品（电视、电脑…）/ durable goods (TV, computer...)",
            "# description: \"\"           # 问题描述 / what happened",
            "evidence:",
        ]
        if files.isEmpty { lines[lines.count - 1] = "evidence: []               # 文件夹中没有证据文件 / no files found" }
        for entry in files {
            lines.append("  - file: \(quote(entry.file))")
            lines.append("    role: \(entry.role.rawValue)         # " + roleComment(entry))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why a role was written: what it was read from, or that it is a guess to check.
    static func roleComment(_ entry: Result.Entry) -> String {
        guard entry.status == .ok else { return "文件\(entry.status.rawValue) / file is \(entry.status.rawValue)" }
        guard let assessment = entry.roleAssessment else { return "猜测，请核对 / guessed, check it" }
        let confidence = EvidenceCrossCheck.percent(assessment.confidence)
        let cues = assessment.cues.prefix(3).joined(separator: ", ")
        let because = cues.isEmpty ? "" : ": \(cues)"
        switch assessment.basis {
        case .content: return "读自内容 / read from content \(confidence)\(because)"
        case .metadata: return "来自元数据 / from metadata\(because)"
        case .name: return "猜测自文件名，请核对 / guessed from the name, check it"
        case .caseFile: return "案件文件 / case file"
        }
    }

    /// A double-quoted YAML scalar.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\x%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
