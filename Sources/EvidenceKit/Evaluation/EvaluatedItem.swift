/// What the completeness evaluator needs to know of one evidence file. Built from a case item
/// and its inspection (check, pack) or from a bundle's manifest item (verify).
public struct EvaluatedItem: Sendable, Codable, Hashable {
    /// The role the case gives the file.
    public var role: EvidenceRole
    /// The broad kind of its content.
    public var kind: MediaKind
    /// The inspection verdict.
    public var status: InspectedFile.Status
    /// Lower-case hex SHA-256 of the content.
    public var sha256: String
    /// The name to show (the case's path, or the original file name).
    public var displayName: String
    /// EXIF or container capture time, when known (`YYYY-MM-DDTHH:MM:SS[±HH:MM]`).
    public var captureTime: String?
    /// What the file's content says (role cues and facts), when it was read; the cross-checks
    /// (``EvidenceCrossCheck``) and the deadline advice (``DeadlineAdvisor``) use its facts.
    public var reading: ContentReading?

    /// Whether the file may count at all (intact and acceptable).
    public var counts: Bool { status == .ok }

    /// Creates an item.
    public init(role: EvidenceRole, kind: MediaKind, status: InspectedFile.Status, sha256: String, displayName: String, captureTime: String?,
                reading: ContentReading? = nil) {
        self.role = role
        self.kind = kind
        self.status = status
        self.sha256 = sha256
        self.displayName = displayName
        self.captureTime = captureTime
        self.reading = reading
    }

    /// A case item and the inspection of its file.
    public init(item: ComplaintCase.Item, file: InspectedFile) {
        self.init(role: item.role, kind: file.kind, status: file.status, sha256: file.sha256, displayName: item.file,
                  captureTime: file.metadata.captureTime, reading: file.reading)
    }

    /// An item recorded in a bundle's `evidence.json`.
    public init(manifestItem: EvidenceManifest.Item) {
        self.init(role: manifestItem.role, kind: manifestItem.checks.kind, status: manifestItem.checks.status, sha256: manifestItem.sha256,
                  displayName: manifestItem.originalName, captureTime: manifestItem.captureTime, reading: manifestItem.reading)
    }
}
