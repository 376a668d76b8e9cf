/// One problem found in a case file: an error (nothing is done with the case) or a warning
/// (the case is used; the user should look). Names the file, line and field.
public struct CaseIssue: Sendable, Codable, Hashable {
    /// Machine-readable reasons: a struct over a private enum (as swift-nio's
    /// `FileSystemError.Code`), so that codes can be added without breaking callers (a `switch`
    /// over them needs a `default`). Encodes as its dotted ``rawValue``.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case unreadable = "case.unreadable"
            case syntax = "case.syntax"
            case missingField = "case.missing-field"
            case wrongType = "case.wrong-type"
            case unknownField = "case.unknown-field"
            case duplicateKey = "case.duplicate-key"
            case unknownCategory = "case.unknown-category"
            case unknownRole = "case.unknown-role"
            case invalidValue = "case.invalid-value"
            case missingFile = "case.missing-file"
            case fileUnreadable = "case.file-unreadable"
            case fileOutsideCase = "case.file-outside-case"
            case fileSymlink = "case.file-symlink"
            case badDate = "case.bad-date"
            case dateOrder = "case.date-order"
            case negativeAmount = "case.negative-amount"
            case badAmount = "case.bad-amount"
            case orderIDNotDigits = "case.order-id-not-digits"
            case orderIDLength = "case.order-id-length"
            case duplicateEntry = "case.duplicate-entry"
            case noEvidence = "case.no-evidence"
            case alreadyExists = "case.already-exists"
            case cannotWrite = "case.cannot-write"
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

        /// `case.unreadable`.
        public static let unreadable = Code(.unreadable)
        /// `case.syntax`.
        public static let syntax = Code(.syntax)
        /// `case.missing-field`.
        public static let missingField = Code(.missingField)
        /// `case.wrong-type`.
        public static let wrongType = Code(.wrongType)
        /// `case.unknown-field`.
        public static let unknownField = Code(.unknownField)
        /// `case.duplicate-key`.
        public static let duplicateKey = Code(.duplicateKey)
        /// `case.unknown-category`.
        public static let unknownCategory = Code(.unknownCategory)
        /// `case.unknown-role`.
        public static let unknownRole = Code(.unknownRole)
        /// `case.invalid-value`.
        public static let invalidValue = Code(.invalidValue)
        /// `case.missing-file`.
        public static let missingFile = Code(.missingFile)
        /// `case.file-unreadable`.
        public static let fileUnreadable = Code(.fileUnreadable)
        /// `case.file-outside-case`.
        public static let fileOutsideCase = Code(.fileOutsideCase)
        /// `case.file-symlink`: the file is reached through a symbolic link (refused without `allowOutside`).
        public static let fileSymlink = Code(.fileSymlink)
        /// `case.bad-date`.
        public static let badDate = Code(.badDate)
        /// `case.date-order`.
        public static let dateOrder = Code(.dateOrder)
        /// `case.negative-amount`.
        public static let negativeAmount = Code(.negativeAmount)
        /// `case.bad-amount`.
        public static let badAmount = Code(.badAmount)
        /// `case.order-id-not-digits`.
        public static let orderIDNotDigits = Code(.orderIDNotDigits)
        /// `case.order-id-length`.
        public static let orderIDLength = Code(.orderIDLength)
        /// `case.duplicate-entry`.
        public static let duplicateEntry = Code(.duplicateEntry)
        /// `case.no-evidence`.
        public static let noEvidence = Code(.noEvidence)
        /// `init` would overwrite an existing case file.
        public static let alreadyExists = Code(.alreadyExists)
        /// `init` was given something that is not a folder, or the file could not be written.
        public static let cannotWrite = Code(.cannotWrite)
    }


    /// How much it weighs.
    public enum Severity: String, Sendable, Codable {
        case error
        case warning
    }

    public var code: Code
    public var severity: Severity
    /// The case file.
    public var path: String
    /// Line and field in it.
    public var location: DocumentLocation
    /// What is wrong and what to do, naming the file, line and field.
    public var message: LocalizedText

    public init(_ code: Code, _ severity: Severity, path: String, location: DocumentLocation, zh: String, en: String) {
        self.code = code
        self.severity = severity
        self.path = path
        self.location = location
        let zhWhere = location.zhDescription.isEmpty ? "" : "（\(location.zhDescription)）"
        let enWhere = location.description.isEmpty ? "" : " (\(location.description))"
        message = LocalizedText(zh: "\(path)\(zhWhere)：\(zh)", en: "\(path)\(enWhere): \(en)")
    }
}

/// A case file that cannot be used. Lists every error found (not only the first); the
/// ``code`` is the first error's, for scripts.
public struct CaseFileError: Error, Sendable, CustomStringConvertible {
    /// All errors found, in file order.
    public var issues: [CaseIssue]

    public init(issues: [CaseIssue]) { self.issues = issues }

    /// The first error's code.
    public var code: CaseIssue.Code { issues.first?.code ?? .invalidValue }

    /// Every error's message, one per line.
    public var message: LocalizedText {
        LocalizedText(zh: issues.map(\.message.zh).joined(separator: "\n"), en: issues.map(\.message.en).joined(separator: "\n"))
    }

    public var description: String { "\(code.rawValue): \(message.en)" }
}
