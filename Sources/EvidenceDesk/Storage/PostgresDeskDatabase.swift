import Foundation
import PostgresNIO

/// The desk's records in PostgreSQL (postgres-nio's connection pool), for several desk
/// processes sharing one database and one store. Same statements and migrations as SQLite; the
/// `?` placeholders become `$1, $2...`. Every call is bounded by ``timeout``: a stopped server
/// gives ``DeskError/Code/databaseUnavailable``, never a hang.
public final class PostgresDeskDatabase: DeskDatabase {
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let display: String
    /// The longest one statement (or migration) may wait for the server.
    public let timeout: Duration
    public var dialect: SQLDialect { .postgres }

    /// Connects to `postgres://user[:password]@host[:port]/database` (no TLS: loopback only).
    public init(url: String, timeout: Duration = .seconds(15)) throws(DeskError) {
        guard let components = URLComponents(string: url), components.scheme == "postgres" || components.scheme == "postgresql",
              let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty else {
            throw DeskError(.databaseURL, url)
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !database.isEmpty else { throw DeskError(.databaseURL, url, detail: "no database name") }
        var configuration = PostgresClient.Configuration(host: host, port: components.port ?? 5432, username: user,
                                                         password: components.password, database: database, tls: .disable)
        configuration.options.maximumConnections = 4
        configuration.options.keepAliveBehavior = nil
        let client = PostgresClient(configuration: configuration, backgroundLogger: Self.quietLogger)
        self.client = client
        self.timeout = timeout
        display = "postgres://\(user)@\(host):\(components.port ?? 5432)/\(database)"
        runner = Task { await client.run() }
    }

    public func execute(_ sql: String, _ binds: [SQLValue]) async throws(DeskError) -> [SQLRow] {
        let query = Self.query(sql, binds)
        let client = client
        return try await bounded { () async throws -> [SQLRow] in
            var rows: [SQLRow] = []
            for try await row in try await client.query(query) { rows.append(Self.row(row)) }
            return rows
        }
    }

    public func migrate(_ migrations: [Migration]) async throws(DeskError) {
        let client = client
        let logger = Self.quietLogger
        let table = Self.query(Migration.tableSQL, [])
        // One desk at a time migrates: a transaction-scoped advisory lock (released at COMMIT).
        let lock = Self.query("SELECT pg_advisory_xact_lock(7463356)", [])
        var pending: [(Migration, PostgresQuery, [PostgresQuery])] = []
        for migration in migrations {
            let record = Self.query(Migration.recordSQL, [.integer(migration.version), .text(migration.name), .text(deskTimestamp())])
            pending.append((migration, record, migration.statements.map { Self.query($0, []) }))
        }
        let work = pending
        try await bounded { () async throws -> Void in
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query(lock, logger: logger)
                try await connection.query(table, logger: logger)
                var applied: Set<Int> = []
                for try await row in try await connection.query("SELECT version FROM schema_migrations", logger: logger) {
                    if let version = Self.row(row)["version"]?.integer { applied.insert(version) }
                }
                for (migration, record, statements) in work where !applied.contains(migration.version) {
                    for statement in statements { try await connection.query(statement, logger: logger) }
                    try await connection.query(record, logger: logger)
                }
            }
        }
    }

    /// The library never prints: postgres-nio's logger keeps only what would be critical.
    static var quietLogger: Logger {
        var logger = Logger(label: "evidence-desk")
        logger.logLevel = .critical
        return logger
    }

    public func close() async {
        runner.cancel()
        _ = await runner.value
    }

    /// Runs `body` within ``timeout``; connection failures and timeouts become `databaseUnavailable`,
    /// the server's refusals `query`.
    private func bounded<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws(DeskError) -> T {
        let timeout = timeout
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else {
                    throw DeskError(.databaseUnavailable, display, detail: "no answer within \(timeout)")
                }
                return value
            }
        } catch let error as DeskError {
            throw error
        } catch let error as PSQLError {
            if let server = error.serverInfo?[.message] {
                throw DeskError(.query, display, detail: server)
            }
            throw DeskError(.databaseUnavailable, display, detail: "\(error.code)")
        } catch {
            throw DeskError(.databaseUnavailable, display, detail: "\(error)")
        }
    }

    /// `?` placeholders to `$n` (the desk's statements hold no `?` inside string literals).
    static func query(_ sql: String, _ binds: [SQLValue]) -> PostgresQuery {
        var text = "", index = 0
        for character in sql {
            if character == "?" {
                index += 1
                text += "$\(index)"
            } else {
                text.append(character)
            }
        }
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .text(let string): bindings.append(string)
            case .integer(let number): bindings.append(number)
            case .null: bindings.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }

    static func row(_ row: PostgresRow) -> SQLRow {
        var result: SQLRow = [:]
        for cell in row {
            guard cell.bytes != nil else {
                result[cell.columnName] = .null
                continue
            }
            switch cell.dataType {
            case .int8, .int4, .int2:
                result[cell.columnName] = (try? cell.decode(Int.self)).map(SQLValue.integer) ?? .null
            default:
                result[cell.columnName] = (try? cell.decode(String.self)).map(SQLValue.text) ?? .null
            }
        }
        return result
    }
}
