import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit
#if canImport(Glibc)
import Glibc
#endif

/// Evidence that changes under `pack`: whatever happens to a file while the bundle is being
/// written, the pack is aborted, nothing is left beside the output, and the other originals
/// are untouched. The change is made from the progress callback, i.e. at a known point of the
/// read, so these tests do not depend on timing.
struct PackFaultTests {
    enum Change: String, CaseIterable, CustomTestStringConvertible {
        /// The file being read is cut to half its size.
        case shrinksWhileRead
        /// Another file of the same size is renamed over the file being read.
        case replacedWhileRead
        /// A file not read yet is replaced by a smaller one (after its size was taken).
        case replacedBeforeRead
        /// A file not read yet is appended to.
        case growsBeforeRead
        /// A file already read is rewritten in place, same size, other bytes.
        case rewrittenAfterRead

        var testDescription: String { rawValue }
    }

    static let formats: [BundleFormat] = [.zip, .tarGz]

    @Test(arguments: Change.allCases, formats)
    func aSourceChangedDuringPackAbortsItAndLeavesNothing(change: Change, format: BundleFormat) throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        var sources = try PackFixtures.sampleSources(in: folder)
        // A chat export of ~7 MiB: several 1 MiB reads, so a change can land in the middle.
        let chat = folder + "/聊天导出.txt"
        let text = String(repeating: "买家：耳机左耳没有声音。\n", count: 200_000)
        try Data(text.utf8).write(to: URL(fileURLWithPath: chat))
        sources.append(PackSource(item: .init(file: "聊天导出.txt", role: .chatRecord), path: chat))
        let others = try sources.filter { $0.path != chat }.map { ($0.path, try PackFixtures.sha256(file: $0.path)) }
        let before = try PackFixtures.listing(folder)

        // Which file changes, and at which progress call.
        let (victim, trigger): (String, String) = switch change {
        case .shrinksWhileRead, .replacedWhileRead: (chat, "聊天导出.txt")
        case .replacedBeforeRead, .growsBeforeRead: (chat, "左耳无声.jpg")
        case .rewrittenAfterRead: (sources[0].path, "聊天导出.txt")
        }
        var changed = false
        let output = folder + "/bundle." + (format == .zip ? "zip" : "tar.gz")
        let error = try #require(throws: PackError.self) {
            try PackFixtures.pack(sources, to: output, options: PackOptions(format: format, sourceDateEpoch: 1_764_374_400, durable: false)) { progress in
                guard progress.file == trigger, !changed else { return }
                changed = true
                switch change {
                case .shrinksWhileRead:
                    #expect(truncate(victim, off_t(text.utf8.count / 2)) == 0)
                case .replacedWhileRead:
                    let replacement = folder + "/.replacement"
                    FileManager.default.createFile(atPath: replacement, contents: Data(String(repeating: "卖家：已读不回。\n", count: text.utf8.count / 25).utf8.prefix(text.utf8.count)))
                    #expect(rename(replacement, victim) == 0)
                case .replacedBeforeRead:
                    let replacement = folder + "/.replacement"
                    FileManager.default.createFile(atPath: replacement, contents: Data("卖家：已读不回。\n".utf8))
                    #expect(rename(replacement, victim) == 0)
                case .growsBeforeRead:
                    let handle = FileHandle(forWritingAtPath: victim)!
                    handle.seekToEndOfFile()
                    handle.write(Data("卖家：已读不回。\n".utf8))
                    handle.closeFile()
                case .rewrittenAfterRead:
                    var bytes = try! Data(contentsOf: URL(fileURLWithPath: victim))
                    bytes[bytes.count / 2] ^= 0xFF
                    let handle = FileHandle(forWritingAtPath: victim)!
                    handle.write(bytes)
                    handle.closeFile()
                    // Some file systems keep a coarse clock: make the change visible in the time too.
                    var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
                    #expect(utimensat(AT_FDCWD, victim, &times, 0) == 0)
                }
            }
        }
        #expect(changed)
        #expect(error.code == .sourceChanged)
        #expect(error.path == (victim == chat ? "聊天导出.txt" : sources[0].item.file))
        // No OUT, no temporary file: the folder holds exactly what it held before.
        #expect(try PackFixtures.listing(folder).filter { $0 != ".replacement" } == before)
        // The originals that were not touched still have their bytes.
        for (path, digest) in others where path != victim {
            #expect(try PackFixtures.sha256(file: path) == digest)
        }
    }
}

/// Evidence paths that are not regular files, handed straight to the packer (the case-file
/// parser refuses them earlier; a file can still be swapped for one of these after parsing).
struct PackInputKindTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case fifo, device, symlinkLoop, folderNamedLikeAFile, unreadable, missing
        static let forEveryone: [Kind] = [.fifo, .device, .symlinkLoop, .folderNamedLikeAFile, .missing]
        var testDescription: String { rawValue }
    }

    /// chmod 000 means nothing to root (it reads anything), so that case runs only as another user.
    @Test(.enabled(if: geteuid() != 0, "running as root: chmod 000 does not stop root from reading"))
    func anUnreadableFileIsRefused() throws { try anInputThatIsNotAReadableRegularFileIsRefusedWithoutHanging(kind: .unreadable) }

    @Test(arguments: Kind.forEveryone)
    func anInputThatIsNotAReadableRegularFileIsRefusedWithoutHanging(kind: Kind) throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        var sources = try PackFixtures.sampleSources(in: folder)
        let path = folder + "/聊天导出.txt"
        switch kind {
        case .fifo: #expect(mkfifo(path, 0o600) == 0)  // no writer: a blocking read would wait forever
        case .device: #expect(symlink("/dev/zero", path) == 0)  // endless: reading it all would never stop
        case .symlinkLoop:
            #expect(symlink(folder + "/loop-b", path) == 0)
            #expect(symlink(path, folder + "/loop-b") == 0)
        case .folderNamedLikeAFile: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .unreadable:
            FileManager.default.createFile(atPath: path, contents: Data("买家：左耳没有声音。\n".utf8))
            #expect(chmod(path, 0) == 0)
        case .missing: break
        }
        sources.append(PackSource(item: .init(file: "聊天导出.txt", role: .chatRecord), path: path))
        let digests = try sources.dropLast().map { try PackFixtures.sha256(file: $0.path) }
        let before = try PackFixtures.listing(folder)
        let error = try #require(throws: PackError.self) { try PackFixtures.pack(sources, to: folder + "/bundle.zip") }
        #expect(error.code == .unreadableEvidence)
        #expect(error.path == "聊天导出.txt")
        #expect(error.message.zh.contains("聊天导出.txt") && error.message.en.contains("聊天导出.txt"))
        #expect(try PackFixtures.listing(folder) == before)
        #expect(try sources.dropLast().map { try PackFixtures.sha256(file: $0.path) } == digests)
    }
}
