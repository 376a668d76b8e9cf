/// An error that stops inspection as a whole (a single bad file is a ``Finding``, not this).
public struct InspectionError: Error, Sendable, CustomStringConvertible {
    /// Machine-readable reasons: a struct over a private enum (as swift-nio's
    /// `FileSystemError.Code`), so that codes can be added without breaking callers (a `switch`
    /// over them needs a `default`). Encodes as its dotted ``rawValue``.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case typeDatabaseUnavailable = "inspection.type-database-unavailable"
            case pathNotFound = "inspection.path-not-found"
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

        /// libmagic's database could not be loaded.
        public static let typeDatabaseUnavailable = Code(.typeDatabaseUnavailable)
        /// A path given on the command line does not exist.
        public static let pathNotFound = Code(.pathNotFound)
    }


    /// The reason.
    public var code: Code
    /// The file concerned, if any.
    public var path: String?
    /// Low-level detail (the library's own words).
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, path: String?, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    /// What went wrong and what to do, in both languages.
    public var message: LocalizedText {
        switch code.base {
        case .typeDatabaseUnavailable:
            LocalizedText(
                zh: "无法加载 libmagic 类型数据库（\(detail)）。请安装 libmagic-mgc：运行 make demo 或 apt-get install libmagic-mgc。",
                en: "Cannot load the libmagic type database (\(detail)). Install libmagic-mgc: run `make demo` or `apt-get install libmagic-mgc`.")
        case .pathNotFound:
            LocalizedText(
                zh: "找不到 \(path ?? "")：请检查路径是否拼写正确。",
                en: "\(path ?? ""): no such file or folder. Check the path.")
        }
    }

    public var description: String { "\(code.rawValue): \(message.en)" }
}
