/// Whether a case's evidence is enough for its category, and what is missing. Recorded in
/// `evidence.json` by `pack` and recomputed by `verify`.
public struct CompletenessResult: Sendable, Codable, Hashable {
    /// The verdict.
    public enum Status: String, Sendable, Codable {
        case complete
        case incomplete
    }

    /// A requirement that is not met.
    public struct Gap: Sendable, Codable, Hashable {
        /// The requirement's id in the rules.
        public var requirement: String
        /// Roles any of which would satisfy it (alternatives).
        public var roles: [EvidenceRole]
        /// How many files are needed, and how many were found.
        public var minimum: Int
        public var found: Int
        /// Why it matters.
        public var reason: LocalizedText
        /// What to capture to close the gap.
        public var advice: LocalizedText
        /// The platform rule or law article behind it, if any.
        public var citation: LocalizedText?

        public init(requirement: String, roles: [EvidenceRole], minimum: Int, found: Int,
                    reason: LocalizedText, advice: LocalizedText, citation: LocalizedText?) {
            self.requirement = requirement
            self.roles = roles
            self.minimum = minimum
            self.found = found
            self.reason = reason
            self.advice = advice
            self.citation = citation
        }
    }

    public var status: Status
    /// The category evaluated.
    public var category: String
    /// The version of the rules used.
    public var rulesVersion: String
    /// Required evidence that is missing: any entry makes the case incomplete.
    public var missingRequired: [Gap]
    /// Recommended evidence that is missing: advice only.
    public var missingRecommended: [Gap]

    enum CodingKeys: String, CodingKey {
        case status, category
        case rulesVersion = "rules_version"
        case missingRequired = "missing_required"
        case missingRecommended = "missing_recommended"
    }

    public init(status: Status, category: String, rulesVersion: String, missingRequired: [Gap], missingRecommended: [Gap]) {
        self.status = status
        self.category = category
        self.rulesVersion = rulesVersion
        self.missingRequired = missingRequired
        self.missingRecommended = missingRecommended
    }
}
