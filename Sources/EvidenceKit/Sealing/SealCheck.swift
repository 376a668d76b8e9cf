/// Checks every seal found under `signatures/` of a bag read by ``BundleVerifier``, offline:
/// the token's imprint against the SHA-256 of the tag manifest as found, its signature, the
/// signer's critical timeStamping usage, and its chain to a trusted root as of the token's time
/// (``SealTrust``). Turns the verdicts into ``VerificationProblem``s: a seal that does not
/// match the bag, or whose signature does not hold, is tampering (error); an untrusted seal is
/// a warning; with `requireSeal`, a bag without any valid seal is an error (`seal.required`).
enum SealCheck {
    static func check(files: [BagFile], trust: SealTrust, requireSeal: Bool) -> (problems: [VerificationProblem], seals: [SealReport]) {
        var byPath: [String: BagFile] = [:]
        for file in files { byPath[file.path] = file }
        let tokens = files.compactMap { file in SealLayout.tokenIndex(file.path).map { (index: $0, file: file) } }
            .sorted { $0.index < $1.index }
        var problems: [VerificationProblem] = []
        var seals: [SealReport] = []
        let digest = byPath[SealLayout.stampedFile]?.digests[.sha256].flatMap(bytes(fromHex:))
        for (index, token) in tokens {
            let chainFile = byPath[SealLayout.chainPath(index)]
            var report = SealReport(file: token.path, certificatesFile: chainFile?.path, status: .invalid)
            guard let digest else {
                report.problems = ["the bag has no tagmanifest-sha256.txt to compare with"]
                seals.append(report)
                problems.append(VerificationProblem(.sealMismatch, entry: token.path, detail: report.problems[0]))
                continue
            }
            guard let bytes = token.content else {
                report.problems = ["the token is \(token.size) bytes, larger than any tag file read"]
                seals.append(report)
                problems.append(VerificationProblem(.sealInvalid, entry: token.path, detail: report.problems[0]))
                continue
            }
            let (contents, verdict) = TimestampOpenSSL.verify(bytes, digest: digest, chainPEM: chainFile?.content,
                                                              request: nil, trust: trust)
            report.fill(contents)
            switch verdict {
            case .valid:
                report.status = .valid
            case .untrusted(let reason):
                report.status = .untrusted
                report.problems = [reason]
                problems.append(VerificationProblem(.sealUntrusted, entry: token.path, found: report.authority, detail: reason))
            case .mismatch(let reason):
                report.status = .mismatch
                report.problems = [reason]
                problems.append(VerificationProblem(.sealMismatch, entry: token.path, expected: hexString(digest),
                                                    found: report.imprint, detail: reason))
            case .invalid(let reason):
                report.status = .invalid
                report.problems = [reason]
                problems.append(VerificationProblem(.sealInvalid, entry: token.path, detail: reason))
            }
            seals.append(report)
        }
        if requireSeal && !seals.contains(where: { $0.status == .valid }) {
            problems.append(VerificationProblem(.sealRequired, entry: SealLayout.folder,
                                                found: seals.isEmpty ? "none" : seals.map(\.status.rawValue).joined(separator: ", ")))
        }
        return (problems, seals)
    }

    /// Bytes from lower-case or upper-case hex (nil when not hex).
    static func bytes(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
}

extension SealReport {
    /// Copies what a token says into the report.
    mutating func fill(_ contents: TimestampOpenSSL.TokenContents?) {
        guard let contents else { return }
        time = contents.time
        authority = contents.authority
        policy = contents.policy.isEmpty ? nil : contents.policy
        serial = contents.serial.isEmpty ? nil : contents.serial
        nonce = contents.nonce
        imprint = hexString(contents.imprint)
    }
}

/// Checks one seal offline, outside a bundle: what ``BundleVerifier`` does for each token it
/// finds under `signatures/`.
public enum SealVerification {
    /// Checks a token against a bag digest.
    /// - Parameters:
    ///   - token: the `.tsr` file's bytes (a TimeStampResp, or a bare token).
    ///   - chain: the `.tsr.crt` file's bytes (PEM), untrusted intermediates only.
    ///   - tagManifestSHA256: the SHA-256 of the bag's `tagmanifest-sha256.txt`, hex.
    ///   - trust: the trusted roots.
    ///   - file: the token's name for the report.
    /// - Returns: the seal's report (status, time, authority, policy, serial, problems).
    public static func check(token: [UInt8], chain: [UInt8]?, tagManifestSHA256: String, trust: SealTrust = SealTrust(),
                             file: String = SealLayout.tokenPath(1)) -> SealReport {
        var report = SealReport(file: file, status: .invalid)
        guard let digest = SealCheck.bytes(fromHex: tagManifestSHA256), digest.count == 32 else {
            report.problems = ["not a SHA-256 digest: \(tagManifestSHA256)"]
            return report
        }
        let (contents, verdict) = TimestampOpenSSL.verify(token, digest: digest, chainPEM: chain, request: nil, trust: trust)
        report.fill(contents)
        switch verdict {
        case .valid: report.status = .valid
        case .untrusted(let reason): report.status = .untrusted; report.problems = [reason]
        case .mismatch(let reason): report.status = .mismatch; report.problems = [reason]
        case .invalid(let reason): report.status = .invalid; report.problems = [reason]
        }
        return report
    }
}
