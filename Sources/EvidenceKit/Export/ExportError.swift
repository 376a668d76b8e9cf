/// Why `export` wrote nothing. A machine-readable ``code``, the file concerned, and a bilingual
/// ``message`` that says what to do (the same "code struct" pattern as ``PackError``).
public struct ExportError: Error, Sendable, CustomStringConvertible {
    /// Machine-readable reasons: a struct over a private enum, so codes can be added later
    /// (a `switch` over them needs a `default`). Encodes as its dotted ``rawValue``.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case bundleInvalid = "export.bundle-invalid"
            case bundleUnreadable = "export.bundle-unreadable"
            case corruptEvidence = "export.corrupt-evidence"
            case incomplete = "export.incomplete"
            case profileInvalid = "export.profile-invalid"
            case unknownChannel = "export.unknown-channel"
            case outputExists = "export.output-exists"
            case io = "export.io"
        }

        fileprivate let base: Base
        fileprivate init(_ base: Base) { self.base = base }

        /// The dotted code a script can branch on.
        public var rawValue: String { base.rawValue }
        /// The code with this dotted name; nil for one this version does not know.
        public init?(rawValue: String) {
            guard let base = Base(rawValue: rawValue) else { return nil }
            self.base = base
        }
        public var description: String { rawValue }

        /// The bundle failed verification (unsafe, damaged, tampered, or not an evidence bundle).
        public static let bundleInvalid = Code(.bundleInvalid)
        /// The bundle could not be opened or read at all.
        public static let bundleUnreadable = Code(.bundleUnreadable)
        /// An evidence file of the case is corrupt or unacceptable (as `check` judges it).
        public static let corruptEvidence = Code(.corruptEvidence)
        /// Required evidence is missing and `force` was not given.
        public static let incomplete = Code(.incomplete)
        /// A profile file is not valid JSON of the profile format, or a value is out of range.
        public static let profileInvalid = Code(.profileInvalid)
        /// No profile has the channel asked for.
        public static let unknownChannel = Code(.unknownChannel)
        /// The output folder exists and is not empty, and `force` was not given.
        public static let outputExists = Code(.outputExists)
        /// Reading the input or writing the export failed.
        public static let io = Code(.io)
    }

    /// The reason.
    public var code: Code
    /// The file concerned (the bundle, the case, the profile file or the output folder).
    public var path: String?
    /// The field of a profile file, for ``Code/profileInvalid``.
    public var field: String?
    /// Low-level detail (the system's words, the problems found, the files concerned).
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, path: String?, field: String? = nil, detail: String = "") {
        self.code = code
        self.path = path
        self.field = field
        self.detail = detail
    }

    /// What went wrong and what to do, in both languages.
    public var message: LocalizedText {
        let file = path ?? ""
        switch code.base {
        case .bundleInvalid:
            return LocalizedText(
                zh: "证据包 \(file) 未通过校验（\(detail)），未导出。请用 evidence verify 查看原因，向发送方索取完好的证据包或重新打包。",
                en: "The bundle \(file) fails verification (\(detail)); nothing was exported. Run evidence verify to see why, and ask the sender for an intact bundle or pack again.")
        case .bundleUnreadable:
            return LocalizedText(
                zh: "无法读取证据包 \(file)（\(detail)），未导出。请检查路径和读取权限。",
                en: "Cannot read the bundle \(file) (\(detail)); nothing was exported. Check the path and that it is readable.")
        case .corruptEvidence:
            return LocalizedText(
                zh: "证据文件损坏或不可用：\(detail)。未导出。请换用原始文件，或从案件文件中删去它。",
                en: "Corrupt or unacceptable evidence: \(detail). Nothing was exported. Replace it with an intact original, or remove it from the case file.")
        case .incomplete:
            return LocalizedText(
                zh: "证据不完整（缺少：\(detail)），未导出。请补充证据后重试。",
                en: "The evidence is incomplete (missing: \(detail)); nothing was exported. Add the missing evidence and retry.")
        case .profileInvalid:
            let at = field.map { "字段 \($0)：" } ?? "", atEn = field.map { "field \($0): " } ?? ""
            return LocalizedText(
                zh: "导出配置文件 \(file) 无效：\(at)\(detail)。请对照 Docs/export.md 中的格式修改。",
                en: "The export profile file \(file) is invalid: \(atEn)\(detail). Fix it following the format in Docs/export.md.")
        case .unknownChannel:
            return LocalizedText(
                zh: "没有渠道“\(detail)”的导出配置。可用渠道：platform、12315、association、court。",
                en: "No export profile for the channel “\(detail)”. Channels: platform, 12315, association, court.")
        case .outputExists:
            return LocalizedText(
                zh: "\(file) 已存在且不为空，未覆盖。请换一个输出文件夹。",
                en: "\(file) exists and is not empty; it was not replaced. Choose another output folder.")
        case .io:
            return LocalizedText(
                zh: "读写 \(file) 失败：\(detail)。请检查磁盘空间和文件夹权限。",
                en: "Reading or writing \(file) failed: \(detail). Check free disk space and the folder's permissions.")
        }
    }

    public var description: String { "\(code.rawValue): \(message.en)" }
}

extension ExportError: EvidenceKitError {}
