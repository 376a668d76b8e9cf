@testable import EvidenceDesk
import EvidenceKit
import EvidenceTestSupport
import Foundation
import Testing

@Suite("evidence desk, the built binary")
struct DeskProcessTests {
    @Test("user add prints the token as the last line; a second user of that name is refused", arguments: Backend.allCases)
    func userAdd(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let added = try CLI.run(["desk", "user", "add", "alice", sandbox.deskFolder] + sandbox.databaseArguments)
        #expect(added.status == 0, "\(added.output)")
        let token = try #require(added.stdout.split(separator: "\n").last.map(String.init))
        #expect(token.hasPrefix("edk_") && token.count == 68)
        let desk = try await sandbox.open()
        #expect(try await desk.records.user(token: token)?.name == "alice")
        await desk.close()
        let again = try CLI.run(["desk", "user", "add", "alice", sandbox.deskFolder] + sandbox.databaseArguments)
        #expect(again.status == 1)
        #expect(again.stderr.contains("A user named “alice” exists"))
        let zh = try CLI.run(["desk", "user", "add", "alice", sandbox.deskFolder] + sandbox.databaseArguments, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.stderr.contains("用户“alice”已存在"))
    }

    @Test("--host refuses an address that is not loopback (exit 2)")
    func hostLoopbackOnly() throws {
        let folder = TemporaryDirectory("evidence-desk")
        for host in ["0.0.0.0", "192.168.1.10", "example.com"] {
            let result = try CLI.run(["desk", folder.file("desk"), "--host", host])
            #expect(result.status == 2, "\(host): \(result.output)")
            #expect(result.stderr.contains("loopback"))
        }
    }

    @Test("a bad --database URL and an unreachable PostgreSQL fail with a clear message (exit 1)")
    func badDatabase() throws {
        let folder = TemporaryDirectory("evidence-desk")
        let bad = try CLI.run(["desk", "user", "add", "a", folder.file("desk"), "--database", "mysql://x@127.0.0.1/db"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("is not valid"))
        let port = try freePort()
        let down = try CLI.run(["desk", "user", "add", "a", folder.file("desk"), "--database", "postgres://postgres@127.0.0.1:\(port)/none"])
        #expect(down.status == 1)
        #expect(down.stderr.contains("Cannot reach the database"), "\(down.output)")
    }

    @Test("two desk processes on one inbox and one database file each bundle exactly once", arguments: Backend.allCases)
    func twoProcessesOneInbox(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let inbox = sandbox.folder.file("inbox")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let desk = try await sandbox.open()
        let arguments = [sandbox.deskFolder, "--inbox", inbox, "--port", "0"] + sandbox.databaseArguments
        let first = try DeskProcess(arguments), second = try DeskProcess(arguments)
        _ = try await first.port()
        _ = try await second.port()
        let bundles = try (0..<8).map { try DeskFixtures.bundle(in: sandbox.folder, name: "p\($0)", order: "376666666666666666\($0)") }
        for (index, bundle) in bundles.enumerated() {
            // Written elsewhere, then moved in (as a careful sender does), twice under two names.
            for copy in ["a", "b"] {
                let staged = sandbox.folder.file("staged-\(index)\(copy).zip")
                try FileManager.default.copyItem(atPath: bundle, toPath: staged)
                try FileManager.default.moveItem(atPath: staged, toPath: inbox + "/\(index)-\(copy).zip")
            }
        }
        try await eventually("16 files filed") { try await desk.records.list(BundleFilter(limit: 100)).total >= 16 }
        first.stop()
        second.stop()
        let all = try await desk.records.list(BundleFilter(limit: 100)).records
        #expect(all.count == 16, "\(first.stderr)\(second.stderr)")
        #expect(Set(all.map(\.source)).count == 16)
        #expect(all.filter { $0.duplicateOf == nil }.count == 8)
        // Both processes took files (each prints what it filed).
        #expect(first.stdout.contains("Filed") || second.stdout.contains("Filed"))
        let stored = try FileManager.default.subpathsOfDirectory(atPath: sandbox.deskFolder + "/store/sha256").filter { $0.count > 3 }
        #expect(stored.count == 8)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox).filter { !$0.hasPrefix(".") }.isEmpty)
        await desk.close()
    }

    @Test("a desk killed (SIGKILL) during intake loses nothing and files nothing twice once restarted", arguments: Backend.allCases)
    func killedDuringIntake(_ backend: Backend) async throws {
        let sandbox = try await DeskSandbox(backend)
        let inbox = sandbox.folder.file("inbox")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let desk = try await sandbox.open()
        let bundles = try (0..<12).map { try DeskFixtures.bundle(in: sandbox.folder, name: "k\($0)", order: "37777777777777777\($0 + 10)") }
        let arguments = [sandbox.deskFolder, "--inbox", inbox, "--port", "0"] + sandbox.databaseArguments
        let doomed = try DeskProcess(arguments)
        _ = try await doomed.port()
        for (index, bundle) in bundles.enumerated() {
            try FileManager.default.copyItem(atPath: bundle, toPath: inbox + "/\(index).zip")
        }
        try await eventually("the first bundle is filed") { try await desk.records.list(BundleFilter()).total >= 1 }
        doomed.kill()
        let filedBefore = try await desk.records.list(BundleFilter(limit: 100)).total
        let again = try DeskProcess(arguments)
        _ = try await again.port()
        try await eventually("all 12 filed") { try await desk.records.list(BundleFilter(limit: 100)).total >= 12 }
        try await Task.sleep(for: .milliseconds(500))
        again.stop()
        let all = try await desk.records.list(BundleFilter(limit: 100)).records
        #expect(filedBefore >= 1)
        #expect(all.count == 12, "\(again.stdout)\(again.stderr)")
        #expect(Set(all.map(\.source)) == Set((0..<12).map { "inbox:\($0).zip" }))
        #expect(all.allSatisfy { $0.duplicateOf == nil && $0.status == "valid-complete" })
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox).filter { !$0.hasPrefix(".") }.isEmpty)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: inbox + "/.claims").filter { $0.hasSuffix(".zip") }.isEmpty)
        await desk.close()
    }
}

@Suite("evidence desk with its PostgreSQL stopped mid-run")
struct DeskDatabaseOutageTests {
    @Test("the database stopped mid-run: a clear error, no half record; the file is filed once the database is back")
    func databaseStopped() async throws {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let url = try cluster.makeDatabase()
        let folder = TemporaryDirectory("evidence-desk")
        let inbox = folder.file("inbox")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let bundles = try (0..<2).map { try DeskFixtures.bundle(in: folder, name: "o\($0)", order: "378888888888888888\($0)") }
        let running = try DeskProcess([folder.file("desk"), "--inbox", inbox, "--port", "0", "--database", url])
        _ = try await running.port()
        try FileManager.default.copyItem(atPath: bundles[0], toPath: inbox + "/0.zip")
        try await eventually("the first bundle is filed") { running.stdout.contains("Filed 0.zip") }
        try cluster.halt()
        try FileManager.default.copyItem(atPath: bundles[1], toPath: inbox + "/1.zip")
        try await eventually("the desk reports the outage") {
            running.stderr.contains("1.zip: Cannot reach the database") || running.stderr.contains("1.zip: A database statement failed")
        }
        #expect(running.process.isRunning)
        try cluster.start()
        // Nothing half-filed: the first record only, until the desk files the second itself.
        let desk = try await Desk.open(folder: folder.file("check"), databaseURL: url)
        let during = try await desk.records.list(BundleFilter()).records
        #expect(during.count <= 2)
        #expect(during.allSatisfy { $0.status == "valid-complete" && $0.bagDigest != nil })
        try await eventually("the second bundle is filed after the outage") { try await desk.records.list(BundleFilter()).total == 2 }
        running.stop()
        let all = try await desk.records.list(BundleFilter()).records
        #expect(Set(all.map(\.source)) == ["inbox:0.zip", "inbox:1.zip"])
        #expect(all.allSatisfy { $0.duplicateOf == nil })
        await desk.close()
    }
}
