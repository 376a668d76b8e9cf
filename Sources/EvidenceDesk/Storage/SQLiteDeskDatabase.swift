import Foundation
import GRDB

/// The desk's records in one SQLite file (GRDB, write-ahead log), so that one command starts a
/// working desk. Several desk processes on one machine may share the file: writes wait for one
/// another (busy timeout) and the schema's UNIQUE constraints decide races.
public final class SQLiteDeskDatabase: DeskDatabase {
    private let pool: DatabasePool
    private let path: String
    public var dialect: SQLDialect { .sqlite }

    /// Opens (creating) the file at `path`.
    public init(path: String) throws(DeskError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw DeskError(.databaseUnavailable, path, detail: "\(error)")
        }
    }

    public func execute(_ sql: String, _ binds: [SQLValue]) async throws(DeskError) -> [SQLRow] {
        let arguments = StatementArguments(binds.map(Self.databaseValue))
        do {
            return try await pool.writeWithoutTransaction { db in
                try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.row)
            }
        } catch {
            throw DeskError(.query, path, detail: "\(error)")
        }
    }

    public func migrate(_ migrations: [Migration]) async throws(DeskError) {
        do {
            try await pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: Migration.tableSQL)
                    let applied = Set(try Int.fetchAll(db, sql: "SELECT version FROM schema_migrations"))
                    for migration in migrations where !applied.contains(migration.version) {
                        for statement in migration.statements { try db.execute(sql: statement) }
                        try db.execute(sql: Migration.recordSQL,
                                       arguments: [migration.version, migration.name, deskTimestamp()])
                    }
                    return .commit
                }
            }
        } catch {
            throw DeskError(.migration, path, detail: "\(error)")
        }
    }

    public func close() async {
        try? pool.close()
    }

    private static func databaseValue(_ value: SQLValue) -> (any DatabaseValueConvertible)? {
        switch value {
        case .text(let text): text
        case .integer(let number): Int64(number)
        case .null: nil
        }
    }

    private static func row(_ row: Row) -> SQLRow {
        var result: SQLRow = [:]
        for (name, value) in row {
            switch value.storage {
            case .null: result[name] = .null
            case .int64(let number): result[name] = .integer(Int(number))
            case .double(let number): result[name] = .integer(Int(number))
            case .string(let text): result[name] = .text(text)
            case .blob(let data): result[name] = .text(String(decoding: data, as: UTF8.self))
            }
        }
        return result
    }
}
