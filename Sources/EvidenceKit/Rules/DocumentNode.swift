import Yams

/// Where something sits in a YAML/JSON document: its dotted field path (`categories[2].id`)
/// and its line and column (1-based), when known.
public struct DocumentLocation: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The field path, e.g. `evidence[1].role`; empty for the whole document.
    public var field: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?

    /// Creates a location.
    public init(field: String, line: Int?, column: Int?) {
        self.field = field
        self.line = line
        self.column = column
    }

    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)" + (column.map { ", column \($0)" } ?? "")) }
        if !field.isEmpty { parts.append("field `\(field)`") }
        return parts.joined(separator: ", ")
    }

    /// The location in Chinese words: `第 3 行，字段 evidence[0].role`.
    public var zhDescription: String {
        var parts: [String] = []
        if let line { parts.append("第 \(line) 行" + (column.map { "第 \($0) 列" } ?? "")) }
        if !field.isEmpty { parts.append("字段 \(field)") }
        return parts.joined(separator: "，")
    }
}

/// What is wrong with the shape of a document (a missing field, a wrong type...). Each domain
/// (rules, case files) turns this into its own error type.
struct DocumentProblem: Error, Sendable {
    enum Kind: Sendable {
        case syntax(String)
        case missingField
        case wrongType(expected: String)
        case invalidValue(String)
        case duplicateKey
        case unknownField
    }

    var kind: Kind
    var location: DocumentLocation
}

/// A composed YAML node (JSON is YAML too) together with its field path, so every value read
/// from it can say where it came from.
struct DocumentNode {
    let node: Node
    let field: String

    /// Parses a document; syntax errors and duplicate keys become ``DocumentProblem``s.
    static func parse(_ text: String) throws(DocumentProblem) -> DocumentNode? {
        do {
            guard let root = try Yams.compose(yaml: text) else { return nil }
            return DocumentNode(node: root, field: "")
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw DocumentProblem(kind: .syntax(problem), location: DocumentLocation(field: "", line: mark.line, column: mark.column))
            case let .duplicatedKeysInMapping(duplicates, context):
                throw DocumentProblem(kind: .duplicateKey, location: DocumentLocation(
                    field: duplicates.joined(separator: ", "), line: context.mark.line, column: context.mark.column))
            case let .reader(problem, _, _, _):
                throw DocumentProblem(kind: .syntax(problem), location: DocumentLocation(field: "", line: nil, column: nil))
            default:
                throw DocumentProblem(kind: .syntax(String(describing: error)), location: DocumentLocation(field: "", line: nil, column: nil))
            }
        } catch {
            throw DocumentProblem(kind: .syntax(String(describing: error)), location: DocumentLocation(field: "", line: nil, column: nil))
        }
    }

    var location: DocumentLocation {
        DocumentLocation(field: field, line: node.mark?.line, column: node.mark?.column)
    }

    func problem(_ kind: DocumentProblem.Kind) -> DocumentProblem {
        DocumentProblem(kind: kind, location: location)
    }

    /// Whether the node is an explicit null (`~`, `null`, or nothing after the colon).
    var isNull: Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private func child(_ node: Node, _ name: String) -> DocumentNode {
        DocumentNode(node: node, field: field.isEmpty ? name : field + "." + name)
    }

    /// The mapping's entries in document order, keys as text.
    func entries() throws(DocumentProblem) -> [(key: String, keyLocation: DocumentLocation, value: DocumentNode)] {
        guard let mapping = node.mapping else { throw problem(.wrongType(expected: "mapping")) }
        return mapping.map { pair in
            let key = pair.key.scalar?.string ?? String(describing: pair.key)
            let keyField = field.isEmpty ? key : field + "." + key
            return (key, DocumentLocation(field: keyField, line: pair.key.mark?.line, column: pair.key.mark?.column), child(pair.value, key))
        }
    }

    /// The value under `key`, or nil when absent or null.
    func optional(_ key: String) throws(DocumentProblem) -> DocumentNode? {
        guard let mapping = node.mapping else { throw problem(.wrongType(expected: "mapping")) }
        guard let value = mapping[key] else { return nil }
        let found = child(value, key)
        return found.isNull ? nil : found
    }

    /// The value under `key`; a ``DocumentProblem`` (missing field) when absent.
    func required(_ key: String) throws(DocumentProblem) -> DocumentNode {
        if let value = try optional(key) { return value }
        let missing = field.isEmpty ? key : field + "." + key
        throw DocumentProblem(kind: .missingField, location: DocumentLocation(field: missing, line: node.mark?.line, column: node.mark?.column))
    }

    /// The elements of a sequence.
    func elements() throws(DocumentProblem) -> [DocumentNode] {
        guard let sequence = node.sequence else { throw problem(.wrongType(expected: "list")) }
        return sequence.enumerated().map { index, element in DocumentNode(node: element, field: "\(field)[\(index)]") }
    }

    /// The scalar's text as written (no type resolution: `0123` stays `0123`, `299.00` stays `299.00`).
    func string() throws(DocumentProblem) -> String {
        guard let scalar = node.scalar else { throw problem(.wrongType(expected: "text")) }
        return scalar.string
    }

    /// A whole number.
    func int() throws(DocumentProblem) -> Int {
        guard let scalar = node.scalar, let value = Int(scalar.string) else { throw problem(.wrongType(expected: "integer")) }
        return value
    }

    /// A boolean (`true`/`false`, also `yes`/`no`).
    func bool() throws(DocumentProblem) -> Bool {
        guard let scalar = node.scalar else { throw problem(.wrongType(expected: "true or false")) }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw problem(.wrongType(expected: "true or false"))
        }
    }

    /// A `{zh: ..., en: ...}` text.
    func localizedText() throws(DocumentProblem) -> LocalizedText {
        LocalizedText(zh: try required("zh").string(), en: try required("en").string())
    }
}
