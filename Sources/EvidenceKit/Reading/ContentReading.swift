/// What a file says, as far as EvidenceKit understood it: the role its content shows and the
/// facts it states. Built from ``ReadText`` (OCR, PDF text) or from a recognised text export
/// (chat export, Alipay bill) by ``ContentInterpreter``.
public struct ContentReading: Sendable, Codable, Hashable {
    /// Where the text came from.
    public enum Source: String, Sendable, Codable, CaseIterable {
        /// OCR of an image.
        case ocr
        /// The text layer of a PDF.
        case pdfText = "pdf-text"
        /// OCR of scanned PDF pages (possibly mixed with text-layer pages).
        case pdfOCR = "pdf-ocr"
        /// A WeChat exporter's TXT (`{time} {name}` header lines, then the content).
        case wechatTXT = "wechat-txt"
        /// A WeChat exporter's CSV (`localId, TalkerId, Type, ... StrContent, StrTime ...`).
        case wechatCSV = "wechat-csv"
        /// A chat copied as plain text (Qianniu/Wangwang: time and speaker lines).
        case chatText = "chat-text"
        /// An Alipay bill CSV (legacy 16-column or current 12-column layout).
        case alipayCSV = "alipay-csv"
        /// Plain text of no recognised structure.
        case plainText = "plain-text"
    }

    /// Where the text came from.
    public var source: Source
    /// The engine or parser, e.g. "tesseract 5.3.0 chi_sim+eng", "poppler 22.02.0", "wechat-csv v1".
    public var engine: String
    /// Number of text lines read.
    public var lineCount: Int
    /// True when a bound (pages, pixels, time, bytes) cut the reading short.
    public var truncated: Bool
    /// The role the content shows; nil when no role's cues were found.
    public var role: RoleAssessment?
    /// The facts stated, in the order they were found (at most one per kind unless the kind
    /// repeats legitimately, e.g. several order numbers on a bill list).
    public var facts: [Fact]

    /// Creates a reading.
    public init(source: Source, engine: String, lineCount: Int, truncated: Bool, role: RoleAssessment?, facts: [Fact]) {
        self.source = source
        self.engine = engine
        self.lineCount = lineCount
        self.truncated = truncated
        self.role = role
        self.facts = facts
    }

    /// The first fact of a kind.
    public func fact(_ kind: Fact.Kind) -> Fact? { facts.first { $0.kind == kind } }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case source, engine, truncated, role, facts
        case lineCount = "line_count"
    }
}

/// Why a file was given its role.
public enum RoleBasis: String, Sendable, Codable, CaseIterable {
    /// The case file says so (always wins).
    case caseFile = "case"
    /// The text the file shows (OCR, PDF text, export structure).
    case content
    /// The file's metadata (camera EXIF: a photo; OFD: an invoice; a video).
    case metadata
    /// The file or folder name (the last resort).
    case name
}

/// A role with how sure EvidenceKit is and what decided it.
public struct RoleAssessment: Sendable, Codable, Hashable {
    /// The role.
    public var role: EvidenceRole
    /// What decided it.
    public var basis: RoleBasis
    /// 0...1: 1 for the case file; for content, how strongly the cues point at this role
    /// rather than the next best.
    public var confidence: Double
    /// The cues that decided it: cue words found in the text ("订单编号", "实付款"), structure
    /// ("wechat-csv header"), metadata ("camera EXIF: Xiaomi 14"), or the name keyword.
    public var cues: [String]

    /// Creates an assessment.
    public init(role: EvidenceRole, basis: RoleBasis, confidence: Double, cues: [String]) {
        self.role = role
        self.basis = basis
        self.confidence = confidence
        self.cues = cues
    }
}

/// One fact a file states, with the text line it was read from.
public struct Fact: Sendable, Codable, Hashable {
    /// What kind of fact.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Taobao/Tmall order number (18-19 digits), as shown.
        case orderNumber = "order_number"
        /// Amount paid, yuan with two decimals, no sign ("256.00").
        case amountPaid = "amount_paid"
        /// Order creation time.
        case orderedAt = "ordered_at"
        /// Payment time.
        case paidAt = "paid_at"
        /// Shipping time.
        case shippedAt = "shipped_at"
        /// Signing (delivery) time.
        case signedAt = "signed_at"
        /// Shop name.
        case shop
        /// Courier company.
        case courier
        /// Tracking (waybill) number, as shown.
        case trackingNumber = "tracking_number"
        /// Alipay trade number (28 digits starting with the date).
        case tradeNumber = "trade_number"
        /// Merchant company name (licence, bill counterparty).
        case merchantName = "merchant_name"
        /// Unified social credit code (18 characters, GB 32100-2015).
        case creditCode = "credit_code"
    }

    /// What kind of fact.
    public var kind: Kind
    /// The value, normalised: times `YYYY-MM-DD HH:MM:SS` (seconds `:00` when not shown),
    /// amounts with two decimals, numbers and codes as shown without spaces.
    public var value: String
    /// The text line it came from, as read.
    public var line: String

    /// Creates a fact.
    public init(kind: Kind, value: String, line: String) {
        self.kind = kind
        self.value = value
        self.line = line
    }
}
