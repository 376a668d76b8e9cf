import Foundation

/// A value bound to or read from a statement: the desk's schema uses text and 64-bit integers only.
public enum SQLValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case null

    /// The text, or nil for NULL (an integer as its decimal digits).
    public var text: String? {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .null: nil
        }
    }

    /// The integer, or nil for NULL or text that is not one.
    public var integer: Int? {
        switch self {
        case .integer(let value): value
        case .text(let value): Int(value)
        case .null: nil
        }
    }

    /// `.text(value)` or `.null`.
    public static func optional(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
}

/// One result row, by column name.
public typealias SQLRow = [String: SQLValue]

/// The SQL flavours the desk runs on.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// Where the desk keeps its records: SQLite (``SQLiteDeskDatabase``) or PostgreSQL
/// (``PostgresDeskDatabase``). Both run the same SQL, written once in ``DeskRecords`` with `?`
/// placeholders, and the same migrations (`Storage/migrations.json`). Every statement runs
/// alone and commits alone; the only multi-statement transaction is a migration. Several
/// processes may share one database: the UNIQUE constraints decide, not in-process locks.
public protocol DeskDatabase: Sendable {
    /// Which SQL flavour this is.
    var dialect: SQLDialect { get }
    /// Runs one statement (placeholders `?`, bound in order) and returns its rows (empty for
    /// one that returns none).
    func execute(_ sql: String, _ binds: [SQLValue]) async throws(DeskError) -> [SQLRow]
    /// Applies the migrations not yet recorded in `schema_migrations`, each in one transaction.
    func migrate(_ migrations: [Migration]) async throws(DeskError)
    /// Closes the connections.
    func close() async
}

/// One versioned step of the schema.
public struct Migration: Sendable, Decodable, Hashable {
    /// Increasing from 1; recorded in `schema_migrations`.
    public var version: Int
    /// What it does.
    public var name: String
    /// The statements, run in order in one transaction.
    public var statements: [String]

    /// The desk's migrations, compiled in from `Storage/migrations.json`.
    public static let all: [Migration] = {
        struct File: Decodable { var migrations: [Migration] }
        // The file is part of the build: a decoding failure is a programming error caught by the tests.
        return try! JSONDecoder().decode(File.self, from: Data(PackageResources.migrations_json)).migrations
    }()

    /// The statement that records a migration (shared by both databases).
    static let recordSQL = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"
    /// The table of applied migrations (the same in both dialects).
    static let tableSQL = "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
}

/// Opens the database a desk URL names: `postgres://user[:password]@host:port/db`, or a SQLite
/// file path (the default `DIR/desk.sqlite`).
public enum DeskDatabases {
    /// Opens and migrates the database.
    /// - Parameters:
    ///   - url: a `postgres://` URL, or nil for SQLite at `sqlitePath`.
    ///   - sqlitePath: the SQLite file used when `url` is nil.
    public static func open(url: String?, sqlitePath: String) async throws(DeskError) -> any DeskDatabase {
        let database: any DeskDatabase
        if let url {
            database = try PostgresDeskDatabase(url: url)
        } else {
            database = try SQLiteDeskDatabase(path: sqlitePath)
        }
        do {
            try await database.migrate(Migration.all)
        } catch {
            await database.close()
            throw error
        }
        return database
    }
}

/// The current time as the desk records it: ISO 8601 UTC with microseconds (sortable as text).
public func deskTimestamp(_ date: Date = Date()) -> String {
    let interval = date.timeIntervalSince1970
    var seconds = time_t(interval.rounded(.down))
    let micros = Int(((interval - Double(seconds)) * 1_000_000).rounded(.down))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                  Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
}
