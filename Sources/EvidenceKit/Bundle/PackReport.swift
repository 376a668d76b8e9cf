/// What `pack` wrote: the report the CLI renders (human or `--json`).
public struct PackReport: Sendable, Codable, Hashable {
    /// Where the bundle is.
    public var bundlePath: String
    /// zip or tar.gz.
    public var format: BundleFormat
    /// Lower-case hex SHA-256 of the bundle file; nil unless ``PackOptions/bundleSHA256`` asked
    /// for it (it costs a second SHA-256 pass over the whole bundle).
    public var bundleSHA256: String?
    /// The bag digest: lower-case hex SHA-256 of the bag's `tagmanifest-sha256.txt`. It pins
    /// every file of the bag (the tag manifest holds the digest of `manifest-sha256.txt`, which
    /// holds the digest of every evidence file), it is the same for the zip and the tar.gz of
    /// the same case, and `evidence verify` shows it too. It is what a shopper quotes, or has a
    /// trusted timestamp authority sign (Docs/bundle-format.md).
    public var tagManifestSHA256: String
    /// Size of the bundle file.
    public var bundleBytes: UInt64
    /// The bag's folder name inside the archive.
    public var bagName: String
    /// Number of evidence files packed.
    public var itemCount: Int
    /// Total size of the evidence files.
    public var payloadBytes: UInt64
    /// Complete, or incomplete (only with `allowIncomplete`).
    public var verdict: CompletenessResult.Status
    /// The inspection of every packed file, in evidence-list order.
    public var inspected: [InspectedFile]
    /// The manifest written as `evidence.json`.
    public var manifest: EvidenceManifest
    /// The seals (RFC 3161 timestamps) added by `pack --tsa`; nil when none was asked for.
    public var seals: [SealReport]? = nil
    /// What the evidence says that does not fit the case or the other evidence (also recorded
    /// in `evidence.json`): warnings, the bundle was written all the same.
    public var evidenceWarnings: [EvidenceWarning]
    /// What the bundle shows about the sender (这份证据包会透露的信息): complainant fields,
    /// photo positions, camera serials, phone numbers, addresses, files from outside the folder.
    public var disclosure: Disclosure?

    enum CodingKeys: String, CodingKey {
        case format, verdict, inspected, manifest, seals, disclosure
        case evidenceWarnings = "evidence_warnings"
        case bundlePath = "bundle_path"
        case bundleSHA256 = "bundle_sha256"
        case tagManifestSHA256 = "tag_manifest_sha256"
        case bundleBytes = "bundle_bytes"
        case bagName = "bag_name"
        case itemCount = "item_count"
        case payloadBytes = "payload_bytes"
    }
}
