import Crypto
import EvidenceKit
import Foundation

/// A person (or agent) who may use the desk. The token itself is never stored, only its SHA-256.
public struct DeskUser: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    public var createdAt: String
}

/// An agent's decision on a bundle. Decisions are never changed: each is a new row and the
/// current decision is the latest.
public struct DeskDecision: Sendable, Codable, Hashable {
    /// The three decisions an agent can take.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case accepted
        case needsMoreEvidence = "needs-more-evidence"
        case rejected
    }
    public var id: String
    public var bundleID: String
    public var decision: Kind
    public var note: String
    /// The user's name.
    public var user: String
    public var decidedAt: String
}

/// One received bundle as filed: its own record even when it is a second copy of one received
/// before (then ``duplicateOf`` names the first, and the store holds the bytes once).
public struct BundleRecord: Sendable, Codable, Hashable {
    public var id: String
    /// SHA-256 of the received file (its address in the store).
    public var sha256: String
    public var receivedAt: String
    /// `upload:USER` or `inbox:FILENAME`.
    public var source: String
    public var size: Int
    /// zip, tar, tar.gz.
    public var format: String?
    /// The SHA-256 of the bag's tag manifest, as `evidence pack` prints it.
    public var bagDigest: String?
    public var category: String?
    public var orderNumber: String?
    public var shop: String?
    /// The verifier's verdict (`valid-complete`, `invalid`...).
    public var status: String
    /// Every problem the verifier found.
    public var problems: [VerificationProblem]
    /// The times of the bundle's valid seals.
    public var sealTimes: [String]
    /// The record of the first copy, when this one is a duplicate.
    public var duplicateOf: String?
    /// The current (latest) decision, if any.
    public var decision: DeskDecision.Kind?
    /// Who took the current decision.
    public var decidedBy: String?
}

/// Which records a queue shows: every field optional.
public struct BundleFilter: Sendable, Hashable {
    public var status: String?
    public var category: String?
    /// First day, `YYYY-MM-DD` (UTC), inclusive.
    public var from: String?
    /// Last day, `YYYY-MM-DD` (UTC), inclusive.
    public var to: String?
    /// Searched in the order number and the shop (case-insensitive substring).
    public var text: String?
    public var limit: Int
    public var offset: Int

    public init(status: String? = nil, category: String? = nil, from: String? = nil, to: String? = nil,
                text: String? = nil, limit: Int = 50, offset: Int = 0) {
        self.status = status
        self.category = category
        self.from = from
        self.to = to
        self.text = text
        self.limit = limit
        self.offset = offset
    }
}

/// The new record the intake hands to ``DeskRecords/file(_:intakeKey:report:)``.
public struct NewBundle: Sendable, Hashable {
    public var sha256: String
    public var source: String
    public var size: Int
    public var format: String?
    public var bagDigest: String?
    public var category: String?
    public var orderNumber: String?
    public var shop: String?
    public var status: String
    public var problems: [VerificationProblem]
    public var sealTimes: [String]
}

/// Everything the desk records, written once for both databases.
public struct DeskRecords: Sendable {
    public let database: any DeskDatabase

    public init(database: any DeskDatabase) { self.database = database }

    // MARK: Users

    /// Adds a user and returns the new token (shown once; only its SHA-256 is kept).
    public func addUser(name: String) async throws(DeskError) -> (user: DeskUser, token: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw DeskError(.badFilter, name, detail: "user name") }
        if try await !database.execute("SELECT id FROM users WHERE name = ?", [.text(trimmed)]).isEmpty {
            throw DeskError(.userExists, trimmed)
        }
        var random = SystemRandomNumberGenerator()
        let token = "edk_" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }.joined()
        let user = DeskUser(id: UUID().uuidString.lowercased(), name: trimmed, createdAt: deskTimestamp())
        do {
            _ = try await database.execute("INSERT INTO users (id, name, token_sha256, created_at) VALUES (?, ?, ?, ?)",
                                           [.text(user.id), .text(user.name), .text(Self.tokenHash(token)), .text(user.createdAt)])
        } catch {
            if try await !database.execute("SELECT id FROM users WHERE name = ?", [.text(trimmed)]).isEmpty {
                throw DeskError(.userExists, trimmed)
            }
            throw error
        }
        return (user, token)
    }

    /// The user a token belongs to; nil for an unknown token. The stored hash is compared in
    /// constant time.
    public func user(token: String) async throws(DeskError) -> DeskUser? {
        guard token.utf8.count <= 200 else { return nil }
        let hash = Self.tokenHash(token)
        let rows = try await database.execute("SELECT id, name, created_at, token_sha256 FROM users WHERE token_sha256 = ?", [.text(hash)])
        guard let row = rows.first, let stored = row["token_sha256"]?.text, Self.constantTimeEqual(stored, hash) else { return nil }
        return DeskUser(id: row["id"]?.text ?? "", name: row["name"]?.text ?? "", createdAt: row["created_at"]?.text ?? "")
    }

    /// Every user, by name.
    public func users() async throws(DeskError) -> [DeskUser] {
        try await database.execute("SELECT id, name, created_at FROM users ORDER BY name", []).map {
            DeskUser(id: $0["id"]?.text ?? "", name: $0["name"]?.text ?? "", createdAt: $0["created_at"]?.text ?? "")
        }
    }

    static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    // MARK: Bundles

    private static let columns = "id, sha256, received_at, source, size, format, bag_digest, category, order_number, shop, status, problems, seal_times, duplicate_of"
    private static let currentDecision = """
        (SELECT d.decision FROM decisions d WHERE d.bundle_id = b.id ORDER BY d.decided_at DESC, d.id DESC LIMIT 1) AS decision, \
        (SELECT d.user_name FROM decisions d WHERE d.bundle_id = b.id ORDER BY d.decided_at DESC, d.id DESC LIMIT 1) AS decided_by
        """

    /// Files a bundle: the first copy of its bytes as the original (UNIQUE `original_sha256`),
    /// any later copy as a duplicate of it. `intakeKey` names one intake (an upload, a claimed
    /// inbox file): filing the same key again returns the record filed the first time, so an
    /// intake retried after a crash files nothing twice. Each record is one INSERT, so there is
    /// never half a record.
    /// - Returns: the record and whether this call created it.
    public func file(_ bundle: NewBundle, intakeKey: String, report: VerificationReport) async throws(DeskError) -> (record: BundleRecord, created: Bool) {
        let encoder = EvidenceJSON.encoder(pretty: false)
        let problems = String(decoding: (try? encoder.encode(bundle.problems)) ?? Data("[]".utf8), as: UTF8.self)
        let seals = String(decoding: (try? encoder.encode(bundle.sealTimes)) ?? Data("[]".utf8), as: UTF8.self)
        let reportJSON = String(decoding: (try? encoder.encode(report)) ?? Data("{}".utf8), as: UTF8.self)
        let insert = "INSERT INTO bundles (\(Self.columns), intake_key, original_sha256, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id"
        func values(id: String, duplicateOf: String?) -> [SQLValue] {
            [.text(id), .text(bundle.sha256), .text(deskTimestamp()), .text(bundle.source), .integer(bundle.size),
             .optional(bundle.format), .optional(bundle.bagDigest), .optional(bundle.category), .optional(bundle.orderNumber),
             .optional(bundle.shop), .text(bundle.status), .text(problems), .text(seals), .optional(duplicateOf),
             .text(intakeKey), duplicateOf == nil ? .text(bundle.sha256) : .null, .text(reportJSON)]
        }
        let id = UUID().uuidString.lowercased()
        if try await !database.execute(insert, values(id: id, duplicateOf: nil)).isEmpty {
            return (try await record(id: id)!, true)
        }
        if let filed = try await record(intakeKey: intakeKey) { return (filed, false) }
        guard let original = try await database.execute("SELECT id FROM bundles WHERE original_sha256 = ?", [.text(bundle.sha256)]).first?["id"]?.text else {
            throw DeskError(.query, bundle.sha256, detail: "neither filed nor a duplicate")
        }
        if try await !database.execute(insert, values(id: id, duplicateOf: original)).isEmpty {
            return (try await record(id: id)!, true)
        }
        guard let filed = try await record(intakeKey: intakeKey) else {
            throw DeskError(.query, bundle.sha256, detail: "duplicate not filed")
        }
        return (filed, false)
    }

    /// The original record of these bytes, if they were received before.
    public func original(sha256: String) async throws(DeskError) -> BundleRecord? {
        try await records(where: "b.original_sha256 = ?", [.text(sha256)]).first
    }

    /// The record filed under an intake key, if any.
    public func record(intakeKey: String) async throws(DeskError) -> BundleRecord? {
        try await records(where: "b.intake_key = ?", [.text(intakeKey)]).first
    }

    /// One record by id.
    public func record(id: String) async throws(DeskError) -> BundleRecord? {
        try await records(where: "b.id = ?", [.text(id)]).first
    }

    /// The verifier's whole report for a record.
    public func report(id: String) async throws(DeskError) -> VerificationReport? {
        guard let text = try await database.execute("SELECT report FROM bundles WHERE id = ?", [.text(id)]).first?["report"]?.text else { return nil }
        return try? EvidenceJSON.decoder().decode(VerificationReport.self, from: Data(text.utf8))
    }

    /// The queue: records matching `filter`, newest first, and how many match in all.
    public func list(_ filter: BundleFilter) async throws(DeskError) -> (records: [BundleRecord], total: Int) {
        let (clause, binds) = try Self.whereClause(filter)
        guard filter.limit >= 0, filter.limit <= 10_000, filter.offset >= 0 else {
            throw DeskError(.badFilter, "limit/offset", detail: "0...10000, >= 0")
        }
        let total = try await database.execute("SELECT COUNT(*) AS n FROM bundles b WHERE \(clause)", binds).first?["n"]?.integer ?? 0
        let rows = try await records(where: clause + " ORDER BY b.received_at DESC, b.id DESC LIMIT ? OFFSET ?",
                                     binds + [.integer(filter.limit), .integer(filter.offset)])
        return (rows, total)
    }

    static func whereClause(_ filter: BundleFilter) throws(DeskError) -> (String, [SQLValue]) {
        var parts = ["1 = 1"], binds: [SQLValue] = []
        if let status = filter.status, !status.isEmpty {
            parts.append("b.status = ?")
            binds.append(.text(status))
        }
        if let category = filter.category, !category.isEmpty {
            parts.append("b.category = ?")
            binds.append(.text(category))
        }
        if let from = filter.from, !from.isEmpty {
            guard let day = CivilDate(from) else { throw DeskError(.badFilter, from, detail: "YYYY-MM-DD") }
            parts.append("b.received_at >= ?")
            binds.append(.text(day.description))
        }
        if let to = filter.to, !to.isEmpty {
            guard let day = CivilDate(to) else { throw DeskError(.badFilter, to, detail: "YYYY-MM-DD") }
            parts.append("b.received_at < ?")
            binds.append(.text(day.adding(days: 1).description))
        }
        if let text = filter.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let escaped = text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            parts.append("(LOWER(b.order_number) LIKE ? ESCAPE '\\' OR LOWER(b.shop) LIKE ? ESCAPE '\\')")
            binds += [.text("%\(escaped)%"), .text("%\(escaped)%")]
        }
        return (parts.joined(separator: " AND "), binds)
    }

    private func records(where clause: String, _ binds: [SQLValue]) async throws(DeskError) -> [BundleRecord] {
        let columns = Self.columns.split(separator: ", ").map { "b." + $0 }.joined(separator: ", ")
        let rows = try await database.execute("SELECT \(columns), \(Self.currentDecision) FROM bundles b WHERE \(clause)", binds)
        let decoder = EvidenceJSON.decoder()
        return rows.map { row in
            let problems = row["problems"]?.text.flatMap { try? decoder.decode([VerificationProblem].self, from: Data($0.utf8)) } ?? []
            let seals = row["seal_times"]?.text.flatMap { try? decoder.decode([String].self, from: Data($0.utf8)) } ?? []
            return BundleRecord(id: row["id"]?.text ?? "", sha256: row["sha256"]?.text ?? "", receivedAt: row["received_at"]?.text ?? "",
                                source: row["source"]?.text ?? "", size: row["size"]?.integer ?? 0, format: row["format"]?.text,
                                bagDigest: row["bag_digest"]?.text, category: row["category"]?.text,
                                orderNumber: row["order_number"]?.text, shop: row["shop"]?.text, status: row["status"]?.text ?? "",
                                problems: problems, sealTimes: seals, duplicateOf: row["duplicate_of"]?.text,
                                decision: row["decision"]?.text.flatMap(DeskDecision.Kind.init(rawValue:)),
                                decidedBy: row["decided_by"]?.text)
        }
    }

    // MARK: Decisions

    /// Records a decision (a new row; earlier ones are kept).
    public func decide(bundleID: String, decision: String, note: String, user: DeskUser) async throws(DeskError) -> DeskDecision {
        guard let kind = DeskDecision.Kind(rawValue: decision) else { throw DeskError(.badDecision, decision) }
        guard note.count <= 10_000 else { throw DeskError(.badFilter, "note", detail: "at most 10000 characters") }
        guard try await record(id: bundleID) != nil else { throw DeskError(.notFound, bundleID) }
        let made = DeskDecision(id: UUID().uuidString.lowercased(), bundleID: bundleID, decision: kind, note: note,
                                user: user.name, decidedAt: deskTimestamp())
        _ = try await database.execute("INSERT INTO decisions (id, bundle_id, decision, note, user_name, decided_at) VALUES (?, ?, ?, ?, ?, ?)",
                                       [.text(made.id), .text(bundleID), .text(kind.rawValue), .text(note), .text(user.name), .text(made.decidedAt)])
        return made
    }

    /// Every decision on a bundle, oldest first (the last is the current one).
    public func decisions(bundleID: String) async throws(DeskError) -> [DeskDecision] {
        try await database.execute("SELECT id, bundle_id, decision, note, user_name, decided_at FROM decisions WHERE bundle_id = ? ORDER BY decided_at, id",
                                   [.text(bundleID)]).map { row in
            DeskDecision(id: row["id"]?.text ?? "", bundleID: row["bundle_id"]?.text ?? "",
                         decision: DeskDecision.Kind(rawValue: row["decision"]?.text ?? "") ?? .rejected, note: row["note"]?.text ?? "",
                         user: row["user_name"]?.text ?? "", decidedAt: row["decided_at"]?.text ?? "")
        }
    }
}
