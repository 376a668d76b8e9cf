import EvidenceKit
import Foundation

/// One desk: its folder (the store, and the SQLite file unless a PostgreSQL URL is given), its
/// records and its intake. Front ends (`evidence desk`) open one, run the inbox watcher and
/// the HTTP app on it, and close it.
public struct Desk: Sendable {
    /// The desk folder.
    public let folder: String
    public let store: BundleStore
    public let records: DeskRecords
    public let pipeline: IntakePipeline

    /// The default folder: `$XDG_DATA_HOME/evidencekit/desk` or `~/.local/share/evidencekit/desk`.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/evidencekit/desk" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/evidencekit/desk"
    }

    /// The SQLite file inside a desk folder.
    public static func sqlitePath(folder: String) -> String { folder + "/desk.sqlite" }

    /// Opens (creating the folder, the store and the schema) a desk.
    /// - Parameters:
    ///   - folder: the desk folder.
    ///   - databaseURL: `postgres://...`, or nil for `folder/desk.sqlite`.
    public static func open(folder: String, databaseURL: String?) async throws(DeskError) -> Desk {
        let store = BundleStore(root: folder)
        try store.prepare()
        let database = try await DeskDatabases.open(url: databaseURL, sqlitePath: sqlitePath(folder: folder))
        let records = DeskRecords(database: database)
        let pipeline: IntakePipeline
        do {
            pipeline = try IntakePipeline(store: store, records: records)
        } catch {
            await database.close()
            throw DeskError(.store, "rules", detail: "\(error)")
        }
        return Desk(folder: folder, store: store, records: records, pipeline: pipeline)
    }

    /// Closes the database connections.
    public func close() async { await records.database.close() }
}
