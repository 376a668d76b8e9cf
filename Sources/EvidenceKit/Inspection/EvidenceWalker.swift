import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds the files to inspect: folders are walked recursively in name order, hidden files are
/// included, symbolic links met while walking are reported and never followed (a link named
/// on the command line is followed, as shells users expect). Names are kept as raw bytes, so a
/// GBK-named file from a Chinese Windows tool is found and opened, not dropped.
enum EvidenceWalker {
    enum Item {
        case file(EvidencePath)
        case skipped(InspectedFile)
    }

    static func items(for paths: [String]) throws -> [Item] {
        var items: [Item] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                var linkInfo = stat()
                if lstat(path, &linkInfo) == 0 {  // a dangling link named directly
                    items.append(.skipped(symlink(EvidencePath(path))))
                    continue
                }
                throw InspectionError(.pathNotFound, path: path, detail: String(cString: strerror(errno)))
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                walk(EvidencePath(path), into: &items)
            } else {
                items.append(.file(EvidencePath(path)))
            }
        }
        return items
    }

    private static func walk(_ folder: EvidencePath, into items: inout [Item]) {
        guard let names = folder.childNames() else {
            var file = InspectedFile.placeholder(path: folder.display)
            file.status = .unreadable
            file.findings = [.unreadable(path: folder.display, reason: "cannot list folder")]
            items.append(.skipped(file))
            return
        }
        for name in names {
            let path = folder.appending(name)
            var info = stat()
            guard path.lstat(&info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: walk(path, into: &items)
            case S_IFLNK: items.append(.skipped(symlink(path)))
            case S_IFREG: items.append(.file(path))
            default:
                var file = InspectedFile.placeholder(path: path.display)
                file.status = .unreadable
                file.findings = [.notRegularFile(path: path.display)]
                items.append(.skipped(file))
            }
        }
    }

    private static func symlink(_ path: EvidencePath) -> InspectedFile {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path.display)) ?? "?"
        var file = InspectedFile.placeholder(path: path.display)
        file.status = .skipped
        file.findings = [.symlinkNotFollowed(path: path.display, target: target)]
        return file
    }
}
