import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit
#if canImport(Glibc)
import Glibc
#endif

/// `check`, `pack` and `init` (the built binary) on case folders whose case file reaches out of
/// the folder or through symbolic links: exit 2 naming the file and line in both languages, no
/// bundle; `--allow-outside` packs and lists every such file (summary, `--json`, index.html).
@Suite struct ContainmentCLITests {
    /// A copy of the quality sample in `case/`, a secret beside it, an `out/` folder.
    final class Layout {
        let temporary = TemporaryDirectory("containment-cli")
        var folder: String { temporary.path + "/case" }
        var out: String { temporary.path + "/out" }
        var secret: String { temporary.path + "/secret.txt" }

        init() throws {
            try FileManager.default.copyItem(atPath: PackFixtures.sampleFolder.path, toPath: folder)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
            FileManager.default.createFile(atPath: secret, contents: Data("export HISTFILE=secret\n".utf8))
        }

        deinit { temporary.remove() }

        /// Appends `file` as a chat record to the sample's case.yaml (its line 26).
        func add(_ file: String) throws {
            let caseFile = folder + "/case.yaml"
            let text = try String(contentsOfFile: caseFile, encoding: .utf8) + "  - file: \"\(file)\"\n    role: chat-record\n"
            try text.write(toFile: caseFile, atomically: true, encoding: .utf8)
        }
    }

    enum Escape: String, CaseIterable, CustomTestStringConvertible {
        case absolute, dotDot, linkToOutside, linkToInside, linkLoop
        var testDescription: String { rawValue }
    }

    static func prepare(_ escape: Escape, _ layout: Layout) -> String {
        switch escape {
        case .absolute: return layout.secret
        case .dotDot: return "../secret.txt"
        case .linkToOutside:
            #expect(symlink(layout.secret, layout.folder + "/link.txt") == 0)
            return "link.txt"
        case .linkToInside:
            #expect(symlink("旺旺聊天记录.txt", layout.folder + "/link.txt") == 0)
            return "link.txt"
        case .linkLoop:
            #expect(symlink(layout.folder + "/loop-b", layout.folder + "/link.txt") == 0)
            #expect(symlink(layout.folder + "/link.txt", layout.folder + "/loop-b") == 0)
            return "link.txt"
        }
    }

    @Test(arguments: Escape.allCases)
    func checkAndPackRefuseItWithExitTwo(escape: Escape) throws {
        let layout = try Layout()
        let file = Self.prepare(escape, layout)
        try layout.add(file)
        for (language, words) in [("zh_CN.UTF-8", ["第 26 行", "--allow-outside"]), ("en_US.UTF-8", ["line 26", "--allow-outside"])] {
            let check = try CLI.run(["check", layout.folder], environment: ["LANG": language])
            #expect(check.status == 2, "\(check.output)")
            #expect(check.stderr.contains(file) && words.allSatisfy(check.stderr.contains), "\(check.stderr)")
            let pack = try CLI.run(["pack", layout.folder, "-o", layout.out + "/bundle.zip"], environment: ["LANG": language])
            #expect(pack.status == 2, "\(pack.output)")
            #expect(pack.stderr.contains(file) && words.allSatisfy(pack.stderr.contains), "\(pack.stderr)")
            #expect(try PackFixtures.listing(layout.out) == [])
        }
    }

    @Test func allowOutsidePacksAndListsEveryOutsideFile() throws {
        let layout = try Layout()
        try layout.add("../secret.txt")
        _ = Self.prepare(.linkToInside, layout)
        try layout.add("link.txt")
        let check = try CLI.run(["check", layout.folder, "--allow-outside", "--json"])
        #expect(check.status == 0, "\(check.output)")
        #expect("\(check.json["case_warnings"] ?? "")".contains("secret.txt"))

        let human = try CLI.run(["pack", layout.folder, "-o", layout.out + "/bundle.zip", "--allow-outside"], environment: ["LANG": "en_US.UTF-8"])
        #expect(human.status == 0, "\(human.output)")
        #expect(human.stdout.contains("What this bundle shows"))
        #expect(human.stdout.contains("../secret.txt (outside the case folder) → "), "\(human.stdout)")
        #expect(human.stdout.contains("link.txt (through the link link.txt -> 旺旺聊天记录.txt)"), "\(human.stdout)")

        let json = try CLI.run(["pack", layout.folder, "-o", layout.out + "/bundle2.zip", "--allow-outside", "--json"])
        #expect(json.status == 0, "\(json.output)")
        let disclosure = try #require(json.json["disclosure"] as? [String: Any])
        let outside = try #require(disclosure["outside_files"] as? [[String: Any]])
        #expect(outside.map { $0["file"] as? String } == ["../secret.txt", "link.txt"])
        #expect(outside.map { $0["reason"] as? String } == ["outside-folder", "symbolic-link"])
        try expectSchemaValid("pack.schema.json", [try writeJSON(json.stdoutData, layout)])

        let unzip = try ProcessRunner.run("/usr/bin/unzip", ["-p", layout.out + "/bundle.zip", "bundle/index.html"])
        #expect(unzip.status == 0)
        #expect(unzip.stdout.contains("6. secret.txt") && unzip.stdout.contains("7. link.txt"), "\(unzip.stdout)")
    }

    private func writeJSON(_ data: Data, _ layout: Layout) throws -> String {
        let path = layout.temporary.path + "/pack.json"
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func initDoesNotListLinksAndItsCaseFilePasses() throws {
        let temporary = TemporaryDirectory("containment-init")
        defer { temporary.remove() }
        let folder = temporary.path + "/case"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = try PackFixtures.sampleSources(in: folder)
        FileManager.default.createFile(atPath: temporary.path + "/secret.txt", contents: Data("secret\n".utf8))
        #expect(symlink(temporary.path + "/secret.txt", folder + "/to-outside.txt") == 0)
        #expect(symlink("旺旺聊天记录.txt", folder + "/to-inside.txt") == 0)
        #expect(symlink(folder + "/loop-b", folder + "/loop-a") == 0)
        #expect(symlink(folder + "/loop-a", folder + "/loop-b") == 0)
        #expect(symlink(temporary.path, folder + "/linked-folder") == 0)
        let result = try CLI.run(["init", "--category", "quality", folder])
        #expect(result.status == 0, "\(result.output)")
        let loaded = try CaseFile.load(path: folder)
        #expect(loaded.complaint.evidence.map(\.file).sorted() == ["左耳无声.jpg", "支付宝回单.pdf", "旺旺聊天记录.txt", "订单截图.png"].sorted())
        #expect(loaded.outsideFiles.isEmpty)
        // A case file edited afterwards to name a link is refused by check.
        let text = try String(contentsOfFile: folder + "/case.yaml", encoding: .utf8) + "  - file: to-outside.txt\n    role: chat-record\n"
        try text.write(toFile: folder + "/case.yaml", atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", folder], environment: ["LANG": "en_US.UTF-8"])
        #expect(check.status == 2)
        #expect(check.stderr.contains("to-outside.txt") && check.stderr.contains("symbolic link"), "\(check.stderr)")
    }
}
