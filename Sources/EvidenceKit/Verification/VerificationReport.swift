/// The outcome of verifying one bundle: a value the CLI renders (zh/en text, JSON, JSON lines).
public struct VerificationReport: Sendable, Codable, Hashable {
    /// The verdict.
    public enum Status: String, Sendable, Codable {
        /// A valid bag whose evidence is complete.
        case validComplete = "valid-complete"
        /// A valid bag whose evidence is incomplete.
        case validIncomplete = "valid-incomplete"
        /// A valid BagIt bag that is not an EvidenceKit bundle (no `evidence.json`), so
        /// completeness is unknown.
        case validBag = "valid-bag"
        /// A valid "holey" bag (RFC 8493 `fetch.txt`): files listed there are still to be
        /// fetched, so it is not complete; `evidence verify` never fetches them.
        case validHoley = "valid-holey"
        /// Unsafe, damaged or tampered with.
        case invalid
        /// Not a bundle that can be read at all.
        case unreadable

        /// The worst verdict of several bundles (invalid, then unreadable, then incomplete or
        /// plain bag, then complete); `.validComplete` for none.
        public static func worst(of reports: [VerificationReport]) -> Self {
            reports.map(\.status).max { $0.badness < $1.badness } ?? .validComplete
        }

        /// Higher is worse; for several bundles the worst decides the overall verdict.
        public var badness: Int {
            switch self {
            case .validComplete: 0
            case .validIncomplete, .validBag, .validHoley: 1
            case .unreadable: 2
            case .invalid: 3
            }
        }
    }

    /// What the bundle is on disk.
    public enum Format: String, Sendable, Codable {
        case zip
        case tar
        case tarGzip = "tar.gz"
        case folder
    }

    /// What the bag holds, when it could be read.
    public struct BagSummary: Sendable, Codable, Hashable {
        /// The top-level folder's name (the folder's own name for an unpacked bag).
        public var name: String
        /// The BagIt version in `bagit.txt`.
        public var version: String?
        public var payloadFiles: Int
        public var payloadBytes: UInt64
        /// Checksum algorithms of the payload manifests (`sha256`, `sha512`...).
        public var algorithms: [String]
        /// Tag files found (relative to the bag root).
        public var tagFiles: [String]
        /// The SHA-256 of `tagmanifest-sha256.txt` as stored in the bundle (nil when the bag has
        /// none): the one digest that pins every file of the bag (tag manifest -> manifest ->
        /// every payload file). `evidence pack` prints the same value as the "bag digest".
        public var tagManifestSHA256: String?
        /// `Tag-File-Character-Encoding` from `bagit.txt` (`UTF-8` in every bag `pack` writes).
        public var tagFileEncoding: String?
        /// Files a holey bag's `fetch.txt` lists that are not in the bag yet (never fetched).
        public var toFetch: [FetchItem] = []

        /// One line of `fetch.txt` whose file is still to be fetched.
        public struct FetchItem: Sendable, Codable, Hashable {
            /// Where the file is to be fetched from (never contacted).
            public var url: String
            /// The declared length in bytes, nil for `-` (unknown).
            public var length: UInt64?
            /// The bag-relative path it belongs at (`data/...`).
            public var path: String

            /// Creates an item.
            public init(url: String, length: UInt64?, path: String) {
                self.url = url
                self.length = length
                self.path = path
            }
        }

        /// Creates a summary.
        public init(name: String, version: String? = nil, payloadFiles: Int, payloadBytes: UInt64, algorithms: [String],
                    tagFiles: [String], tagManifestSHA256: String? = nil) {
            self.name = name
            self.version = version
            self.payloadFiles = payloadFiles
            self.payloadBytes = payloadBytes
            self.algorithms = algorithms
            self.tagFiles = tagFiles
            self.tagManifestSHA256 = tagManifestSHA256
        }

        enum CodingKeys: String, CodingKey {
            case name, version, algorithms
            case payloadFiles = "payload_files"
            case payloadBytes = "payload_bytes"
            case tagFiles = "tag_files"
            case tagManifestSHA256 = "tag_manifest_sha256"
            case tagFileEncoding = "tag_file_encoding"
            case toFetch = "to_fetch"
        }
    }

    /// What `evidence.json` says, when it could be read.
    public struct EvidenceSummary: Sendable, Codable, Hashable {
        public var category: String
        public var orderID: String?
        public var items: Int
        /// The completeness recorded at packing time.
        public var recorded: CompletenessResult
        /// The completeness recomputed with this program's rules, when a recomputation was available.
        public var recomputed: CompletenessResult?
        /// Items packed as privacy-transformed copies (`--strip-location`), with both SHA-256s;
        /// absent when there are none. Their payload is the copy: it is checked, not "tampered".
        public var transformed: [TransformedItem]?

        enum CodingKeys: String, CodingKey {
            case category, items, recorded, recomputed, transformed
            case orderID = "order_id"
        }
    }

    /// The bundle as given on the command line.
    public var bundle: String
    public var format: Format?
    public var status: Status
    /// Every problem found, in the order found.
    public var problems: [VerificationProblem]
    public var bag: BagSummary?
    public var evidence: EvidenceSummary?
    /// Bytes read and hashed from the payload and tag files.
    public var bytesRead: UInt64
    /// The limits in force.
    public var limits: VerificationLimits
    /// Every seal (RFC 3161 timestamp) found in `signatures/`, checked (empty: not sealed).
    public var seals: [SealReport] = []

    /// Creates a report; the status is derived from the problems and the completeness.
    public init(bundle: String, format: Format?, problems: [VerificationProblem], bag: BagSummary?,
                evidence: EvidenceSummary?, bytesRead: UInt64, limits: VerificationLimits) {
        self.bundle = bundle
        self.format = format
        self.problems = problems
        self.bag = bag
        self.evidence = evidence
        self.bytesRead = bytesRead
        self.limits = limits
        self.status = Self.status(problems: problems, evidence: evidence)
    }

    static func status(problems: [VerificationProblem], evidence: EvidenceSummary?) -> Status {
        let worst = problems.map(\.severity).max() ?? .notice
        if worst == .error { return .invalid }
        if worst == .unreadable { return .unreadable }
        if problems.contains(where: { $0.code == .fetchPending }) { return .validHoley }
        guard let evidence else { return .validBag }
        let verdict = (evidence.recomputed ?? evidence.recorded).status
        return verdict == .complete ? .validComplete : .validIncomplete
    }

    /// The codes of the problems, in order (handy for scripts and tests).
    public var codes: [VerificationProblem.Code] { problems.map(\.code) }

    enum CodingKeys: String, CodingKey {
        case bundle, format, status, problems, bag, evidence, limits, seals
        case bytesRead = "bytes_read"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bundle, forKey: .bundle)
        try c.encodeIfPresent(format, forKey: .format)
        try c.encode(status, forKey: .status)
        try c.encode(problems, forKey: .problems)
        try c.encodeIfPresent(bag, forKey: .bag)
        try c.encodeIfPresent(evidence, forKey: .evidence)
        try c.encode(bytesRead, forKey: .bytesRead)
        try c.encode(limits, forKey: .limits)
        try c.encode(seals, forKey: .seals)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        bundle = try c.decode(String.self, forKey: .bundle)
        format = try c.decodeIfPresent(Format.self, forKey: .format)
        status = try c.decode(Status.self, forKey: .status)
        problems = try c.decode([VerificationProblem].self, forKey: .problems)
        bag = try c.decodeIfPresent(BagSummary.self, forKey: .bag)
        evidence = try c.decodeIfPresent(EvidenceSummary.self, forKey: .evidence)
        bytesRead = try c.decode(UInt64.self, forKey: .bytesRead)
        limits = try c.decode(VerificationLimits.self, forKey: .limits)
        seals = try c.decodeIfPresent([SealReport].self, forKey: .seals) ?? []
    }
}
