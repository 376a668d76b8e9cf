import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads an unpacked bag folder: the same rules as for archives (no links, no devices, bounded
/// counts and sizes), then each file streamed once. The folder itself is the bag root.
enum FolderBundleReader {
    static func read(_ root: String, limits: VerificationLimits) -> BundleContents {
        var contents = BundleContents(format: .folder)
        contents.bagName = URL(fileURLWithPath: root).standardizedFileURL.lastPathComponent
        var listed: [ListedEntry] = []
        var pending = [""]
        // Walk with lstat, never following links.
        while let folder = pending.popLast() {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else {
                contents.problems.append(VerificationProblem(.cannotOpen, entry: folder.isEmpty ? root : folder))
                return contents
            }
            for name in names.sorted() {
                let relative = folder.isEmpty ? name : folder + "/" + name
                var info = stat()
                guard lstat(root + "/" + relative, &info) == 0 else {
                    contents.problems.append(VerificationProblem(.cannotOpen, entry: relative, detail: String(cString: strerror(errno))))
                    continue
                }
                let kind: ListedEntry.Kind
                var target: String?
                switch info.st_mode & S_IFMT {
                case S_IFREG: kind = .file
                case S_IFDIR:
                    kind = .directory
                    pending.append(relative)
                case S_IFLNK:
                    kind = .symlink
                    target = try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + relative)
                default: kind = .special
                }
                listed.append(ListedEntry(name: relative, rawName: Array(relative.utf8), kind: kind,
                                          declaredSize: kind == .file ? UInt64(info.st_size) : nil, linkTarget: target,
                                          specialKind: kind == .special ? ListedEntry.specialKindName(UInt32(info.st_mode)) : nil))
                if listed.count > limits.maxEntries {
                    contents.problems.append(VerificationProblem(.tooManyEntries, expected: String(limits.maxEntries), found: "> \(limits.maxEntries)"))
                    return contents
                }
            }
        }
        contents.problems += ArchiveSafety.check(listed, limits: limits, requireSingleFolder: false)
        guard contents.problems.isEmpty else { return contents }
        let algorithms = BundleReader.manifestAlgorithms(listed.compactMap(\.name))
        let hasher = EntryHasher(limits: limits, archiveSize: nil)
        let contentReader = PayloadContentReader()
        for entry in listed where entry.kind == .file {
            let name = entry.name!
            let fd = open(root + "/" + name, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                contents.problems.append(VerificationProblem(.cannotOpen, entry: name, detail: String(cString: strerror(errno))))
                continue
            }
            defer { close(fd) }
            do {
                let isPayload = name.hasPrefix("data/")
                let file = try hasher.hash(name: name, declared: entry.declaredSize, algorithms: algorithms, keep: !isPayload,
                                           content: isPayload ? contentReader?.start(path: name, expectedSize: entry.declaredSize) : nil) { buffer in
                    while true {
                        let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
                        if n >= 0 { return n }
                        if errno != EINTR { throw EntryHasher.Stop(problem: VerificationProblem(.cannotOpen, entry: name, detail: String(cString: strerror(errno)))) }
                    }
                }
                contents.files.append(file)
            } catch let stop as EntryHasher.Stop {
                contents.problems.append(stop.problem)
                break
            } catch {
                contents.problems.append(VerificationProblem(.cannotOpen, entry: name, detail: "\(error)"))
                break
            }
        }
        contents.bytesRead = hasher.totalRead
        return contents
    }
}
