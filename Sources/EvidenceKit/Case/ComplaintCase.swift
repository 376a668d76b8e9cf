/// A complaint as the user describes it in `case.yaml` / `case.json` (`Docs/case-file.md`).
/// Field names in files are snake_case (`order_id`, `received_at`...).
public struct ComplaintCase: Sendable, Codable, Hashable {
    /// Where the order was placed.
    public enum Platform: String, Sendable, Codable, CaseIterable {
        case taobao, tmall, other
    }

    /// What the user asks for.
    public enum Claim: String, Sendable, Codable, CaseIterable {
        case refund
        case returnRefund = "return-refund"
        case exchange
        case priceDifference = "price-difference"
        case compensation
    }

    /// The person complaining; written into a bundle only when present.
    public struct Complainant: Sendable, Codable, Hashable {
        public var name: String?
        public var phone: String?
        public var address: String?

        public init(name: String? = nil, phone: String? = nil, address: String? = nil) {
            self.name = name
            self.phone = phone
            self.address = address
        }
    }

    /// One evidence file listed in the case.
    public struct Item: Sendable, Codable, Hashable {
        /// Path relative to the case file's folder.
        public var file: String
        /// What the file is for.
        public var role: EvidenceRole
        /// The user's note on it.
        public var note: String?

        public init(file: String, role: EvidenceRole, note: String? = nil) {
            self.file = file
            self.role = role
            self.note = note
        }
    }

    public var platform: Platform?
    /// Category id (see `evidence rules`), e.g. `quality`.
    public var category: String
    /// Order number: digits only.
    public var orderID: String?
    public var shop: String?
    public var item: String?
    /// Amount paid in CNY, as written (kept as text so `299.00` stays `299.00`).
    public var amountPaid: String?
    /// `YYYY-MM-DD` dates.
    public var orderedAt: String?
    public var receivedAt: String?
    public var foundAt: String?
    public var claim: Claim?
    public var description: String?
    /// Whether the item is a durable good (TV, computer...): the seller then bears the burden of
    /// proof for defects within 6 months of delivery (消保法 Art. 23 para. 3).
    public var durable: Bool?
    public var complainant: Complainant?
    public var evidence: [Item]

    enum CodingKeys: String, CodingKey {
        case platform, category, shop, item, claim, description, durable, complainant, evidence
        case orderID = "order_id"
        case amountPaid = "amount_paid"
        case orderedAt = "ordered_at"
        case receivedAt = "received_at"
        case foundAt = "found_at"
    }

    public init(category: String, evidence: [Item] = []) {
        self.category = category
        self.evidence = evidence
    }
}
