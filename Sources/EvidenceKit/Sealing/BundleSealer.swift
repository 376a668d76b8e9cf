import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a sealed bundle goes.
public enum SealOutput: Sendable, Hashable {
    /// A new bundle at this path (the source is left as it is).
    case file(String)
    /// The source bundle itself, replaced only once the sealed one is complete.
    case inPlace
}

/// What `seal` did: the sealed bundle and the seals added to it.
public struct SealResult: Sendable, Codable, Hashable {
    /// The bundle that was sealed.
    public var bundle: String
    /// Where the sealed bundle is (the bundle itself with `--in-place`).
    public var output: String
    /// The bag digest that every new seal stamps: SHA-256 of `tagmanifest-sha256.txt`.
    public var tagManifestSHA256: String
    /// The seals added, in the order of the authorities.
    public var seals: [SealReport]
    /// Seals the bundle already had (kept as they were).
    public var previousSeals: Int

    enum CodingKeys: String, CodingKey {
        case bundle, output, seals
        case tagManifestSHA256 = "tag_manifest_sha256"
        case previousSeals = "previous_seals"
    }
}

/// Seals a bundle with RFC 3161 trusted timestamps (Docs/sealing.md): verifies it, asks each
/// authority for one token over the bag digest (SHA-256 of `tagmanifest-sha256.txt`), checks
/// each answer fully (status, imprint, nonce, signature, critical timeStamping usage, chain to
/// a trusted root as of the token's time), then writes a new bundle that is the old one's
/// entries unchanged plus `signatures/tagmanifest-sha256.txt[.N].tsr` and `.tsr.crt`
/// (harvard-lil/bag-nabit's layout). Nothing is written unless every authority's token holds.
public struct BundleSealer: Sendable {
    /// Verifies the bundle before it is sealed (its limits, rules and trust are used).
    public var verifier: BundleVerifier
    /// Talks to the authorities.
    public var client: TimestampClient
    /// The roots the authorities' certificates must chain to.
    public var trust: SealTrust
    /// `fsync` the sealed bundle before it is renamed into place.
    public var durable: Bool

    /// Creates a sealer.
    /// - Parameters:
    ///   - verifier: the verification run first (a bundle that fails it is refused).
    ///   - client: timeouts and the response size limit.
    ///   - trust: trusted roots (system store, `--tsa-ca` files).
    ///   - durable: `fsync` before the rename (default true).
    public init(verifier: BundleVerifier = BundleVerifier(), client: TimestampClient = TimestampClient(),
                trust: SealTrust = SealTrust(), durable: Bool = true) {
        self.verifier = verifier
        self.client = client
        self.trust = trust
        self.durable = durable
    }

    /// Seals `bundle`.
    /// - Parameters:
    ///   - bundle: a `.zip` or `.tar.gz` bundle, or an unpacked bag folder.
    ///   - authorities: the authorities' URLs; one token from each.
    ///   - output: a new file, or the bundle itself.
    ///   - force: replace an existing output file.
    ///   - verified: a report of `bundle` already made (by `pack --tsa`, say), to skip verifying again.
    /// - Returns: the seals added.
    /// - Throws: ``SealError``.
    public func seal(_ bundle: String, authorities: [String], output: SealOutput, force: Bool = false,
                     verified: VerificationReport? = nil) throws(SealError) -> SealResult {
        guard !authorities.isEmpty else { throw SealError(.badURL, subject: "", detail: "no authority given") }
        for url in authorities where !TimestampClient.isAcceptable(url) { throw SealError(.badURL, subject: url) }
        try trust.validate()
        let target: String
        switch output {
        case .inPlace: target = bundle
        case .file(let path):
            target = path
            if standardized(path) == standardized(bundle) { throw SealError(.outputExists, subject: path, detail: "the bundle itself") }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && (!force || isFolder.boolValue) {
                throw SealError(.outputExists, subject: path)
            }
        }

        // Verify first: only a sound bundle is sealed. A zip's entries are meanwhile copied
        // into the temporary output (the kernel's work, while verification is the CPU's); the
        // copy is removed unless everything below succeeds.
        let before = SourceIdentity(path: bundle)
        let prefix = Self.looksLikeZip(bundle) ? try? ZipPrefixCopy(source: bundle, output: target, durable: durable) : nil
        defer { prefix?.discard() }
        var checking = verifier
        checking.sealTrust = trust
        checking.requireSeal = false
        let report = verified ?? checking.verify(bundle)
        switch report.status {
        case .invalid:
            throw SealError(.bundleInvalid, subject: bundle,
                            detail: report.problems.filter { $0.severity == .error }.map(\.code.rawValue).joined(separator: ", "))
        case .unreadable:
            throw SealError(.bundleUnreadable, subject: bundle, detail: report.problems.map(\.code.rawValue).joined(separator: ", "))
        default:
            break
        }
        guard let bag = report.bag, let digestHex = bag.tagManifestSHA256, let digest = SealCheck.bytes(fromHex: digestHex),
              digest.count == 32, let format = report.format else {
            throw SealError(.noTagManifest, subject: bundle)
        }
        let existing = bag.tagFiles.compactMap(SealLayout.tokenIndex)
        let first = (existing.max() ?? 0) + 1
        guard first - 1 + authorities.count <= SealLayout.maxSeals else {
            throw SealError(.io, subject: bundle, detail: "a bag carries at most \(SealLayout.maxSeals) seals")
        }

        // One token per authority, each checked fully before anything is written.
        var additions: [SealedBundleWriter.Addition] = []
        var seals: [SealReport] = []
        for (offset, url) in authorities.enumerated() {
            let index = first + offset
            guard let request = TimestampOpenSSL.makeRequest(sha256: digest) else {
                throw SealError(.io, subject: url, detail: "OpenSSL could not build the request")
            }
            let answer = try client.post(request.der, to: url)
            let (contents, verdict) = TimestampOpenSSL.verify(answer, digest: digest, chainPEM: nil, request: request, trust: trust)
            var seal = SealReport(file: SealLayout.tokenPath(index), certificatesFile: SealLayout.chainPath(index), status: .valid)
            seal.fill(contents)
            switch verdict {
            case .valid(let chain):
                additions.append((SealLayout.tokenPath(index), answer))
                additions.append((SealLayout.chainPath(index), chain))
            case .untrusted(let reason):
                throw SealError(.authorityUntrusted, subject: url, detail: reason)
            case .mismatch(let reason), .invalid(let reason):
                if let status = contents?.status, status != 0 && status != 1 {
                    throw SealError(.rejected, subject: url, detail: "PKIStatus \(status)")
                }
                if contents == nil, let status = Self.rejectionStatus(answer) {
                    throw SealError(.rejected, subject: url, detail: status)
                }
                throw SealError(.answerFailsChecks, subject: url, detail: reason)
            }
            seals.append(seal)
        }

        if SourceIdentity(path: bundle) != before { throw SealError(.sourceChanged, subject: bundle) }
        try SealedBundleWriter.write(source: bundle, format: format, bagName: bag.name, additions: additions,
                                     output: target, durable: durable, prefix: format == .zip ? prefix : nil)
        return SealResult(bundle: bundle, output: target, tagManifestSHA256: digestHex, seals: seals, previousSeals: existing.count)
    }

    /// Whether `path` is a regular file that starts like a zip (its copy can start early).
    private static func looksLikeZip(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, let file = ByteFile(path: path) else { return false }
        return file.read(at: 0, count: 4) == [0x50, 0x4B, 0x03, 0x04]
    }

    /// A response that holds only a status (no token): its PKIStatus, when it is a refusal.
    private static func rejectionStatus(_ answer: [UInt8]) -> String? {
        // A TimeStampResp without a token is reported by the parser with its status.
        if case .failure(let reason) = TimestampOpenSSL.contents(answer), reason.contains("without a token") {
            return reason
        }
        return nil
    }

    private func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
