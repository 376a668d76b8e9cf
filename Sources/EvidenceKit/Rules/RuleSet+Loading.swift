import Foundation

extension RuleSet {
    /// The rules shipped with EvidenceKit (``bundledDocument``, compiled into the library).
    /// - Throws: ``RulesError`` if the bundled document is broken (a defect a test catches).
    public static func bundled() throws -> RuleSet {
        try parse(bundledDocument, path: "<bundled rules>")
    }

    /// Loads and validates a rules file (JSON or YAML, see `Docs/rules.md`).
    /// - Parameter path: the file.
    /// - Throws: ``RulesError`` naming the file, line and field at fault.
    public static func load(path: String) throws -> RuleSet {
        try load(path: path, displayPath: path)
    }

    static func load(path: String, displayPath: String) throws(RulesError) -> RuleSet {
        try parse(text(ofFile: path, displayPath: displayPath), path: displayPath)
    }

    /// The text of a rules file, read as ``load(path:)`` reads it (for `rules --export`, which
    /// prints what it has just parsed without reading the file again).
    /// - Throws: ``RulesError`` `unreadable` when the file cannot be read or is not UTF-8.
    public static func text(ofFile path: String) throws -> String {
        try text(ofFile: path, displayPath: path)
    }

    static func text(ofFile path: String, displayPath: String) throws(RulesError) -> String {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw RulesError(.unreadable, path: displayPath, location: DocumentLocation(field: "", line: nil, column: nil), detail: "not UTF-8 text")
            }
            text = decoded
        } catch let error as RulesError {
            throw error
        } catch {
            throw RulesError(.unreadable, path: displayPath, location: DocumentLocation(field: "", line: nil, column: nil),
                             detail: (error as NSError).localizedDescription)
        }
        return text
    }

    /// Parses and validates rules from text.
    /// - Parameters:
    ///   - text: the rules document (JSON or YAML).
    ///   - path: the name to use in errors.
    public static func parse(_ text: String, path: String) throws(RulesError) -> RuleSet {
        do {
            guard let root = try DocumentNode.parse(text) else {
                throw DocumentProblem(kind: .syntax("the file is empty"), location: DocumentLocation(field: "", line: nil, column: nil))
            }
            return try RulesParser(path: path).ruleSet(root)
        } catch let problem as DocumentProblem {
            throw RulesError(problem, path: path)
        } catch let error as RulesError {
            throw error
        } catch {
            throw RulesError(.syntax, path: path, location: DocumentLocation(field: "", line: nil, column: nil), detail: "\(error)")
        }
    }
}

extension RulesError {
    init(_ problem: DocumentProblem, path: String) {
        switch problem.kind {
        case .syntax(let detail): self.init(.syntax, path: path, location: problem.location, detail: detail)
        case .missingField: self.init(.missingField, path: path, location: problem.location, detail: "")
        case .wrongType(let expected): self.init(.wrongType, path: path, location: problem.location, detail: expected)
        case .invalidValue(let detail): self.init(.invalidValue, path: path, location: problem.location, detail: detail)
        case .duplicateKey: self.init(.duplicateID, path: path, location: problem.location, detail: problem.location.field)
        case .unknownField: self.init(.unknownField, path: path, location: problem.location, detail: "")
        }
    }
}

/// Reads a rules document into a ``RuleSet``, checking every field on the way.
private struct RulesParser {
    let path: String

    func fail(_ code: RulesError.Code, _ node: DocumentNode, _ detail: String) -> RulesError {
        RulesError(code, path: path, location: node.location, detail: detail)
    }

    func onlyKnownKeys(_ node: DocumentNode, _ known: Set<String>) throws -> Void {
        for entry in try node.entries() where !known.contains(entry.key) {
            throw RulesError(.unknownField, path: path, location: entry.keyLocation, detail: entry.key)
        }
    }

    func ruleSet(_ root: DocumentNode) throws -> RuleSet {
        try onlyKnownKeys(root, ["schema", "version", "title", "source", "roles", "categories"])
        let schemaNode = try root.required("schema")
        let schema = try schemaNode.string()
        guard schema == RuleSet.schema else { throw fail(.unsupportedSchema, schemaNode, schema) }
        let versionNode = try root.required("version")
        let version = try versionNode.string()
        if version.trimmingCharacters(in: .whitespaces).isEmpty { throw fail(.invalidValue, versionNode, "the version is empty") }
        let title = try root.required("title").localizedText()
        let source = try root.optional("source")?.localizedText()

        var roles: [RoleRule] = []
        if let rolesNode = try root.optional("roles") {
            for entry in try rolesNode.entries() {
                guard let role = EvidenceRole(rawValue: entry.key) else {
                    throw RulesError(.unknownRole, path: path, location: entry.keyLocation, detail: entry.key)
                }
                try onlyKnownKeys(entry.value, ["kinds", "purpose"])
                roles.append(RoleRule(role: role, kinds: try kinds(try entry.value.required("kinds")),
                                      purpose: try entry.value.required("purpose").localizedText()))
            }
        }

        let categoriesNode = try root.required("categories")
        let categoryNodes = try categoriesNode.elements()
        if categoryNodes.isEmpty { throw fail(.invalidValue, categoriesNode, "at least one category is needed") }
        var categories: [RuleCategory] = []
        for node in categoryNodes {
            let parsed = try category(node)
            if categories.contains(where: { $0.id == parsed.id }) { throw fail(.duplicateID, try node.required("id"), parsed.id) }
            categories.append(parsed)
        }
        return RuleSet(version: version, title: title, source: source, roles: roles, categories: categories)
    }

    func identifier(_ node: DocumentNode) throws -> String {
        let value = try node.string()
        let allowed = value.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard !value.isEmpty, allowed else {
            throw fail(.invalidValue, node, "“\(value)” must be lower-case letters, digits and hyphens")
        }
        return value
    }

    func category(_ node: DocumentNode) throws -> RuleCategory {
        try onlyKnownKeys(node, ["id", "label", "summary", "purposes", "requirements"])
        let id = try identifier(try node.required("id"))
        var purposes: [String: LocalizedText] = [:]
        if let purposesNode = try node.optional("purposes") {
            for entry in try purposesNode.entries() {
                guard EvidenceRole(rawValue: entry.key) != nil else {
                    throw RulesError(.unknownRole, path: path, location: entry.keyLocation, detail: entry.key)
                }
                purposes[entry.key] = try entry.value.localizedText()
            }
        }
        let requirementsNode = try node.required("requirements")
        var requirements: [Requirement] = []
        for element in try requirementsNode.elements() {
            let parsed = try requirement(element)
            if requirements.contains(where: { $0.id == parsed.id }) { throw fail(.duplicateID, try element.required("id"), parsed.id) }
            requirements.append(parsed)
        }
        if requirements.isEmpty { throw fail(.invalidValue, requirementsNode, "a category needs at least one requirement") }
        return RuleCategory(id: id, label: try node.required("label").localizedText(),
                            summary: try node.required("summary").localizedText(), purposes: purposes, requirements: requirements)
    }

    func requirement(_ node: DocumentNode) throws -> Requirement {
        try onlyKnownKeys(node, ["id", "level", "role", "min", "kinds", "any_of", "reason", "advice", "citation"])
        let id = try identifier(try node.required("id"))
        let levelNode = try node.required("level")
        guard let level = Requirement.Level(rawValue: try levelNode.string()) else {
            throw fail(.invalidValue, levelNode, "level must be “required” or “recommended”")
        }
        var options: [RequirementOption] = []
        if let anyOf = try node.optional("any_of") {
            if try node.optional("role") != nil {
                throw fail(.invalidValue, anyOf, "give either “role” or “any_of”, not both")
            }
            let optionNodes = try anyOf.elements()
            if optionNodes.isEmpty { throw fail(.invalidValue, anyOf, "“any_of” needs at least one option") }
            for optionNode in optionNodes {
                let termNodes = try optionNode.elements()
                if termNodes.isEmpty { throw fail(.invalidValue, optionNode, "an option needs at least one role") }
                var terms: [RoleTerm] = []
                for termNode in termNodes {
                    try onlyKnownKeys(termNode, ["role", "min", "kinds"])
                    let parsed = try term(termNode)
                    if terms.contains(where: { $0.role == parsed.role }) {
                        throw fail(.duplicateID, try termNode.required("role"), parsed.role.rawValue)
                    }
                    terms.append(parsed)
                }
                options.append(RequirementOption(terms: terms))
            }
        } else {
            options = [RequirementOption(terms: [try term(node)])]
        }
        return Requirement(id: id, level: level, options: options,
                           reason: try node.required("reason").localizedText(),
                           advice: try node.required("advice").localizedText(),
                           citation: try node.optional("citation")?.localizedText())
    }

    func term(_ node: DocumentNode) throws -> RoleTerm {
        let roleNode = try node.required("role")
        let name = try roleNode.string()
        guard let role = EvidenceRole(rawValue: name) else { throw fail(.unknownRole, roleNode, name) }
        var minimum = 1
        if let minNode = try node.optional("min") {
            minimum = try minNode.int()
            if minimum < 1 { throw fail(.invalidValue, minNode, "min must be at least 1") }
        }
        let kindList = try node.optional("kinds").map { try kinds($0) }
        return RoleTerm(role: role, minimum: minimum, kinds: kindList)
    }

    func kinds(_ node: DocumentNode) throws -> [MediaKind] {
        let elements = try node.elements()
        if elements.isEmpty { throw fail(.invalidValue, node, "list at least one media kind") }
        return try elements.map { element in
            let name = try element.string()
            guard let kind = MediaKind(rawValue: name) else { throw fail(.unknownKind, element, name) }
            return kind
        }
    }
}
