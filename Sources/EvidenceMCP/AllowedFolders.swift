import EvidenceKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folders the MCP server may read (`--allow`), and the check every path argument passes:
/// the path is resolved with `realpath` (every symbolic link followed, `..` removed) and must be
/// one of the folders or lie below one. A link inside an allowed folder that points outside is
/// refused like the outside path itself. What is then read below that path is confined by the
/// library as for the CLI: folders are walked without following links, a case's evidence must
/// lie in the case folder.
public struct AllowedFolders: Sendable, Hashable {
    /// The folders, resolved, without a trailing `/` (except `/` itself).
    public let roots: [String]

    /// Why a folder cannot be allowed.
    public enum FolderProblem: Error, Sendable, Equatable {
        /// Nothing there.
        case missing(String)
        /// There, but not a folder.
        case notAFolder(String)

        /// The message for the command line, in both languages.
        public var message: LocalizedText {
            switch self {
            case .missing(let path):
                LocalizedText(zh: "--allow \(path)：文件夹不存在。", en: "--allow \(path): no such folder.")
            case .notAFolder(let path):
                LocalizedText(zh: "--allow \(path)：不是文件夹。", en: "--allow \(path): not a folder.")
            }
        }
    }

    /// Resolves each folder; throws ``FolderProblem`` for the first that is missing or not a folder.
    public init(_ folders: [String]) throws(FolderProblem) {
        var roots: [String] = []
        for folder in folders {
            guard let resolved = Self.resolve(folder) else { throw .missing(folder) }
            var info = stat()
            guard stat(resolved, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(folder) }
            if !roots.contains(resolved) { roots.append(resolved) }
        }
        self.roots = roots
    }

    /// The resolved path of `path` when it lies inside an allowed folder.
    /// - Throws: ``MCPToolError`` `.pathNotFound` or `.outsideAllowedFolders`, naming `path`.
    public func confine(_ path: String) throws(MCPToolError) -> String {
        guard !path.isEmpty, !path.utf8.contains(0), let resolved = Self.resolve(path) else {
            throw MCPToolError(.pathNotFound, subject: path)
        }
        guard contains(resolved) else {
            let list = roots.joined(separator: ", ")
            throw MCPToolError(.outsideAllowedFolders, subject: path, detail: LocalizedText(zh: list, en: list))
        }
        return resolved
    }

    /// Whether a resolved path is one of the roots or below one (whole components only:
    /// `/home/me/Evidence2` is not inside `/home/me/Evidence`).
    public func contains(_ resolved: String) -> Bool {
        roots.contains { root in
            resolved == root || resolved.hasPrefix(root == "/" ? "/" : root + "/")
        }
    }

    /// `realpath(3)`: nil when the path or a component of it does not exist.
    static func resolve(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
