/// A piece of time advice from the case dates: days left to return, the durable-goods burden
/// shift, photos taken before the item arrived.
public struct TimeAdvice: Sendable, Codable, Hashable {
    /// Machine-readable kinds of advice.
    public enum Code: String, Sendable, Codable {
        /// Days left in the 7-day return window (counted from the day after signing).
        case returnWindowOpen = "time.return-window-open"
        /// The 7-day return window has closed.
        case returnWindowClosed = "time.return-window-closed"
        /// No receipt date: windows cannot be computed.
        case noReceiptDate = "time.no-receipt-date"
        /// No receipt date in the case: the signing time was read from a logistics record, and
        /// the windows below are counted from it (their ``TimeAdvice/readFrom`` names the file).
        case receiptDateRead = "time.receipt-date-read"
        /// Durable goods: the seller bears the burden of proof for defects until the date.
        case durableBurdenOnSeller = "time.durable-burden-on-seller"
        /// Durable goods: the 6 months have passed.
        case durableBurdenEnded = "time.durable-burden-ended"
        /// A photo's capture time is before the receipt date.
        case capturedBeforeReceipt = "time.captured-before-receipt"
    }

    public enum Severity: String, Sendable, Codable {
        case info
        case warning
    }

    public var code: Code
    public var severity: Severity
    public var message: LocalizedText
    /// The date the advice is about (last day of a window), when there is one.
    public var date: String?
    /// Days from `today` to `date` (negative when past).
    public var daysLeft: Int?
    /// The file concerned, for per-file advice.
    public var file: String?
    public var citation: LocalizedText?
    /// The file the date this advice counts from was read from, when the case did not give it
    /// (a logistics record's signing time); nil when the date is the case's own.
    public var readFrom: String? = nil

    enum CodingKeys: String, CodingKey {
        case code, severity, message, date, file, citation
        case daysLeft = "days_left"
        case readFrom = "read_from"
    }
}
