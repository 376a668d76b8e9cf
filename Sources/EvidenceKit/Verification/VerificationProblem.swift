/// One thing wrong with a bundle, found by ``BundleVerifier``. Every problem names the entry or
/// file it concerns; a report lists all of them, not only the first.
public struct VerificationProblem: Sendable, Codable, Hashable {
    /// Machine-readable reasons, dotted: `safety.*` (refused before reading content),
    /// `limits.*`, `archive.*`, `zip.*` (the container), `bag.*` (RFC 8493 fixity and
    /// completeness), `content.*` (what payload files really are), `meaning.*` (`evidence.json` against the bag),
    /// `read.*` (unreadable).
    public enum Code: String, Sendable, Codable, CaseIterable {
        case cannotOpen = "read.cannot-open"
        case unsupportedFormat = "read.unsupported-format"

        case absolutePath = "safety.absolute-path"
        case pathTraversal = "safety.path-traversal"
        case backslash = "safety.backslash"
        case invalidName = "safety.invalid-name"
        case nameNotUTF8 = "safety.name-not-utf8"
        case nameNotNFC = "safety.name-not-nfc"
        case symlink = "safety.symlink"
        case hardlink = "safety.hardlink"
        case specialFile = "safety.special-file"
        case duplicateName = "safety.duplicate-name"
        case duplicateAfterNFC = "safety.duplicate-after-nfc"
        case duplicateAfterCaseFolding = "safety.duplicate-after-case-folding"
        case multipleTopLevel = "safety.multiple-top-level"
        case noTopLevelFolder = "safety.no-top-level-folder"

        case tooManyEntries = "limits.entry-count"
        case totalSizeTooLarge = "limits.total-size"
        case expansionRatioTooHigh = "limits.expansion-ratio"

        case sizeMismatch = "archive.size-mismatch"
        case crcError = "archive.crc-error"
        case truncated = "archive.truncated"
        case corrupt = "archive.corrupt"
        case encrypted = "archive.encrypted"
        case unsupportedCompression = "archive.unsupported-compression"
        case dataAfterEnd = "archive.data-after-end"

        case dataBeforeArchive = "zip.data-before-archive"
        case dataAfterArchive = "zip.data-after-archive"
        case ambiguousEndRecord = "zip.ambiguous-end-record"
        case localHeaderMismatch = "zip.local-header-mismatch"
        case unicodePathMismatch = "zip.unicode-path-mismatch"
        case overlappingEntries = "zip.overlapping-entries"
        case nameNotMarkedUTF8 = "zip.name-not-marked-utf8"
        case malformedZip = "zip.malformed"

        case missingBagitTxt = "bag.missing-bagit-txt"
        case invalidBagitTxt = "bag.invalid-bagit-txt"
        case byteOrderMark = "bag.byte-order-mark"
        case noPayloadManifest = "bag.no-payload-manifest"
        case unsupportedAlgorithm = "bag.unsupported-algorithm"
        case invalidManifestLine = "bag.invalid-manifest-line"
        case duplicateManifestEntry = "bag.duplicate-manifest-entry"
        case missingFile = "bag.missing-file"
        case extraFile = "bag.extra-file"
        case checksumMismatch = "bag.checksum-mismatch"
        case missingTagFile = "bag.missing-tag-file"
        case tagChecksumMismatch = "bag.tag-checksum-mismatch"
        case unlistedTagFile = "bag.unlisted-tag-file"
        case invalidPayloadOxum = "bag.invalid-payload-oxum"

        /// A seal (RFC 3161 token in `signatures/`) stamps other bytes than this bag's tag
        /// manifest, or another nonce than recorded: tampering.
        case sealMismatch = "seal.mismatch"
        /// A seal that cannot be read, was not granted, or whose signature does not hold.
        case sealInvalid = "seal.invalid"
        /// A seal whose authority does not chain to a trusted root as of its time (warning).
        case sealUntrusted = "seal.untrusted"
        /// `--require-seal` and no valid seal.
        case sealRequired = "seal.required"
        case payloadOxumMismatch = "bag.payload-oxum-mismatch"
        case fetchNotSupported = "bag.fetch-not-supported"
        case tagFileTooLarge = "bag.tag-file-too-large"
        case conflictingManifestEntry = "bag.conflicting-manifest-entry"
        case manifestLineStyle = "bag.manifest-line-style"
        case tagFileByteOrderMark = "bag.tag-file-byte-order-mark"
        case invalidTagFileEncoding = "bag.invalid-tag-file-encoding"
        case olderVersion = "bag.older-version"
        case tagFileEncoding = "bag.tag-file-encoding"
        case notPercentEncoded = "bag.not-percent-encoded"
        case hiddenSystemFile = "bag.hidden-system-file"
        case fetchPending = "bag.fetch-pending"
        case invalidFetchLine = "bag.invalid-fetch-line"
        case noSupportedManifest = "bag.no-supported-manifest"
        case notAsPacked = "bag.not-as-packed"
        case weakAlgorithm = "bag.weak-algorithm"

        case contentUnacceptable = "content.unacceptable"
        case contentCorrupt = "content.corrupt"
        case contentNotRead = "content.not-read"

        case notAnEvidenceBundle = "meaning.not-an-evidence-bundle"
        case invalidEvidenceJSON = "meaning.invalid-evidence-json"
        case unsupportedFormatVersion = "meaning.unsupported-format-version"
        case itemNotInBag = "meaning.item-not-in-bag"
        case fileNotInEvidenceJSON = "meaning.file-not-in-evidence-json"
        case duplicateItem = "meaning.duplicate-item"
        case itemSizeMismatch = "meaning.size-mismatch"
        case itemHashMismatch = "meaning.hash-mismatch"
        case roleMismatch = "meaning.role-mismatch"
        case categoryMismatch = "meaning.category-mismatch"
        case completenessInconsistent = "meaning.completeness-inconsistent"
        case completenessMismatch = "meaning.completeness-mismatch"
        case completenessNotRecomputed = "meaning.completeness-not-recomputed"
        case rulesVersionDiffers = "meaning.rules-version-differs"
        case typeMismatch = "meaning.type-mismatch"
        case checksMismatch = "meaning.checks-mismatch"
        case captureTimeMismatch = "meaning.capture-time-mismatch"
        case roleImplausible = "meaning.role-implausible"

        // `verify --read` (BundleReading): the payload's text read again.
        case readingRoleDiffers = "meaning.reading-role-differs"
        case readingFactsDiffer = "meaning.reading-facts-differ"
        case readingDiffers = "meaning.reading-differs"
        case readingNotRecorded = "meaning.reading-not-recorded"
        case readingSkipped = "meaning.reading-skipped"
        case orderNumberContradiction = "meaning.order-number-contradiction"
        case evidenceDisagrees = "meaning.evidence-disagrees"

        /// How the problem weighs on the verdict.
        public var severity: Severity {
            switch self {
            case .cannotOpen, .unsupportedFormat, .noSupportedManifest, .contentNotRead: .unreadable
            case .sealUntrusted: .warning
            case .unlistedTagFile, .completenessNotRecomputed, .rulesVersionDiffers, .duplicateManifestEntry,
                 .manifestLineStyle, .tagFileByteOrderMark, .weakAlgorithm, .notPercentEncoded, .hiddenSystemFile, .unsupportedAlgorithm,
                 .contentUnacceptable, .contentCorrupt, .roleImplausible,
                 .readingRoleDiffers, .readingFactsDiffer, .readingDiffers, .evidenceDisagrees: .warning
            case .notAnEvidenceBundle, .olderVersion, .tagFileEncoding, .fetchPending,
                 .readingNotRecorded, .readingSkipped: .notice
            default: .error
            }
        }
    }

    /// How a problem weighs on the verdict.
    public enum Severity: String, Sendable, Codable, Comparable {
        /// Informational: the verdict is unchanged.
        case notice
        /// Worth a look; the verdict is unchanged.
        case warning
        /// The bundle is invalid, unsafe or tampered with.
        case error
        /// The bundle could not be read at all.
        case unreadable

        private var rank: Int {
            switch self { case .notice: 0; case .warning: 1; case .unreadable: 2; case .error: 3 }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The reason.
    public var code: Code
    /// The archive entry or bag file concerned (`nil` for the bundle as a whole).
    public var entry: String?
    /// What was expected (a checksum, a size, a name...), when there is one.
    public var expected: String?
    /// What was found instead.
    public var found: String?
    /// Extra detail, e.g. libarchive's own words.
    public var detail: String?

    /// Creates a problem.
    public init(_ code: Code, entry: String? = nil, expected: String? = nil, found: String? = nil, detail: String? = nil) {
        self.code = code
        self.entry = entry
        self.expected = expected
        self.found = found
        self.detail = detail
    }

    /// The problem's weight, from its code.
    public var severity: Severity { code.severity }

    enum CodingKeys: String, CodingKey {
        case code, entry, expected, found, detail, severity, message
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encodeIfPresent(entry, forKey: .entry)
        try container.encodeIfPresent(expected, forKey: .expected)
        try container.encodeIfPresent(found, forKey: .found)
        try container.encodeIfPresent(detail, forKey: .detail)
        try container.encode(severity, forKey: .severity)
        try container.encode(message, forKey: .message)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(Code.self, forKey: .code)
        entry = try container.decodeIfPresent(String.self, forKey: .entry)
        expected = try container.decodeIfPresent(String.self, forKey: .expected)
        found = try container.decodeIfPresent(String.self, forKey: .found)
        detail = try container.decodeIfPresent(String.self, forKey: .detail)
    }
}
