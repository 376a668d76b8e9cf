import EvidenceKit
import EvidenceMCP
import EvidenceTestSupport
import Foundation
import Testing

/// The MCP server's containment: every path argument is resolved (links followed) and must lie
/// in an `--allow` folder; the refusal names the path and the allowed folders.
@Suite struct AllowedFoldersTests {
    /// `allowed/` with a file, a link to a file outside, a link to a folder outside, and
    /// `allowed2/` and `outside/` beside it.
    final class Layout {
        let temporary = TemporaryDirectory("mcp-containment")
        var allowed: String { temporary.path + "/allowed" }
        var sibling: String { temporary.path + "/allowed2" }
        var outside: String { temporary.path + "/outside" }

        init() throws {
            for folder in [allowed, allowed + "/sub", sibling, outside] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            _ = temporary.write("allowed/sub/photo.txt", text: "inside\n")
            _ = temporary.write("allowed2/other.txt", text: "beside\n")
            _ = temporary.write("outside/secret.txt", text: "id_rsa: PRIVATE KEY\n")
            try FileManager.default.createSymbolicLink(atPath: allowed + "/link-to-secret.txt", withDestinationPath: outside + "/secret.txt")
            try FileManager.default.createSymbolicLink(atPath: allowed + "/link-to-outside", withDestinationPath: outside)
            try FileManager.default.createSymbolicLink(atPath: allowed + "/link-inside.txt", withDestinationPath: "sub/photo.txt")
        }

        deinit { temporary.remove() }
    }

    func refusal(_ folders: AllowedFolders, _ path: String) -> MCPToolError? {
        do {
            _ = try folders.confine(path)
            return nil
        } catch {
            return error
        }
    }

    @Test func aFileInsideIsResolvedToItsRealPath() throws {
        let layout = try Layout()
        let folders = try AllowedFolders([layout.allowed + "/"])
        let real = try #require(realpath(layout.allowed, nil).map { String(cString: $0) })
        #expect(folders.roots == [real])
        #expect(try folders.confine(layout.allowed + "/sub/../sub/photo.txt") == real + "/sub/photo.txt")
        #expect(try folders.confine(layout.allowed) == real)
        // A link that stays inside is fine: it is resolved to its target.
        #expect(try folders.confine(layout.allowed + "/link-inside.txt") == real + "/sub/photo.txt")
    }

    @Test func pathsOutsideAreRefusedNamingThePathAndTheFolders() throws {
        let layout = try Layout()
        let folders = try AllowedFolders([layout.allowed])
        for path in [layout.outside + "/secret.txt", layout.allowed + "/../outside/secret.txt",
                     layout.sibling + "/other.txt", "/etc/passwd"] {
            let error = try #require(refusal(folders, path), "\(path) was let through")
            #expect(error.code == .outsideAllowedFolders)
            #expect(error.message.en.contains(path))
            #expect(error.message.zh.contains(path))
            #expect(error.message.en.contains(folders.roots[0]))
            #expect(error.message.en.contains("--allow"))
        }
    }

    @Test func symbolicLinksInsidePointingOutsideAreRefused() throws {
        let layout = try Layout()
        let folders = try AllowedFolders([layout.allowed])
        for path in [layout.allowed + "/link-to-secret.txt", layout.allowed + "/link-to-outside",
                     layout.allowed + "/link-to-outside/secret.txt"] {
            #expect(refusal(folders, path)?.code == .outsideAllowedFolders, "\(path)")
        }
    }

    @Test func missingPathsAreNotFound() throws {
        let layout = try Layout()
        let folders = try AllowedFolders([layout.allowed])
        #expect(refusal(folders, layout.allowed + "/nothing.jpg")?.code == .pathNotFound)
        #expect(refusal(folders, "")?.code == .pathNotFound)
        #expect(refusal(folders, layout.allowed + "/a\u{0}b")?.code == .pathNotFound)
    }

    @Test func severalFoldersEachAllowTheirOwn() throws {
        let layout = try Layout()
        let folders = try AllowedFolders([layout.allowed, layout.sibling, layout.allowed])
        #expect(folders.roots.count == 2)
        #expect(refusal(folders, layout.sibling + "/other.txt") == nil)
        #expect(refusal(folders, layout.outside + "/secret.txt")?.code == .outsideAllowedFolders)
    }

    @Test func theRootFolderContainsEverythingButOnlyWholeComponentsCount() throws {
        let root = try AllowedFolders(["/"])
        #expect(root.contains("/etc/passwd"))
        let layout = try Layout()
        let folders = try AllowedFolders([layout.allowed])
        #expect(!folders.contains(folders.roots[0] + "2/other.txt"))
        #expect(folders.contains(folders.roots[0] + "/x"))
    }

    @Test func missingOrNonFolderAllowsAreRejected() throws {
        let layout = try Layout()
        #expect(throws: AllowedFolders.FolderProblem.missing(layout.temporary.path + "/nope")) {
            try AllowedFolders([layout.temporary.path + "/nope"])
        }
        #expect(throws: AllowedFolders.FolderProblem.notAFolder(layout.allowed + "/sub/photo.txt")) {
            try AllowedFolders([layout.allowed + "/sub/photo.txt"])
        }
        #expect(AllowedFolders.FolderProblem.missing("x").message.zh.contains("不存在"))
    }
}
