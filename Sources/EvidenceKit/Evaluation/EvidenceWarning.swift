/// Something the evidence says that does not fit the case or the other evidence: another order
/// number, another amount, a photo taken before the parcel was signed for. Found by
/// ``EvidenceCrossCheck`` from the facts read from each file (``ContentReading``). Always a
/// warning: it never makes a case incomplete and never stops a pack; a person decides.
public struct EvidenceWarning: Sendable, Codable, Hashable {
    /// Machine-readable kinds of warning (Docs/reading.md lists them with their wording).
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// A file shows an order number that is not the case's `order_id` (or, without one, not
        /// the order number the other evidence shows).
        case orderNumberMismatch = "evidence.order-number-mismatch"
        /// A file shows an amount paid that is not the case's `amount_paid` (or, without one,
        /// not the amount the other evidence shows).
        case amountMismatch = "evidence.amount-mismatch"
        /// A product photo was taken before the parcel was signed for (signing time read from a
        /// logistics record): it is probably not of the item received.
        case capturedBeforeSigning = "evidence.captured-before-signing"
        /// The case's `received_at` is not the day a logistics record shows the parcel signed for.
        case signingDateMismatch = "evidence.signing-date-mismatch"
        /// The case file gives a file one role, and its content clearly shows another.
        case roleDiffers = "evidence.role-differs"
    }

    /// What kind of warning.
    public var code: Code
    /// The file concerned (as the case or the command line names it).
    public var file: String
    /// The other file, when the disagreement is between two files rather than with the case.
    public var otherFile: String?
    /// The fact concerned, when there is one.
    public var fact: Fact.Kind?
    /// What the case (or ``otherFile``) says.
    public var expected: String?
    /// What ``file`` says.
    public var found: String?
    /// The text line of ``file`` the found value was read from.
    public var line: String?
    /// What is wrong and what to do, naming both values and the file.
    public var message: LocalizedText

    /// Creates a warning.
    public init(code: Code, file: String, otherFile: String? = nil, fact: Fact.Kind? = nil, expected: String? = nil,
                found: String? = nil, line: String? = nil, message: LocalizedText) {
        self.code = code
        self.file = file
        self.otherFile = otherFile
        self.fact = fact
        self.expected = expected
        self.found = found
        self.line = line
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case code, file, fact, expected, found, line, message
        case otherFile = "other_file"
    }
}
