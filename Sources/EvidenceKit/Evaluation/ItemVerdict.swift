/// Whether one evidence file counts towards the category, and if not, why.
public struct ItemVerdict: Sendable, Codable, Hashable {
    /// Why a file does not count.
    public enum Reason: String, Sendable, Codable {
        /// Corrupt, unacceptable, unreadable or skipped by inspection.
        case notIntact = "evidence.not-intact"
        /// Its content kind cannot play its role (a PDF as a product photo).
        case wrongKind = "evidence.wrong-kind"
        /// The same content (SHA-256) as an earlier file.
        case duplicate = "evidence.duplicate"
    }

    /// The display name.
    public var file: String
    public var role: EvidenceRole
    public var counts: Bool
    public var reason: Reason?
    /// Why it does not count and what to do.
    public var message: LocalizedText?
    /// Ids of the requirements it helped satisfy.
    public var usedFor: [String]

    enum CodingKeys: String, CodingKey {
        case file, role, counts, reason, message
        case usedFor = "used_for"
    }
}
