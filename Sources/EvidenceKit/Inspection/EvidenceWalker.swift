import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds the files to inspect: folders are walked recursively in name order, hidden files are
/// included, symbolic links met while walking are reported and never followed (a link named
/// on the command line is followed, as shells users expect).
enum EvidenceWalker {
    enum Item {
        case file(path: String)
        case skipped(InspectedFile)
    }

    static func items(for paths: [String]) throws -> [Item] {
        var items: [Item] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                var linkInfo = stat()
                if lstat(path, &linkInfo) == 0 {  // a dangling link named directly
                    items.append(.skipped(symlink(path)))
                    continue
                }
                throw InspectionError(.pathNotFound, path: path, detail: String(cString: strerror(errno)))
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                walk(path, into: &items)
            } else {
                items.append(.file(path: path))
            }
        }
        return items
    }

    private static func walk(_ folder: String, into items: inout [Item]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            var file = InspectedFile.placeholder(path: folder)
            file.status = .unreadable
            file.findings = [.unreadable(path: folder, reason: "cannot list folder")]
            items.append(.skipped(file))
            return
        }
        for name in names.sorted() {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: walk(path, into: &items)
            case S_IFLNK: items.append(.skipped(symlink(path)))
            case S_IFREG: items.append(.file(path: path))
            default:
                var file = InspectedFile.placeholder(path: path)
                file.status = .unreadable
                file.findings = [.notRegularFile(path: path)]
                items.append(.skipped(file))
            }
        }
    }

    private static func symlink(_ path: String) -> InspectedFile {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
        var file = InspectedFile.placeholder(path: path)
        file.status = .skipped
        file.findings = [.symlinkNotFollowed(path: path, target: target)]
        return file
    }
}
