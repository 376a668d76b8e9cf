/// The evidence manifest, `evidence.json` at the top of every bundle (Docs/bundle-format.md, "Bundle
/// format v1"). Written by `pack`, read and cross-checked by `verify`. Keys are snake_case.
public struct EvidenceManifest: Sendable, Codable, Hashable {
    /// The bundle format this manifest follows.
    public static let currentFormatVersion = "1"

    /// The program that made the bundle.
    public struct Tool: Sendable, Codable, Hashable {
        public var name: String
        public var version: String

        public init(name: String = ToolInfo.name, version: String = ToolInfo.version) {
            self.name = name
            self.version = version
        }
    }

    /// The outcome of inspecting an item when it was packed.
    public struct Checks: Sendable, Codable, Hashable {
        /// `ok`, `corrupt`, `unacceptable`... (``InspectedFile/Status``).
        public var status: InspectedFile.Status
        /// Codes of the findings (e.g. `type.extension-mismatch`).
        public var findings: [String]
        /// The broad kind of the content.
        public var kind: MediaKind

        public init(status: InspectedFile.Status, findings: [String], kind: MediaKind) {
            self.status = status
            self.findings = findings
            self.kind = kind
        }
    }

    /// One evidence file in the bag.
    public struct Item: Sendable, Codable, Hashable {
        /// 1-based position in the evidence list.
        public var sequence: Int
        /// Path inside the bag, `data/...`, NFC.
        public var path: String
        public var role: EvidenceRole
        /// The file's name as the user had it.
        public var originalName: String
        public var size: UInt64
        /// Lower-case hex SHA-256 of the payload file.
        public var sha256: String
        public var mimeType: String
        /// EXIF or container capture time, when known.
        public var captureTime: String?
        public var checks: Checks
        /// The user's note from the case file.
        public var note: String?
        /// How ``role`` was decided: by the case file (basis `case`, confidence 1). Absent in
        /// bundles made before roles carried their basis.
        public var roleAssessment: RoleAssessment?
        /// What the content said when it was packed: where the text came from (OCR, PDF text,
        /// an export), the role it shows with its confidence and cues, and every fact with the
        /// text line it was read from. Absent when the file was not read (reading off, or
        /// nothing to read: a photo with camera EXIF, a video).
        public var reading: ContentReading?
        /// With a privacy transform: the SHA-256 of the user's original file (``sha256`` is then
        /// the transformed copy's, the one in `data/` and the manifest). Absent otherwise.
        public var originalSHA256: String?
        /// The privacy transform applied to make the copy in `data/`; absent for originals.
        public var transform: PrivacyTransform?
        /// Why the file was accepted from outside the case folder (`--allow-outside`); absent
        /// for files inside it.
        public var outsideCase: OutsideEvidence.Reason?

        /// Creates an item.
        public init(sequence: Int, path: String, role: EvidenceRole, originalName: String, size: UInt64,
                    sha256: String, mimeType: String, captureTime: String?, checks: Checks, note: String?,
                    roleAssessment: RoleAssessment? = nil, reading: ContentReading? = nil) {
            self.sequence = sequence
            self.path = path
            self.role = role
            self.originalName = originalName
            self.size = size
            self.sha256 = sha256
            self.mimeType = mimeType
            self.captureTime = captureTime
            self.checks = checks
            self.note = note
            self.roleAssessment = roleAssessment
            self.reading = reading
        }

        enum CodingKeys: String, CodingKey {
            case sequence, path, role, size, sha256, checks, note, reading
            case roleAssessment = "role_assessment"
            case originalName = "original_name"
            case mimeType = "mime_type"
            case captureTime = "capture_time"
            case originalSHA256 = "original_sha256"
            case transform
            case outsideCase = "outside_case"
        }
    }

    public var formatVersion: String
    public var tool: Tool
    /// Creation time, UTC, RFC 3339 (from `SOURCE_DATE_EPOCH` when set).
    public var createdAt: String
    /// The case as the user described it (its evidence list is the items below).
    public var `case`: ComplaintCase
    public var items: [Item]
    public var completeness: CompletenessResult
    /// The version of the rules the completeness was computed with.
    public var rulesVersion: String
    /// What the evidence said that did not fit the case or the other evidence when it was
    /// packed (``EvidenceCrossCheck``); absent when there was nothing to say.
    public var evidenceWarnings: [EvidenceWarning]?

    /// Creates a manifest.
    public init(formatVersion: String = EvidenceManifest.currentFormatVersion, tool: Tool = Tool(), createdAt: String,
                case complaint: ComplaintCase, items: [Item], completeness: CompletenessResult, rulesVersion: String,
                evidenceWarnings: [EvidenceWarning]? = nil) {
        self.formatVersion = formatVersion
        self.tool = tool
        self.createdAt = createdAt
        self.case = complaint
        self.items = items
        self.completeness = completeness
        self.rulesVersion = rulesVersion
        self.evidenceWarnings = evidenceWarnings
    }

    enum CodingKeys: String, CodingKey {
        case tool, items, completeness
        case evidenceWarnings = "evidence_warnings"
        case `case` = "case"
        case formatVersion = "format_version"
        case createdAt = "created_at"
        case rulesVersion = "rules_version"
    }
}
