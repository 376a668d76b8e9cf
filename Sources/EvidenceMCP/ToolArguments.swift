import EvidenceKit
import MCP

/// A tool call's `arguments`, read strictly: an argument the tool does not take, a missing
/// required one or one of the wrong JSON type is an ``MCPToolError`` naming it (the client
/// then shows the message; nothing is guessed).
struct ToolArguments {
    private let values: [String: Value]

    /// Checks that every argument given is one of `known`.
    init(_ values: [String: Value]?, known: [String]) throws(MCPToolError) {
        self.values = values ?? [:]
        if let unknown = self.values.keys.sorted().first(where: { !known.contains($0) }) {
            let list = known.isEmpty ? "—" : known.joined(separator: ", ")
            throw MCPToolError(.unknownArgument, subject: unknown, detail: LocalizedText(zh: list, en: list))
        }
    }

    private static let aString = LocalizedText(zh: "字符串", en: "a string")
    private static let aBoolean = LocalizedText(zh: "布尔值（true 或 false）", en: "a boolean (true or false)")
    private static let aStringList = LocalizedText(zh: "非空的字符串数组", en: "a non-empty array of strings")

    /// A required, non-empty string.
    func string(_ key: String) throws(MCPToolError) -> String {
        guard let value = try optionalString(key) else { throw MCPToolError(.missingArgument, subject: key, detail: Self.aString) }
        return value
    }

    /// An optional string (absent or null: nil); an empty string counts as missing.
    func optionalString(_ key: String) throws(MCPToolError) -> String? {
        guard let value = values[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw MCPToolError(.wrongType, subject: key, detail: Self.aString) }
        if text.isEmpty { throw MCPToolError(.missingArgument, subject: key, detail: Self.aString) }
        return text
    }

    /// An optional boolean, `fallback` when absent or null.
    func bool(_ key: String, default fallback: Bool) throws(MCPToolError) -> Bool {
        guard let value = values[key], !value.isNull else { return fallback }
        guard let flag = value.boolValue else { throw MCPToolError(.wrongType, subject: key, detail: Self.aBoolean) }
        return flag
    }

    /// A required, non-empty array of non-empty strings.
    func strings(_ key: String) throws(MCPToolError) -> [String] {
        guard let value = values[key], !value.isNull else { throw MCPToolError(.missingArgument, subject: key, detail: Self.aStringList) }
        guard let items = value.arrayValue, !items.isEmpty else { throw MCPToolError(.wrongType, subject: key, detail: Self.aStringList) }
        var strings: [String] = []
        for item in items {
            guard let text = item.stringValue, !text.isEmpty else { throw MCPToolError(.wrongType, subject: key, detail: Self.aStringList) }
            strings.append(text)
        }
        return strings
    }
}
