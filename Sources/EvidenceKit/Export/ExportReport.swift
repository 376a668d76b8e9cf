/// What an export wrote, and from what: the content of `export.json` beside the files
/// (Docs/json/export.schema.json) and of `evidence export --json`.
public struct ExportReport: Sendable, Codable, Hashable {
    /// The version of `export.json`'s shape.
    public static let currentFormatVersion = "1"

    /// What the export started from.
    public enum SourceKind: String, Sendable, Codable {
        /// A verified bundle (its payload read from inside it).
        case bundle
        /// A checked case folder (its files read where they are).
        case `case`
    }

    /// One step that made an output file differ from its source.
    public struct Transform: Sendable, Codable, Hashable {
        /// `converted` (another format), `rotated` (turned or mirrored upright for the photo's
        /// EXIF orientation), `scaled`, `recompressed`, `location-removed`, `metadata-removed`,
        /// `first-frame`, `fitted-to-page`, `typeset`, `pages-appended`.
        public var kind: String
        /// The source's MIME type (converted); `exif-orientation-N` with N in 2...8 (rotated).
        public var from: String?
        /// The output's MIME type (converted); `upright` (rotated).
        public var to: String?
        /// The size reached (scaled, fitted-to-page).
        public var width: Int?
        public var height: Int?
        /// JPEG quality (recompressed).
        public var quality: Int?

        public init(kind: String, from: String? = nil, to: String? = nil, width: Int? = nil, height: Int? = nil, quality: Int? = nil) {
            self.kind = kind
            self.from = from
            self.to = to
            self.width = width
            self.height = height
            self.quality = quality
        }
    }

    /// Where part of an output file came from.
    public struct Source: Sendable, Codable, Hashable {
        /// The item's number in the evidence list.
        public var sequence: Int
        /// The path in the bag (`data/...`), or in the case folder for a case export.
        public var path: String
        /// SHA-256 of the source file.
        public var sha256: String
        /// What was done to it on the way.
        public var transforms: [Transform]
        /// The PDF pages holding it (PDF channels).
        public var pages: [Int]?

        public init(sequence: Int, path: String, sha256: String, transforms: [Transform], pages: [Int]? = nil) {
            self.sequence = sequence
            self.path = path
            self.sha256 = sha256
            self.transforms = transforms
            self.pages = pages
        }
    }

    /// One file written into the output folder.
    public struct File: Sendable, Codable, Hashable {
        /// The name in the output folder.
        public var name: String
        public var mimeType: String
        public var size: Int
        public var sha256: String
        /// Pixel size (images) or page count (PDF).
        public var width: Int?
        public var height: Int?
        public var pages: Int?
        public var sources: [Source]

        enum CodingKeys: String, CodingKey {
            case name, size, sha256, width, height, pages, sources
            case mimeType = "mime_type"
        }
    }

    /// Something the channel will not take as it is, or that could not be converted.
    public struct Finding: Sendable, Codable, Hashable {
        /// `export.heic-not-converted`, `export.image-not-converted`, `export.video-too-large`,
        /// `export.not-uploadable`, `export.too-many-files`, `export.description-cut`,
        /// `export.not-typeset`.
        public var code: String
        /// The item concerned, when one is.
        public var sequence: Int?
        public var path: String?
        /// What it means and what to do.
        public var message: LocalizedText
    }

    public var formatVersion: String = currentFormatVersion
    public var tool: EvidenceManifest.Tool = .init()
    /// The channel's profile id.
    public var channel: String
    /// `built-in` or the profile file given.
    public var profileSource: String
    public var language: Language
    public var sourceKind: SourceKind
    /// The bundle or case file exported.
    public var source: String
    /// The bag digest the export refers to (absent for a case folder: nothing is packed yet).
    public var bagDigest: String?
    /// The order number, when the case has one.
    public var orderID: String?
    /// The output folder.
    public var output: String
    public var files: [File]
    public var findings: [Finding]
    /// Whether location data (EXIF GPS) was kept on request (`--keep-location`).
    public var keptLocation: Bool

    enum CodingKeys: String, CodingKey {
        case tool, channel, language, source, output, files, findings
        case formatVersion = "format_version"
        case profileSource = "profile_source"
        case sourceKind = "source_kind"
        case bagDigest = "bag_digest"
        case orderID = "order_id"
        case keptLocation = "kept_location"
    }
}
