/// Why `seal` added no seal. One type for the domain: a machine-readable ``code``, the URL or
/// file concerned, and a bilingual ``message`` that says what to do. The CLI maps codes to exit
/// codes (Sources/evidence/ExitStatus.swift); the library never exits.
public struct SealError: Error, Sendable, CustomStringConvertible {
    /// Machine-readable reasons (dotted, stable). A struct around a private enum, so that codes
    /// can be added without breaking callers that switch over the known ones.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Kind: String, Sendable, CaseIterable {
            case bundleInvalid = "seal.bundle-invalid"
            case bundleUnreadable = "seal.bundle-unreadable"
            case noTagManifest = "seal.no-tag-manifest"
            case unreachable = "seal.tsa-unreachable"
            case httpStatus = "seal.tsa-http-status"
            case responseTooLarge = "seal.tsa-response-too-large"
            case rejected = "seal.tsa-rejected"
            case answerFailsChecks = "seal.tsa-answer-invalid"
            case authorityUntrusted = "seal.tsa-untrusted"
            case badTrustFile = "seal.bad-ca-file"
            case badURL = "seal.bad-url"
            case outputExists = "seal.output-exists"
            case sourceChanged = "seal.source-changed"
            case io = "seal.io"
        }

        let kind: Kind

        /// The bundle failed verification (tampered, unsafe, damaged): it is not sealed.
        public static let bundleInvalid = Code(kind: .bundleInvalid)
        /// The bundle could not be read at all.
        public static let bundleUnreadable = Code(kind: .bundleUnreadable)
        /// The bag has no `tagmanifest-sha256.txt`, so there is no bag digest to stamp.
        public static let noTagManifest = Code(kind: .noTagManifest)
        /// The authority could not be reached (DNS, connection, timeout).
        public static let unreachable = Code(kind: .unreachable)
        /// The authority answered with an HTTP status other than 200.
        public static let httpStatus = Code(kind: .httpStatus)
        /// The authority's answer was larger than the response limit.
        public static let responseTooLarge = Code(kind: .responseTooLarge)
        /// The authority answered with a PKIStatus other than granted.
        public static let rejected = Code(kind: .rejected)
        /// The answer is not a valid time-stamp response for this request (garbled, wrong
        /// imprint, wrong nonce, bad signature).
        public static let answerFailsChecks = Code(kind: .answerFailsChecks)
        /// The token's signer does not chain to a trusted root as of its time, lacks the
        /// critical timeStamping key usage, or its certificate had expired.
        public static let authorityUntrusted = Code(kind: .authorityUntrusted)
        /// A `--tsa-ca` file could not be read or holds no certificate.
        public static let badTrustFile = Code(kind: .badTrustFile)
        /// The authority's URL is not an http:// or https:// URL.
        public static let badURL = Code(kind: .badURL)
        /// The output exists and replacing it was not asked for.
        public static let outputExists = Code(kind: .outputExists)
        /// The bundle changed while it was being sealed.
        public static let sourceChanged = Code(kind: .sourceChanged)
        /// Reading the bundle or writing the sealed one failed.
        public static let io = Code(kind: .io)

        /// The dotted code, e.g. `seal.tsa-unreachable`.
        public var rawValue: String { kind.rawValue }
        public var description: String { rawValue }
    }

    /// The reason.
    public var code: Code
    /// The authority's URL or the file concerned.
    public var subject: String
    /// Low-level detail: libcurl's, OpenSSL's or the system's words, or the problems found.
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, subject: String, detail: String = "") {
        self.code = code
        self.subject = subject
        self.detail = detail
    }

    /// What went wrong and what to do, in both languages, naming the URL or file.
    public var message: LocalizedText {
        let s = subject, d = detail
        switch code.kind {
        case .bundleInvalid:
            return LocalizedText(zh: "证据包 \(s) 核验未通过（\(d)），未加盖时间戳：只给完好的证据包盖章。",
                                 en: "\(s) failed verification (\(d)); it was not sealed: only a sound bundle gets a seal.")
        case .bundleUnreadable:
            return LocalizedText(zh: "无法读取证据包 \(s)（\(d)）。", en: "Cannot read the bundle \(s) (\(d)).")
        case .noTagManifest:
            return LocalizedText(zh: "\(s) 中没有 tagmanifest-sha256.txt，没有可盖时间戳的证据包指纹。请用 evidence pack 重新打包。",
                                 en: "\(s) has no tagmanifest-sha256.txt, so there is no bag digest to timestamp. Repack it with evidence pack.")
        case .unreachable:
            return LocalizedText(zh: "无法连接时间戳服务 \(s)（\(d)）。请检查网址和网络，或换一个服务。",
                                 en: "Cannot reach the timestamp authority \(s) (\(d)). Check the URL and the network, or use another authority.")
        case .httpStatus:
            return LocalizedText(zh: "时间戳服务 \(s) 返回 HTTP \(d)，没有给出时间戳。请稍后重试或换一个服务。",
                                 en: "The timestamp authority \(s) answered HTTP \(d) and gave no timestamp. Retry later or use another authority.")
        case .responseTooLarge:
            return LocalizedText(zh: "时间戳服务 \(s) 的应答超过 \(d) 字节上限，已丢弃（正常的时间戳只有几 KB）。",
                                 en: "The answer of the timestamp authority \(s) exceeded the \(d)-byte limit and was discarded (a real timestamp is a few KB).")
        case .rejected:
            return LocalizedText(zh: "时间戳服务 \(s) 拒绝了请求（\(d)）。",
                                 en: "The timestamp authority \(s) refused the request (\(d)).")
        case .answerFailsChecks:
            return LocalizedText(zh: "时间戳服务 \(s) 的应答未通过核验（\(d)），未加盖时间戳。",
                                 en: "The answer of the timestamp authority \(s) failed the checks (\(d)); no seal was added.")
        case .authorityUntrusted:
            return LocalizedText(zh: "时间戳服务 \(s) 的证书不受信任（\(d)），未加盖时间戳。若信任该机构，请用 --tsa-ca 给出其根证书。",
                                 en: "The certificate of the timestamp authority \(s) is not trusted (\(d)); no seal was added. If you trust this authority, give its root certificate with --tsa-ca.")
        case .badTrustFile:
            return LocalizedText(zh: "无法读取证书文件 \(s)（\(d)）：应为 PEM 格式的 CA 证书。",
                                 en: "Cannot use the certificate file \(s) (\(d)): it should hold PEM CA certificates.")
        case .badURL:
            return LocalizedText(zh: "时间戳服务网址 \(s) 无效：应以 http:// 或 https:// 开头。",
                                 en: "The timestamp authority URL \(s) is not valid: it should start with http:// or https://.")
        case .outputExists:
            return LocalizedText(zh: "\(s) 已存在，未覆盖。请换一个输出文件名，或用 --in-place 直接替换原证据包。",
                                 en: "\(s) already exists and was not replaced. Choose another output name, or use --in-place to replace the bundle itself.")
        case .sourceChanged:
            return LocalizedText(zh: "加盖时间戳期间 \(s) 发生了变化，已中止，未写出任何文件。请重试。",
                                 en: "\(s) changed while it was being sealed; nothing was written. Retry.")
        case .io:
            return LocalizedText(zh: "读写 \(s) 失败：\(d)。未写出任何文件。请检查磁盘空间和目录写权限。",
                                 en: "Reading or writing \(s) failed: \(d). Nothing was written. Check free disk space and that the folder is writable.")
        }
    }

    public var description: String { "\(code.rawValue): \(message.en)" }
}

extension SealError: EvidenceKitError {}
