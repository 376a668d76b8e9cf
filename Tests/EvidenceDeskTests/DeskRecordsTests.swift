@testable import EvidenceDesk
import EvidenceKit
import EvidenceTestSupport
import Foundation
import Testing

@Suite("Desk storage and intake, on SQLite and PostgreSQL")
struct DeskRecordsTests {
    @Test("migrations are applied once and recorded", arguments: Backend.allCases)
    func migrations(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let first = try await sandbox.open()
        await first.close()
        let desk = try await sandbox.open()
        defer { Task { await desk.close() } }
        let rows = try await desk.records.database.execute("SELECT version, name FROM schema_migrations ORDER BY version", [])
        #expect(rows.map { $0["version"]?.integer } == Migration.all.map(\.version))
        #expect(Migration.all.first?.version == 1)
    }

    @Test("a bundle is verified, stored by its SHA-256 and recorded; a second copy is a duplicate, stored once", arguments: Backend.allCases)
    func intakeAndDuplicate(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let desk = try await sandbox.open()
        let bundle = try DeskFixtures.bundle(in: sandbox.folder, name: "one", order: "3700000000000000001", shop: "甲店")
        let first = try await desk.pipeline.intake(bundle, source: "upload:alice", intakeKey: "k1")
        #expect(first.created)
        #expect(first.record.duplicateOf == nil)
        #expect(first.record.status == "valid-complete")
        #expect(first.record.orderNumber == "3700000000000000001")
        #expect(first.record.shop == "甲店")
        #expect(first.record.category == "quality")
        #expect(first.record.bagDigest?.count == 64)
        #expect(first.record.source == "upload:alice")
        let (sha, size) = try BundleStore.digest(of: bundle)
        #expect(first.record.sha256 == sha && first.record.size == size)
        #expect(FileManager.default.fileExists(atPath: desk.store.path(sha256: sha)))
        #expect(desk.store.path(sha256: sha).hasSuffix("/store/sha256/\(sha.prefix(2))/\(sha)"))
        let report = try await desk.records.report(id: first.record.id)
        #expect(report?.status == .validComplete)

        let copy = sandbox.folder.file("copy.zip")
        try FileManager.default.copyItem(atPath: bundle, toPath: copy)
        let second = try await desk.pipeline.intake(copy, source: "inbox:copy.zip", intakeKey: "k2")
        #expect(second.created)
        #expect(second.record.id != first.record.id)
        #expect(second.record.duplicateOf == first.record.id)
        #expect(second.record.status == first.record.status)
        let stored = try FileManager.default.subpathsOfDirectory(atPath: sandbox.deskFolder + "/store/sha256").filter { $0.count > 3 }
        #expect(stored.count == 1)
        let all = try await desk.records.list(BundleFilter())
        #expect(all.total == 2)
        await desk.close()
    }

    @Test("filing the same intake key twice (a retried intake) files it once", arguments: Backend.allCases)
    func sameKeyOnce(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let desk = try await sandbox.open()
        let bundle = try DeskFixtures.bundle(in: sandbox.folder, name: "one")
        let first = try await desk.pipeline.intake(bundle, source: "inbox:one.zip", intakeKey: "same")
        let again = try await desk.pipeline.intake(bundle, source: "inbox:one.zip", intakeKey: "same")
        #expect(first.created && !again.created)
        #expect(again.record.id == first.record.id)
        #expect(try await desk.records.list(BundleFilter()).total == 1)
        await desk.close()
    }

    @Test("a tampered bundle and a hostile zip are filed as such, with their problems", arguments: Backend.allCases)
    func tamperedAndHostile(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let desk = try await sandbox.open()
        let good = try DeskFixtures.bundle(in: sandbox.folder, name: "good")
        let tampered = try DeskFixtures.tampered(good, in: sandbox.folder, name: "tampered.zip")
        let hostile = DeskFixtures.hostile(in: sandbox.folder, name: "hostile.zip")
        let t = try await desk.pipeline.intake(tampered, source: "upload:bob", intakeKey: "t")
        #expect(t.record.status == "invalid")
        #expect(!t.record.problems.isEmpty)
        #expect(t.record.duplicateOf == nil)
        let h = try await desk.pipeline.intake(hostile, source: "upload:bob", intakeKey: "h")
        #expect(h.record.status == "invalid")
        #expect(h.record.problems.contains { $0.entry?.contains("../evil") == true || $0.found?.contains("../evil") == true })
        #expect(h.record.bagDigest == nil && h.record.shop == nil)
        // Nothing of the hostile zip was extracted anywhere in the desk folder.
        let everything = try FileManager.default.subpathsOfDirectory(atPath: sandbox.folder.path)
        #expect(!everything.contains { $0.hasSuffix("evil") })
        let invalid = try await desk.records.list(BundleFilter(status: "invalid"))
        #expect(Set(invalid.records.map(\.id)) == [t.record.id, h.record.id])
        await desk.close()
    }

    @Test("decisions are appended, never overwritten; the current one is the latest", arguments: Backend.allCases)
    func decisions(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let desk = try await sandbox.open()
        let bundle = try DeskFixtures.bundle(in: sandbox.folder, name: "one")
        let record = try await desk.pipeline.intake(bundle, source: "upload:a", intakeKey: "k").record
        let (alice, _) = try await desk.records.addUser(name: "alice")
        let (bob, _) = try await desk.records.addUser(name: "bob")
        _ = try await desk.records.decide(bundleID: record.id, decision: "needs-more-evidence", note: "请补充开箱视频", user: alice)
        _ = try await desk.records.decide(bundleID: record.id, decision: "accepted", note: "ok", user: bob)
        let history = try await desk.records.decisions(bundleID: record.id)
        #expect(history.map(\.decision) == [.needsMoreEvidence, .accepted])
        #expect(history.map(\.user) == ["alice", "bob"])
        #expect(history[0].note == "请补充开箱视频")
        let current = try await desk.records.record(id: record.id)
        #expect(current?.decision == .accepted && current?.decidedBy == "bob")
        await #expect(throws: DeskError.self) { _ = try await desk.records.decide(bundleID: record.id, decision: "maybe", note: "", user: bob) }
        await #expect(throws: DeskError.self) { _ = try await desk.records.decide(bundleID: "no-such-id", decision: "accepted", note: "", user: bob) }
        // The schema itself refuses a decision outside the three.
        await #expect(throws: DeskError.self) {
            _ = try await desk.records.database.execute("INSERT INTO decisions (id, bundle_id, decision, note, user_name, decided_at) VALUES ('x', ?, 'maybe', '', 'bob', '2026')", [.text(record.id)])
        }
        #expect(try await desk.records.decisions(bundleID: record.id).count == 2)
        await desk.close()
    }

    @Test("tokens are stored hashed; a wrong token finds nobody; names are unique", arguments: Backend.allCases)
    func tokens(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let desk = try await sandbox.open()
        let (alice, token) = try await desk.records.addUser(name: "alice")
        #expect(token.hasPrefix("edk_") && token.count == 68)
        #expect(try await desk.records.user(token: token) == alice)
        #expect(try await desk.records.user(token: token + "x") == nil)
        #expect(try await desk.records.user(token: "") == nil)
        let stored = try await desk.records.database.execute("SELECT token_sha256 FROM users", []).compactMap { $0["token_sha256"]?.text }
        #expect(stored == [DeskRecords.tokenHash(token)])
        #expect(!stored.contains(token))
        await #expect(throws: DeskError.self) { _ = try await desk.records.addUser(name: "alice") }
        await desk.close()
    }

    @Test("the queue filters by status, category, dates and text, and pages", arguments: Backend.allCases)
    func queueFilters(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let desk = try await sandbox.open()
        let a = try DeskFixtures.bundle(in: sandbox.folder, name: "a", order: "3711111111111111111", shop: "Alpha旗舰店")
        let b = try DeskFixtures.bundle(in: sandbox.folder, name: "b", order: "3722222222222222222", shop: "Beta_Store")
        let bad = DeskFixtures.hostile(in: sandbox.folder, name: "bad.zip")
        for (index, path) in [a, b, bad].enumerated() {
            _ = try await desk.pipeline.intake(path, source: "upload:x", intakeKey: "k\(index)")
        }
        let records = desk.records
        #expect(try await records.list(BundleFilter(text: "alpha")).records.map(\.shop) == ["Alpha旗舰店"])
        #expect(try await records.list(BundleFilter(text: "2222")).records.map(\.shop) == ["Beta_Store"])
        // `_` and `%` are literal characters, not patterns.
        #expect(try await records.list(BundleFilter(text: "a_s")).records.map(\.shop) == ["Beta_Store"])
        #expect(try await records.list(BundleFilter(text: "%")).total == 0)
        #expect(try await records.list(BundleFilter(status: "valid-complete")).total == 2)
        #expect(try await records.list(BundleFilter(category: "quality")).total == 2)
        let today = String(deskTimestamp().prefix(10))
        #expect(try await records.list(BundleFilter(from: today, to: today)).total == 3)
        #expect(try await records.list(BundleFilter(to: "2000-01-01")).total == 0)
        await #expect(throws: DeskError.self) { _ = try await records.list(BundleFilter(from: "yesterday")) }
        let page1 = try await records.list(BundleFilter(limit: 2, offset: 0))
        let page2 = try await records.list(BundleFilter(limit: 2, offset: 2))
        #expect(page1.total == 3 && page1.records.count == 2 && page2.records.count == 1)
        #expect(Set((page1.records + page2.records).map(\.id)).count == 3)
        await desk.close()
    }
}
