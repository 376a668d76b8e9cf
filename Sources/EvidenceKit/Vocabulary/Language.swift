/// A language every user-facing message exists in.
public enum Language: String, Sendable, Codable, CaseIterable {
    case zh
    case en

    /// The language from the environment, as the CLI picks it: `LC_ALL`, then `LC_MESSAGES`,
    /// then `LANG`; Chinese for any `zh*` locale, English otherwise.
    /// - Parameter environment: the process environment (or a test's own dictionary).
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }
}

/// A text written in both product languages.
public struct LocalizedText: Sendable, Codable, Hashable {
    /// The Chinese text.
    public var zh: String
    /// The English text.
    public var en: String

    /// Creates a text from its Chinese and English versions.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public func callAsFunction(_ language: Language) -> String {
        language == .zh ? zh : en
    }
}
