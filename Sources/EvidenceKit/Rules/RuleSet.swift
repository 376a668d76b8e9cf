import Foundation

/// A versioned set of completeness rules: for each complaint category, the evidence it
/// requires or recommends, why, and on which rule or law. Loaded from data (the bundled
/// `rules.json`, or another file given with `--rules`); see `Docs/rules.md`.
public struct RuleSet: Sendable, Codable, Hashable {
    /// The schema every rules file declares.
    public static let schema = "evidencekit-rules/1"

    /// The schema this rule set follows (``schema``).
    public var schema: String
    /// The version of the rules, recorded in every check and bundle.
    public var version: String
    /// A title for the rule set.
    public var title: LocalizedText
    /// Where the rules come from (platform rules, laws).
    public var source: LocalizedText?
    /// What each role proves and which media kinds may play it.
    public var roles: [RoleRule]
    /// The complaint categories, in the order they are listed.
    public var categories: [RuleCategory]

    /// Creates a rule set from its parts (``load(path:)`` and ``bundled()`` validate; this does not).
    public init(schema: String = RuleSet.schema, version: String, title: LocalizedText, source: LocalizedText?,
                roles: [RoleRule], categories: [RuleCategory]) {
        self.schema = schema
        self.version = version
        self.title = title
        self.source = source
        self.roles = roles
        self.categories = categories
    }

    /// The category with this id, if the rules have it.
    public func category(_ id: String) -> RuleCategory? {
        categories.first { $0.id == id }
    }

    /// The rule for a role; roles the file does not list accept the kinds a role can plausibly have.
    public func role(_ role: EvidenceRole) -> RoleRule {
        roles.first { $0.role == role }
            ?? RoleRule(role: role, kinds: MediaKind.allCases.filter { RoleGuesser.plausibleKinds(for: role).contains($0) },
                        purpose: role.label)
    }

    /// What a piece of evidence in this role proves (证明目的) in a category: the category's own
    /// wording when it has one, else the role's general purpose.
    /// - Returns: nil only when the category is unknown.
    public func purpose(of role: EvidenceRole, in category: String) -> LocalizedText? {
        guard let found = self.category(category) else { return nil }
        return found.purposes[role.rawValue] ?? self.role(role).purpose
    }

    /// Media kinds that may count for `role` in a requirement term (the term's own list, else the role's).
    public func kinds(for term: RoleTerm) -> [MediaKind] {
        term.kinds ?? role(term.role).kinds
    }
}

/// What a role proves in general and which media kinds may play it.
public struct RoleRule: Sendable, Codable, Hashable {
    public var role: EvidenceRole
    /// Kinds of content that count for the role (a PDF is never a product photo).
    public var kinds: [MediaKind]
    /// What the evidence proves (证明目的).
    public var purpose: LocalizedText

    public init(role: EvidenceRole, kinds: [MediaKind], purpose: LocalizedText) {
        self.role = role
        self.kinds = kinds
        self.purpose = purpose
    }
}

/// One complaint category and what makes its evidence complete.
public struct RuleCategory: Sendable, Codable, Hashable {
    /// Stable id, e.g. `quality`.
    public var id: String
    /// The label users see, e.g. 商品质量问题.
    public var label: LocalizedText
    /// Who must prove what in this kind of complaint.
    public var summary: LocalizedText
    /// Category-specific purposes (证明目的) keyed by role id.
    public var purposes: [String: LocalizedText]
    /// Requirements in the order they are shown.
    public var requirements: [Requirement]

    public init(id: String, label: LocalizedText, summary: LocalizedText, purposes: [String: LocalizedText], requirements: [Requirement]) {
        self.id = id
        self.label = label
        self.summary = summary
        self.purposes = purposes
        self.requirements = requirements
    }
}

/// Evidence a category needs: one or more alternatives, any of which satisfies it.
public struct Requirement: Sendable, Codable, Hashable {
    /// Whether missing evidence makes the case incomplete or is advice only.
    public enum Level: String, Sendable, Codable, CaseIterable {
        case required
        case recommended
    }

    /// Id, unique within its category (e.g. `proof-of-purchase`).
    public var id: String
    public var level: Level
    /// Alternatives: the requirement is met when every term of at least one option is met.
    public var options: [RequirementOption]
    /// Why it matters.
    public var reason: LocalizedText
    /// What to capture.
    public var advice: LocalizedText
    /// The platform rule or law article behind it, when there is one.
    public var citation: LocalizedText?

    public init(id: String, level: Level, options: [RequirementOption], reason: LocalizedText, advice: LocalizedText, citation: LocalizedText?) {
        self.id = id
        self.level = level
        self.options = options
        self.reason = reason
        self.advice = advice
        self.citation = citation
    }

    /// Every role named in any option, in order of first mention.
    public var roles: [EvidenceRole] {
        var seen: [EvidenceRole] = []
        for term in options.flatMap(\.terms) where !seen.contains(term.role) { seen.append(term.role) }
        return seen
    }
}

/// One alternative of a requirement: all its terms must be met.
public struct RequirementOption: Sendable, Codable, Hashable {
    public var terms: [RoleTerm]

    public init(terms: [RoleTerm]) { self.terms = terms }
}

/// "At least `minimum` files in `role`, of these kinds".
public struct RoleTerm: Sendable, Codable, Hashable {
    public var role: EvidenceRole
    public var minimum: Int
    /// Kinds that count here; nil means the role's kinds (``RoleRule/kinds``).
    public var kinds: [MediaKind]?

    public init(role: EvidenceRole, minimum: Int, kinds: [MediaKind]? = nil) {
        self.role = role
        self.minimum = minimum
        self.kinds = kinds
    }
}
