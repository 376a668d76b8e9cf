import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit
#if canImport(Glibc)
import Glibc
#endif

/// `evidence pack` (the built binary, in its own process) against a disk that fills up and
/// against case files naming things that are not evidence files: a clear error, exit 2, no
/// OUT, no temporary file, and the originals untouched.
struct PackLimitTests {
    /// A copy of the quality sample (about 80 KB of evidence) and an empty `out` folder.
    private static func sampleCase() throws -> (temporary: TemporaryDirectory, caseFolder: String, out: String, digests: [String: String]) {
        let temporary = TemporaryDirectory("pack-limit")
        let folder = temporary.path
        let caseFolder = folder + "/case"
        try FileManager.default.copyItem(atPath: PackFixtures.sampleFolder.path, toPath: caseFolder)
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: false)
        return (temporary, caseFolder, folder + "/out", try digests(of: caseFolder))
    }

    /// SHA-256 of every file under a folder, by relative path.
    private static func digests(of folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: folder) {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
                result[name] = try PackFixtures.sha256(file: folder + "/" + name)
            }
        }
        return result
    }

    @Test(arguments: ["zip", "tar.gz"])
    func aFileSizeLimitIsAWriteErrorThatLeavesNothing(format: String) throws {
        let (temporary, caseFolder, out, digests) = try Self.sampleCase()
        defer { temporary.remove() }
        // `ulimit -f 16`: the bundle (~80 KB) cannot be written past 16 KiB. Without care the
        // kernel's SIGXFSZ would kill pack and leave its temporary file behind.
        let result = try ProcessRunner.run("/bin/bash", ["-c", "ulimit -f 16; exec \"$0\" \"$@\"", CLI.executable,
                                                        "pack", caseFolder, "-o", out + "/证据包." + format, "--format", format],
                                          environment: ["PATH": "/usr/bin:/bin", "LANG": "zh_CN.UTF-8", "TZ": "UTC"])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.output.contains("pack.io"))
        #expect(result.output.contains("未生成证据包"))
        #expect(try PackFixtures.listing(out) == [])
        #expect(try Self.digests(of: caseFolder) == digests)
    }

    /// Whether a tiny tmpfs can be mounted here (root with CAP_SYS_ADMIN; not in most CI containers).
    static let canMount: Bool = {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        let temporary = TemporaryDirectory("mount-probe")
        defer { temporary.remove() }
        let folder = temporary.path
        guard (try? ProcessRunner.run("/bin/mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", folder]))?.status == 0 else { return false }
        _ = try? ProcessRunner.run("/bin/umount", [folder])
        return true
    }()

    @Test(.enabled(if: canMount, "needs root and permission to mount a 16 KiB tmpfs"), arguments: ["zip", "tar.gz"])
    func aFullDiskIsAWriteErrorThatLeavesNothing(format: String) throws {
        let (temporary, caseFolder, out, digests) = try Self.sampleCase()
        defer { temporary.remove() }
        #expect(try ProcessRunner.run("/bin/mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", out]).status == 0)
        defer { _ = try? ProcessRunner.run("/bin/umount", [out]) }
        let result = try CLI.run(["pack", caseFolder, "-o", out + "/bundle." + format, "--format", format])
        #expect(result.status == 2)
        #expect(result.stderr.contains("pack.io") && result.stderr.contains("No space left on device"), "\(result.stderr)")
        #expect(try PackFixtures.listing(out) == [])
        #expect(try Self.digests(of: caseFolder) == digests)
    }

    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case fifo, device, symlinkLoop, folderNamedLikeAFile, unreadable
        static let forEveryone: [Kind] = [.fifo, .device, .symlinkLoop, .folderNamedLikeAFile]
        var testDescription: String { rawValue }
    }

    /// chmod 000 means nothing to root (it reads anything): as root, pack runs as `nobody`
    /// through setpriv, when `nobody` can run the built binary; otherwise the test is skipped.
    static let canDropRoot: Bool = {
        if geteuid() != 0 { return true }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return false }
        // Probe that `nobody` can run the built binary at all (search permission on every
        // folder of its path).
        let probe = try? ProcessRunner.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
                                                               CLI.executable, "rules", "--json"])
        return probe?.status == 0
    }()

    @Test(.enabled(if: canDropRoot, "running as root, and nobody cannot run the binary: chmod 000 does not stop root"))
    func anUnreadableFileIsRefused() throws {
        let (temporary, caseFolder, out, _) = try Self.sampleCase()
        defer { temporary.remove() }
        let path = caseFolder + "/聊天导出.txt"
        FileManager.default.createFile(atPath: path, contents: Data("买家：左耳没有声音。\n".utf8))
        let caseFile = caseFolder + "/case.yaml"
        let text = try String(contentsOfFile: caseFile, encoding: .utf8) + "  - file: 聊天导出.txt\n    role: chat-record\n"
        try text.write(toFile: caseFile, atomically: true, encoding: .utf8)
        #expect(chmod(path, 0) == 0)
        #expect(chmod(out, 0o777) == 0)
        var command = [CLI.executable, "pack", caseFolder, "-o", out + "/bundle.zip"]
        if geteuid() == 0 { command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command }
        let result = try ProcessRunner.run(command[0], Array(command.dropFirst()),
                                          environment: ["PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8", "TZ": "UTC"])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.output.contains("聊天导出.txt") && result.output.contains("line 26"), "\(result.output)")
        #expect(result.output.contains("no read permission"), "\(result.output)")
        #expect(try PackFixtures.listing(out) == [])
    }

    @Test(arguments: Kind.forEveryone)
    func aCaseNamingSomethingThatIsNotAReadableFileIsRefusedWithoutHanging(kind: Kind) throws {
        let (temporary, caseFolder, out, _) = try Self.sampleCase()
        defer { temporary.remove() }
        let path = caseFolder + "/聊天导出.txt"
        switch kind {
        case .fifo: #expect(mkfifo(path, 0o600) == 0)
        case .device: #expect(symlink("/dev/zero", path) == 0)
        case .symlinkLoop:
            #expect(symlink(caseFolder + "/loop-b", path) == 0)
            #expect(symlink(path, caseFolder + "/loop-b") == 0)
        case .folderNamedLikeAFile: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .unreadable:
            FileManager.default.createFile(atPath: path, contents: Data("买家：左耳没有声音。\n".utf8))
            #expect(chmod(path, 0) == 0)
        }
        let caseFile = caseFolder + "/case.yaml"
        let text = try String(contentsOfFile: caseFile, encoding: .utf8) + "  - file: 聊天导出.txt\n    role: chat-record\n"
        try text.write(toFile: caseFile, atomically: true, encoding: .utf8)
        for language in ["zh_CN.UTF-8", "en_US.UTF-8"] {
            let result = try CLI.run(["pack", caseFolder, "-o", out + "/bundle.zip"], environment: ["LANG": language])
            #expect(result.status == 2)
            #expect(result.stderr.contains("聊天导出.txt"), "\(result.stderr)")
            #expect(result.stderr.contains("line 26") || result.stderr.contains("第 26 行"), "\(result.stderr)")
            #expect(try PackFixtures.listing(out) == [])
        }
    }
}
