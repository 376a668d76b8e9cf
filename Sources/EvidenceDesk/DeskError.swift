import EvidenceKit

/// Why the desk could not do what was asked. One type for the whole desk (storage, intake,
/// users): a machine-readable ``code``, the thing concerned and a bilingual ``message``.
public struct DeskError: Error, Sendable, CustomStringConvertible, EvidenceKitError {
    /// Machine-readable reasons, a struct over a private enum (as `PackError.Code`), encoded as
    /// the dotted ``rawValue``.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case databaseUnavailable = "desk.database-unavailable"
            case databaseURL = "desk.database-url"
            case migration = "desk.migration"
            case query = "desk.query"
            case store = "desk.store"
            case tooLarge = "desk.too-large"
            case notFound = "desk.not-found"
            case userExists = "desk.user-exists"
            case badDecision = "desk.bad-decision"
            case badFilter = "desk.bad-filter"
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

        /// The database cannot be reached (stopped, refused, timed out).
        public static let databaseUnavailable = Code(.databaseUnavailable)
        /// `--database` is not a `postgres://user@host:port/db` URL.
        public static let databaseURL = Code(.databaseURL)
        /// A schema migration failed (nothing of it was applied).
        public static let migration = Code(.migration)
        /// A statement failed.
        public static let query = Code(.query)
        /// The bundle store could not be written or read.
        public static let store = Code(.store)
        /// An upload is larger than the limit.
        public static let tooLarge = Code(.tooLarge)
        /// No bundle (or entry) with that id.
        public static let notFound = Code(.notFound)
        /// A user with that name exists.
        public static let userExists = Code(.userExists)
        /// A decision other than accepted / needs-more-evidence / rejected.
        public static let badDecision = Code(.badDecision)
        /// A filter value that cannot be used (a date that is not YYYY-MM-DD, a negative limit).
        public static let badFilter = Code(.badFilter)
    }

    /// The reason.
    public var code: Code
    /// What it concerns: the database URL, a file, an id, a user name.
    public var subject: String
    /// The system's or the database's own words.
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, _ subject: String, detail: String = "") {
        self.code = code
        self.subject = subject
        self.detail = detail
    }

    public var description: String { "\(code): \(subject) \(detail)" }

    /// What went wrong and what to do, in both languages.
    public var message: LocalizedText {
        let d = detail.isEmpty ? "" : "（\(detail)）", dEn = detail.isEmpty ? "" : " (\(detail))"
        switch code.base {
        case .databaseUnavailable:
            return LocalizedText(zh: "无法连接数据库 \(subject)\(d)。请确认数据库已启动，然后重试；未保存任何半条记录。",
                                 en: "Cannot reach the database \(subject)\(dEn). Check that it is running and try again; no partial record was kept.")
        case .databaseURL:
            return LocalizedText(zh: "数据库地址“\(subject)”无效\(d)。请使用 postgres://用户@127.0.0.1:端口/库名。",
                                 en: "The database URL “\(subject)” is not valid\(dEn). Use postgres://user@127.0.0.1:PORT/db.")
        case .migration:
            return LocalizedText(zh: "数据库结构升级 \(subject) 失败\(d)，未做任何更改。",
                                 en: "Schema migration \(subject) failed\(dEn); nothing of it was applied.")
        case .query:
            return LocalizedText(zh: "数据库操作失败\(d)。", en: "A database statement failed\(dEn).")
        case .store:
            return LocalizedText(zh: "无法写入或读取证据包存储 \(subject)\(d)。请检查磁盘空间与权限。",
                                 en: "Cannot write or read the bundle store at \(subject)\(dEn). Check disk space and permissions.")
        case .tooLarge:
            return LocalizedText(zh: "上传的文件超过上限 \(subject) 字节。请拆分或压缩后重试。",
                                 en: "The upload is larger than the limit of \(subject) bytes. Split or shrink it and try again.")
        case .notFound:
            return LocalizedText(zh: "找不到“\(subject)”。", en: "Nothing found for “\(subject)”.")
        case .userExists:
            return LocalizedText(zh: "用户“\(subject)”已存在。请换一个名字。", en: "A user named “\(subject)” exists. Choose another name.")
        case .badDecision:
            return LocalizedText(zh: "决定“\(subject)”无效：请用 accepted、needs-more-evidence 或 rejected。",
                                 en: "“\(subject)” is not a decision: use accepted, needs-more-evidence or rejected.")
        case .badFilter:
            return LocalizedText(zh: "筛选条件“\(subject)”无效\(d)。", en: "The filter “\(subject)” is not valid\(dEn).")
        }
    }
}
