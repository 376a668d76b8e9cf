@testable import EvidenceDesk
import EvidenceKit
import EvidenceTestSupport
import Foundation
import Testing

@Suite("Desk inbox watcher, on SQLite and PostgreSQL")
struct DeskInboxTests {
    @Test("a file is taken once it stops growing, moved into the store and recorded as inbox:NAME", arguments: Backend.allCases)
    func takesStableFile(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let desk = try await sandbox.open()
        let inbox = sandbox.folder.file("inbox")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let watcher = InboxWatcher(inbox: inbox, pipeline: desk.pipeline, interval: .milliseconds(100))
        let task = Task { try await watcher.run() }
        let bundle = try DeskFixtures.bundle(in: sandbox.folder, name: "one", shop: "收件箱店")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: bundle)))
        // Written in two halves: the first half must not be taken on its own.
        let target = inbox + "/投诉 1.zip"
        FileManager.default.createFile(atPath: target, contents: Data(bytes[0..<(bytes.count / 2)]))
        let handle = try #require(FileHandle(forWritingAtPath: target))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes[(bytes.count / 2)...]))
        try handle.close()
        try await eventually("the inbox file is filed") { try await desk.records.list(BundleFilter()).total == 1 }
        task.cancel()
        try await task.value
        let record = try #require(try await desk.records.list(BundleFilter()).records.first)
        #expect(record.source == "inbox:投诉 1.zip")
        #expect(record.status == "valid-complete")
        #expect(record.shop == "收件箱店")
        #expect(record.sha256 == PackFixtures.sha256(bytes))
        // Moved: gone from the inbox (and its claim folder), the same bytes in the store.
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox).filter { !$0.hasPrefix(".") }.isEmpty)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: inbox + "/.claims").filter { $0.hasSuffix(".zip") }.isEmpty)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: desk.store.path(sha256: record.sha256)))) == bytes)
        await desk.close()
    }

    @Test("claims left by a desk that died are taken over under their intake key: nothing lost, nothing filed twice", arguments: Backend.allCases)
    func recoversAbandonedClaims(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let desk = try await sandbox.open()
        let inbox = sandbox.folder.file("inbox")
        // A process id above the kernel's pid_max is never running.
        let dead = inbox + "/.claims/4194999.dead"
        try FileManager.default.createDirectory(atPath: dead, withIntermediateDirectories: true)
        let filed = try DeskFixtures.bundle(in: sandbox.folder, name: "filed", order: "3733333333333333333")
        let pending = try DeskFixtures.bundle(in: sandbox.folder, name: "pending", order: "3744444444444444444")
        // "filed" was committed before the crash (its claim file not yet removed); "pending" was not.
        try FileManager.default.copyItem(atPath: filed, toPath: dead + "/key-filed--filed.zip")
        try FileManager.default.copyItem(atPath: pending, toPath: dead + "/key-pending--pending.zip")
        _ = try await desk.pipeline.intake(dead + "/key-filed--filed.zip", source: "inbox:filed.zip", intakeKey: "key-filed")
        let watcher = InboxWatcher(inbox: inbox, pipeline: desk.pipeline, interval: .milliseconds(100))
        await watcher.recoverAbandonedClaims()
        let all = try await desk.records.list(BundleFilter())
        #expect(all.total == 2)
        #expect(Set(all.records.map(\.orderNumber)) == ["3733333333333333333", "3744444444444444444"])
        #expect(all.records.allSatisfy { $0.duplicateOf == nil })
        #expect(try await desk.records.record(intakeKey: "key-pending")?.source == "inbox:pending.zip")
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: inbox + "/.claims").filter { $0.hasSuffix(".zip") }.isEmpty)
        await desk.close()
    }

    @Test("two watchers on one inbox and one database file every bundle exactly once", arguments: Backend.allCases)
    func twoWatchers(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let first = try await sandbox.open()
        let second = try await sandbox.open()
        let inbox = sandbox.folder.file("inbox")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let bundles = try (0..<6).map { try DeskFixtures.bundle(in: sandbox.folder, name: "b\($0)", order: "37555555555555555\($0)0") }
        let watchers = [first, second].map { InboxWatcher(inbox: inbox, pipeline: $0.pipeline, interval: .milliseconds(50)) }
        let tasks = watchers.map { watcher in Task { try await watcher.run() } }
        for (index, bundle) in bundles.enumerated() {
            // Each bundle arrives twice under two names: one original, one duplicate.
            try FileManager.default.copyItem(atPath: bundle, toPath: inbox + "/\(index)-a.zip")
            try FileManager.default.copyItem(atPath: bundle, toPath: inbox + "/\(index)-b.zip")
        }
        try await eventually("12 files filed") { try await first.records.list(BundleFilter(limit: 100)).total >= 12 }
        try await Task.sleep(for: .milliseconds(300))
        for task in tasks { task.cancel() }
        for task in tasks { try await task.value }
        let all = try await first.records.list(BundleFilter(limit: 100)).records
        #expect(all.count == 12)
        #expect(Set(all.map(\.source)).count == 12)
        #expect(all.filter { $0.duplicateOf == nil }.count == 6)
        #expect(Set(all.filter { $0.duplicateOf == nil }.map(\.sha256)).count == 6)
        await first.close()
        await second.close()
    }
}
