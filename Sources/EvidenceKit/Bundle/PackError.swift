/// Why `pack` wrote no bundle. One type for the whole domain: a machine-readable ``code``, the
/// file concerned, and a bilingual ``message`` that says what to do.
public struct PackError: Error, Sendable, CustomStringConvertible {
    /// Machine-readable reasons: a struct over a private enum (as swift-nio's
    /// `FileSystemError.Code`), so that codes can be added without breaking callers (a `switch`
    /// over them needs a `default`). Encodes as its dotted ``rawValue``.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case incomplete = "pack.incomplete"
            case corruptEvidence = "pack.corrupt-evidence"
            case unreadableEvidence = "pack.unreadable-evidence"
            case sourceChanged = "pack.source-changed"
            case outputExists = "pack.output-exists"
            case noEvidence = "pack.no-evidence"
            case badSourceDateEpoch = "pack.bad-source-date-epoch"
            case io = "pack.io"
            case locationNotRemoved = "pack.location-not-removed"
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

        /// Required evidence is missing and `allowIncomplete` was not given.
        public static let incomplete = Code(.incomplete)
        /// An evidence file is corrupt, empty or of an unacceptable kind.
        public static let corruptEvidence = Code(.corruptEvidence)
        /// An evidence file could not be read.
        public static let unreadableEvidence = Code(.unreadableEvidence)
        /// An evidence file changed (size or modification time) while it was packed.
        public static let sourceChanged = Code(.sourceChanged)
        /// The output exists and `force` was not given.
        public static let outputExists = Code(.outputExists)
        /// The case lists no evidence.
        public static let noEvidence = Code(.noEvidence)
        /// `SOURCE_DATE_EPOCH` is not a whole number of seconds.
        public static let badSourceDateEpoch = Code(.badSourceDateEpoch)
        /// Writing the bundle failed: disk full, permissions, libarchive.
        public static let io = Code(.io)
        /// `stripLocation` was asked for and a photo's location could not be removed without
        /// loss (its EXIF cannot be rewritten): nothing is shipped with the location by surprise.
        public static let locationNotRemoved = Code(.locationNotRemoved)
    }


    /// The reason.
    public var code: Code
    /// The file concerned (an evidence file, or the output).
    public var path: String?
    /// Low-level detail (the system's or library's words), or the list of files concerned.
    public var detail: String
    /// Every file inspected before the refusal (empty when none was read).
    public var inspected: [InspectedFile]
    /// The completeness result, when the refusal came after evaluation.
    public var completeness: CompletenessResult?

    /// Creates an error.
    public init(_ code: Code, path: String?, detail: String = "", inspected: [InspectedFile] = [],
                completeness: CompletenessResult? = nil) {
        self.code = code
        self.path = path
        self.detail = detail
        self.inspected = inspected
        self.completeness = completeness
    }

    /// What went wrong and what to do, in both languages.
    public var message: LocalizedText {
        let file = path ?? ""
        switch code.base {
        case .incomplete:
            let missing = completeness?.missingRequired.map(\.requirement).joined(separator: ", ") ?? detail
            return LocalizedText(
                zh: "证据不完整（缺少：\(missing)），未生成证据包。请补充证据后重试。",
                en: "The evidence is incomplete (missing: \(missing)); no bundle was written. Add the missing evidence and retry.")
        case .corruptEvidence:
            return LocalizedText(
                zh: "证据文件损坏或不可用：\(detail)。未生成证据包。请换用原始文件（重新截图/导出），或从案件文件中删去它。",
                en: "Corrupt or unacceptable evidence: \(detail). No bundle was written. Replace it with an intact original (take the screenshot or export again), or remove it from the case file.")
        case .unreadableEvidence:
            return LocalizedText(
                zh: "无法读取证据文件：\(detail)。未生成证据包。请检查文件是否存在以及读取权限。",
                en: "Cannot read evidence: \(detail). No bundle was written. Check that the file exists and is readable.")
        case .sourceChanged:
            return LocalizedText(
                zh: "打包时 \(file) 发生了变化（大小或修改时间改变），已中止，未生成证据包。请等文件写完（或关闭正在编辑它的程序）后重试。",
                en: "\(file) changed while it was being packed (size or modification time); the pack was aborted and no bundle was written. Wait until it is fully written (or close the program editing it) and retry.")
        case .outputExists:
            return LocalizedText(
                zh: "\(file) 已存在，未覆盖。请换一个输出文件名。",
                en: "\(file) already exists and was not replaced. Choose another output name.")
        case .noEvidence:
            return LocalizedText(
                zh: "案件文件 \(file) 没有列出任何证据（evidence 为空）。请先用 evidence init 生成列表并填写角色。",
                en: "The case file \(file) lists no evidence (`evidence` is empty). Run `evidence init` to list the files and fill in their roles.")
        case .badSourceDateEpoch:
            return LocalizedText(
                zh: "环境变量 SOURCE_DATE_EPOCH 的值“\(detail)”不是整数秒。请设为 1970 年以来的秒数（如 1764374400），或取消设置。",
                en: "SOURCE_DATE_EPOCH is \"\(detail)\", not a whole number of seconds. Set it to seconds since 1970 (e.g. 1764374400) or unset it.")
        case .io:
            return LocalizedText(
                zh: "写入 \(file) 失败：\(detail)。未生成证据包。请检查磁盘空间和目录写权限。",
                en: "Writing \(file) failed: \(detail). No bundle was written. Check free disk space and that the folder is writable.")
        case .locationNotRemoved:
            return LocalizedText(
                zh: "无法移除 \(file) 的位置信息（\(detail)），未生成证据包。请在手机上导出一份不含位置的副本（分享时关闭“位置信息”）并改用它，或不带移除位置选项打包（照片会带着位置发出）。",
                en: "Could not remove the location from \(file) (\(detail)); no bundle was written. Export a copy without the location on the phone (turn off “location” when sharing) and use it instead, or pack without removing locations (the photo then goes out with its position).")
        }
    }

    public var description: String { "\(code.rawValue): \(message.en)" }
}
