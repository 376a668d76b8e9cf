/// How one requirement of a category fares against the evidence: which files satisfy it, or
/// what is missing, why it matters and what to capture.
public struct RequirementReport: Sendable, Codable, Hashable {
    /// One role term of an option, with the files counted for it.
    public struct Term: Sendable, Codable, Hashable {
        public var role: EvidenceRole
        public var minimum: Int
        /// Media kinds that count for the role here.
        public var kinds: [MediaKind]
        /// Display names of the files that count.
        public var files: [String]
        public var found: Int { files.count }
        public var satisfied: Bool { files.count >= minimum }
    }

    /// One alternative: met when every term is.
    public struct Option: Sendable, Codable, Hashable {
        public var terms: [Term]
        public var satisfied: Bool { terms.allSatisfy(\.satisfied) }
    }

    public var id: String
    public var level: Requirement.Level
    public var satisfied: Bool
    public var options: [Option]
    /// Files of the first satisfied option (empty when unmet).
    public var satisfiedBy: [String]
    public var reason: LocalizedText
    public var advice: LocalizedText
    public var citation: LocalizedText?

    enum CodingKeys: String, CodingKey {
        case id, level, satisfied, options, reason, advice, citation
        case satisfiedBy = "satisfied_by"
    }

    /// The gap this requirement leaves, for ``CompletenessResult``; nil when satisfied.
    public var gap: CompletenessResult.Gap? {
        guard !satisfied else { return nil }
        let best = options.max { lhs, rhs in
            lhs.terms.reduce(0) { $0 + min($1.found, $1.minimum) } < rhs.terms.reduce(0) { $0 + min($1.found, $1.minimum) }
        }
        var roles: [EvidenceRole] = []
        for term in options.flatMap(\.terms) where !roles.contains(term.role) { roles.append(term.role) }
        return CompletenessResult.Gap(
            requirement: id, roles: roles,
            minimum: options.map { $0.terms.reduce(0) { $0 + $1.minimum } }.min() ?? 1,
            found: best?.terms.reduce(0) { $0 + min($1.found, $1.minimum) } ?? 0,
            reason: reason, advice: advice, citation: citation)
    }
}
