/// One observation about a file: a machine-readable code, how serious it is, and a message
/// in both languages that says what is wrong and what to do.
public struct Finding: Sendable, Codable, Hashable {
    /// How much a finding weighs.
    public enum Severity: String, Sendable, Codable, Comparable {
        /// The file is corrupt, unsafe or unreadable: it cannot count as evidence.
        case error
        /// Something the user should look at; the file may still count.
        case warning
        /// A fact worth knowing.
        case info

        private var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A stable, dotted code a script can branch on, e.g. `png.corrupt` or `type.extension-mismatch`.
    public var code: String
    /// How serious the finding is.
    public var severity: Severity
    /// What was found and what to do, in zh and en.
    public var message: LocalizedText

    /// Creates a finding.
    public init(code: String, severity: Severity, message: LocalizedText) {
        self.code = code
        self.severity = severity
        self.message = message
    }
}

extension Finding {
    static func error(_ code: String, zh: String, en: String) -> Finding {
        Finding(code: code, severity: .error, message: LocalizedText(zh: zh, en: en))
    }
    static func warning(_ code: String, zh: String, en: String) -> Finding {
        Finding(code: code, severity: .warning, message: LocalizedText(zh: zh, en: en))
    }
    static func info(_ code: String, zh: String, en: String) -> Finding {
        Finding(code: code, severity: .info, message: LocalizedText(zh: zh, en: en))
    }
}
