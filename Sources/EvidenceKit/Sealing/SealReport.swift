/// One seal (RFC 3161 timestamp token) found in a bundle, as checked: what it says and whether
/// it holds. Part of ``VerificationReport/seals``; `evidence seal` reports the seals it added.
public struct SealReport: Sendable, Codable, Hashable {
    /// The verdict on one seal.
    public enum Status: String, Sendable, Codable {
        /// Signed by an authority trusted here, over this bag's tag manifest, intact.
        case valid
        /// Well formed and over this bag's tag manifest, but its signer does not chain to a
        /// trusted root as of its time (unknown CA, no critical timeStamping usage, expired
        /// certificate). A warning, a failure with `--require-seal`.
        case untrusted
        /// Over other bytes than this bag's tag manifest, or with another nonce than recorded:
        /// the bag or the seal was changed (tampering).
        case mismatch
        /// Not a readable time-stamp response or token, not granted, or its signature does not
        /// hold (tampering or damage).
        case invalid
    }

    /// The token's path in the bag (`signatures/tagmanifest-sha256.txt.tsr`).
    public var file: String
    /// The certificate chain file beside it, when present.
    public var certificatesFile: String?
    public var status: Status
    /// The authority's time (TSTInfo genTime), UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    public var time: String?
    /// Who signed: the TSTInfo's `tsa` name, else the signer certificate's subject (RFC 2253).
    public var authority: String?
    /// The authority's policy OID (dotted).
    public var policy: String?
    /// The token's serial number, lower-case hex.
    public var serial: String?
    /// The token's nonce, lower-case hex, when it has one.
    public var nonce: String?
    /// The stamped digest (lower-case hex SHA-256) the token holds.
    public var imprint: String?
    /// What is wrong, in OpenSSL's or our own words (empty when valid).
    public var problems: [String]

    /// Creates a report.
    public init(file: String, certificatesFile: String? = nil, status: Status, time: String? = nil, authority: String? = nil,
                policy: String? = nil, serial: String? = nil, nonce: String? = nil, imprint: String? = nil, problems: [String] = []) {
        self.file = file
        self.certificatesFile = certificatesFile
        self.status = status
        self.time = time
        self.authority = authority
        self.policy = policy
        self.serial = serial
        self.nonce = nonce
        self.imprint = imprint
        self.problems = problems
    }

    enum CodingKeys: String, CodingKey {
        case file, status, time, authority, policy, serial, nonce, imprint, problems
        case certificatesFile = "certificates_file"
    }
}
