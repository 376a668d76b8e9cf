/// One problem found in a case file: an error (nothing is done with the case) or a warning
/// (the case is used; the user should look). Names the file, line and field.
public struct CaseIssue: Sendable, Codable, Hashable {
    /// Machine-readable reasons.
    public enum Code: String, Sendable, Codable {
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
        /// The file is reached through a symbolic link (refused without `allowOutside`).
        case fileSymlink = "case.file-symlink"
        case badDate = "case.bad-date"
        case dateOrder = "case.date-order"
        case negativeAmount = "case.negative-amount"
        case badAmount = "case.bad-amount"
        case orderIDNotDigits = "case.order-id-not-digits"
        case orderIDLength = "case.order-id-length"
        case duplicateEntry = "case.duplicate-entry"
        case noEvidence = "case.no-evidence"
        /// `init` would overwrite an existing case file.
        case alreadyExists = "case.already-exists"
        /// `init` was given something that is not a folder, or the file could not be written.
        case cannotWrite = "case.cannot-write"
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
