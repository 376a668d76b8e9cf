/// The result of inspecting one file: what it really is, whether it is intact, and what it
/// probably proves. A value: it crosses from inspection to evaluation and bundle writing.
public struct InspectedFile: Sendable, Codable, Hashable {
    /// Whether the file can count as evidence at all.
    public enum Status: String, Sendable, Codable {
        /// Readable, intact, of an acceptable kind.
        case ok
        /// Damaged, truncated, undecodable or empty.
        case corrupt
        /// An executable, script or non-OFD archive: never acceptable as evidence.
        case unacceptable
        /// Could not be read (permissions, not a regular file, vanished).
        case unreadable
        /// A symbolic link inside a walked folder: reported, not followed.
        case skipped
    }

    /// The path as given or found while walking.
    public var path: String
    /// The last path component.
    public var name: String
    /// Whether the name starts with a dot.
    public var hidden: Bool
    /// Size in bytes.
    public var size: UInt64
    /// Lower-case hex SHA-256 of the content (empty when unreadable).
    public var sha256: String
    /// MIME type from libmagic on the content.
    public var mimeType: String
    /// libmagic's description of the content; empty when the inspection was asked not to
    /// describe (the CLI's human reports, which never show it).
    public var description: String
    /// The broad kind, from the content.
    public var kind: MediaKind
    /// Verdict on the file as evidence.
    public var status: Status
    /// Everything noticed, most serious first.
    public var findings: [Finding]
    /// What could be read of the content.
    public var metadata: FileMetadata
    /// The role the file most probably plays, from content and name; `other` when unsure.
    public var suggestedRole: EvidenceRole
    /// Modification time of the file (seconds since 1970), as read when it was inspected.
    public var modificationTime: Double
    /// How ``suggestedRole`` was decided: content (text read), metadata, or name, with a
    /// confidence and the cues. A case file's role is applied later (check, pack) and wins.
    public var roleAssessment: RoleAssessment?
    /// What the content says (role cues and facts), when the file was read: screenshots and
    /// scans by OCR, PDFs by their text layer, chat and bill exports by their structure. Nil
    /// when reading was not asked for or the file has no text to read.
    public var reading: ContentReading?

    /// Whether the file may count towards a requirement.
    public var counts: Bool { status == .ok }

    /// snake_case, as every EvidenceKit document (``EvidenceJSON``).
    enum CodingKeys: String, CodingKey, CaseIterable {
        case path, name, hidden, size, sha256, description, kind, status, findings, metadata
        case mimeType = "mime_type"
        case suggestedRole = "suggested_role"
        case modificationTime = "modification_time"
        case roleAssessment = "role_assessment"
        case reading
    }
}
