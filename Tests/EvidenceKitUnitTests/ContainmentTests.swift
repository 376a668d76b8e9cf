import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit
#if canImport(Glibc)
import Glibc
#endif

/// Case files that try to pull in files from outside their folder, or through symbolic links:
/// refused with a message naming the file (both languages) unless `allowOutside`, which lists
/// every such file; devices and FIFOs stay refused either way.
@Suite struct ContainmentTests {
    /// A case folder `case/` holding the sample's files, and a `secret.txt` beside it (outside).
    final class Layout {
        let temporary = TemporaryDirectory("containment")
        var folder: String { temporary.path + "/case" }
        var secret: String { temporary.path + "/secret.txt" }

        init() throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            _ = try PackFixtures.sampleSources(in: folder)
            FileManager.default.createFile(atPath: secret, contents: Data("id_rsa: PRIVATE KEY\n".utf8))
        }

        deinit { temporary.remove() }

        /// Writes case.yaml listing the sample's files plus `extra` as a chat record.
        func caseFile(extra: String) -> String {
            let text = """
                category: quality
                order_id: "3712345678901234567"
                evidence:
                  - file: 左耳无声.jpg
                    role: product-photo
                  - file: 订单截图.png
                    role: order-screenshot
                  - file: 支付宝回单.pdf
                    role: payment-receipt
                  - file: 旺旺聊天记录.txt
                    role: chat-record
                  - file: "\(extra)"
                    role: chat-record

                """
            FileManager.default.createFile(atPath: folder + "/case.yaml", contents: Data(text.utf8))
            return folder + "/case.yaml"
        }
    }

    enum Escape: String, CaseIterable, CustomTestStringConvertible {
        case absolute, dotDot, dotDotInside, home, linkToOutside, linkToInside, linkLoop, linkedFolder
        var testDescription: String { rawValue }
        var isLink: Bool { [.linkToOutside, .linkToInside, .linkLoop, .linkedFolder].contains(self) }
    }

    /// Sets up the escape and returns the `file` value the case names.
    static func prepare(_ escape: Escape, in layout: Layout) throws -> String {
        switch escape {
        case .absolute: return layout.secret
        case .dotDot: return "../secret.txt"
        case .dotDotInside: return "photos/../../secret.txt"
        case .home: return "~/.ssh/id_rsa"
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
        case .linkedFolder:
            #expect(symlink(layout.temporary.path, layout.folder + "/elsewhere") == 0)
            return "elsewhere/secret.txt"
        }
    }

    @Test(arguments: Escape.allCases)
    func anEscapingPathIsRefusedNamingTheFile(escape: Escape) throws {
        let layout = try Layout()
        let file = try Self.prepare(escape, in: layout)
        let error = try #require(throws: CaseFileError.self) { try CaseFile.load(path: layout.caseFile(extra: file)) }
        let issue = try #require(error.issues.first)
        #expect(error.issues.count == 1)
        #expect(issue.code == (escape.isLink ? .fileSymlink : .fileOutsideCase))
        #expect(issue.severity == .error)
        #expect(issue.location.line == 12)  // the extra entry's `file:`
        #expect(issue.message.en.contains(file) && issue.message.zh.contains(file))
        #expect(issue.message.en.contains("allow files from outside the case folder") && issue.message.zh.contains("允许案件文件夹之外的文件"))
        #expect(!issue.message.en.contains("--") && !issue.message.zh.contains("--"), "library messages name no CLI flag")
        #expect(issue.message.en.contains(escape.isLink ? "symbolic link" : "outside the case folder"))
        #expect(issue.message.zh.contains(escape.isLink ? "符号链接" : "案件文件夹之外"))
    }

    @Test(arguments: [Escape.absolute, .dotDot, .dotDotInside, .linkToOutside, .linkToInside, .linkedFolder])
    func allowOutsideAcceptsAndListsIt(escape: Escape) throws {
        let layout = try Layout()
        let file = try Self.prepare(escape, in: layout)
        let loaded = try CaseFile.load(path: layout.caseFile(extra: file), allowOutside: true)
        #expect(loaded.items.count == 5)
        let listed = try #require(loaded.outsideFiles.first)
        #expect(loaded.outsideFiles.count == 1)
        #expect(listed.file == file)
        #expect(listed.reason == (escape.isLink ? .symbolicLink : .outsideFolder))
        if escape.isLink { #expect(listed.link?.contains(" -> ") == true) }
        #expect(loaded.warnings.contains { $0.code == .fileOutsideCase && $0.message.en.contains(file) })
        #expect(loaded.packSources.last?.outside == listed)
        #expect(loaded.packSources.dropLast().allSatisfy { $0.outside == nil })
    }

    @Test func aLoopStaysRefusedEvenWithAllowOutside() throws {
        let layout = try Layout()
        let file = try Self.prepare(.linkLoop, in: layout)
        let error = try #require(throws: CaseFileError.self) { try CaseFile.load(path: layout.caseFile(extra: file), allowOutside: true) }
        #expect(error.code == .missingFile || error.code == .fileUnreadable)
        #expect(error.message.en.contains("link.txt"))
    }

    @Test func devicesAndFIFOsStayRefusedEvenWithAllowOutside() throws {
        let layout = try Layout()
        #expect(mkfifo(layout.folder + "/pipe", 0o600) == 0)
        for (file, allow) in [("pipe", false), ("pipe", true), ("/dev/zero", true)] {
            let error = try #require(throws: CaseFileError.self) { try CaseFile.load(path: layout.caseFile(extra: file), allowOutside: allow) }
            #expect(error.code == .fileUnreadable, "\(file): \(error)")
            #expect(error.message.en.contains(file))
        }
    }

    @Test func pathsThatStayInsideAreAccepted() throws {
        let layout = try Layout()
        try FileManager.default.createDirectory(atPath: layout.folder + "/photos", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: layout.folder + "/旺旺聊天记录.txt", toPath: layout.folder + "/photos/chat.txt")
        for file in ["photos/chat.txt", "./photos/chat.txt", "photos/../photos/chat.txt", "photos//chat.txt"] {
            let loaded = try CaseFile.load(path: layout.caseFile(extra: file))
            #expect(loaded.outsideFiles.isEmpty)
            #expect(loaded.warnings.allSatisfy { $0.code != .fileOutsideCase })
            #expect(FileManager.default.contentsEqual(atPath: loaded.resolvedPaths.last!, andPath: layout.folder + "/photos/chat.txt"))
        }
    }

    @Test func aFileSwappedForALinkAfterLoadingIsNotFollowedByPack() throws {
        let layout = try Layout()
        try FileManager.default.copyItem(atPath: layout.folder + "/旺旺聊天记录.txt", toPath: layout.folder + "/chat2.txt")
        let loaded = try CaseFile.load(path: layout.caseFile(extra: "chat2.txt"))
        #expect(loaded.outsideFiles.isEmpty)
        // Between loading the case and packing it, the file becomes a link to a file outside.
        try FileManager.default.removeItem(atPath: layout.folder + "/chat2.txt")
        try FileManager.default.createSymbolicLink(atPath: layout.folder + "/chat2.txt", withDestinationPath: layout.secret)
        let out = layout.temporary.path + "/bundle.zip"
        #expect {
            _ = try BundlePacker().pack(loaded, rules: RuleSet.bundled(), to: out, options: PackOptions(sourceDateEpoch: 1764374400))
        } throws: { error in
            (error as? PackError)?.code == .unreadableEvidence && (error as? PackError)?.path == "chat2.txt"
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func packingWithAllowOutsideRecordsAndListsTheFile() throws {
        let layout = try Layout()
        let loaded = try CaseFile.load(path: layout.caseFile(extra: "../secret.txt"), allowOutside: true)
        let out = layout.temporary.path + "/bundle.zip"
        let report = try BundlePacker().pack(loaded, rules: RuleSet.bundled(), to: out, options: PackOptions(language: .zh, sourceDateEpoch: 1764374400))
        let item = try #require(report.manifest.items.last)
        #expect(item.outsideCase == .outsideFolder)
        #expect(report.manifest.items.dropLast().allSatisfy { $0.outsideCase == nil })
        #expect(report.disclosure?.outsideFiles.map(\.file) == ["../secret.txt"])
        let entries = try PackFixtures.entries(of: out)
        let index = try #require(entries.first { $0.name.hasSuffix("/index.html") }?.bytes)
        let page = String(decoding: index, as: UTF8.self)
        #expect(page.contains("隐私说明") && page.contains("5. secret.txt") && page.contains("在案件文件夹之外"))
        let json = try #require(entries.first { $0.name.hasSuffix("/evidence.json") }?.bytes)
        let written = try EvidenceJSON.decoder().decode(EvidenceManifest.self, from: Data(json))
        #expect(written.items.map(\.outsideCase) == [nil, nil, nil, nil, .outsideFolder])
    }
}
