import Foundation

/// The queue as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or
/// line break, quotes doubled), UTF-8 with a byte-order mark so that Excel reads the Chinese.
public enum DeskCSV {
    /// The header row's columns.
    public static let columns = ["id", "received_at", "source", "status", "category", "order_number", "shop", "decision",
                                 "decided_by", "duplicate_of", "bag_digest", "sha256", "size", "seal_times", "problems"]

    /// The document's bytes.
    public static func document(_ records: [BundleRecord]) -> [UInt8] {
        var text = line(columns)
        for record in records {
            text += line([record.id, record.receivedAt, record.source, record.status, record.category ?? "", record.orderNumber ?? "",
                          record.shop ?? "", record.decision?.rawValue ?? "", record.decidedBy ?? "", record.duplicateOf ?? "",
                          record.bagDigest ?? "", record.sha256, String(record.size), record.sealTimes.joined(separator: " "),
                          record.problems.map(\.code.rawValue).joined(separator: " ")])
        }
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when needed. A field starting with `=`, `+`, `-` or `@` is prefixed
    /// with `'` so that a spreadsheet does not run it as a formula (shop names come from strangers).
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
