#if canImport(Glibc)
import Glibc
#endif

/// An evidence file a case file names that is not simply a file inside the case folder: it lies
/// outside it (an absolute path, a `..` that leaves the folder, a `~` home path), or it is reached
/// through a symbolic link. Such files are refused unless the case is loaded with
/// `allowOutside` (`--allow-outside`); then each one is listed in the pack summary, in
/// `evidence.json` (`outside_case`) and in `index.html`.
public struct OutsideEvidence: Sendable, Codable, Hashable {
    /// Why the file is not plainly inside the case folder.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// The path leaves the case folder (absolute, `..`, `~`).
        case outsideFolder = "outside-folder"
        /// A component of the path is a symbolic link (to a file outside, inside, or a loop).
        case symbolicLink = "symbolic-link"
    }

    /// The `file` as written in the case file.
    public var file: String
    /// The path that was opened (the case folder joined with `file`).
    public var path: String
    /// Why it is listed.
    public var reason: Reason
    /// For a link: the link met and what it points to, `photos -> /home/me/Pictures`.
    public var link: String?

    /// Creates an entry.
    public init(file: String, path: String, reason: Reason, link: String? = nil) {
        self.file = file
        self.path = path
        self.reason = reason
        self.link = link
    }
}

/// Where an evidence path leads, found without following symbolic links: the case folder is
/// opened, then each component of the path with `openat(O_NOFOLLOW)` (folders) and
/// `fstatat(AT_SYMLINK_NOFOLLOW)` (the file), as ``EvidenceWalker`` treats folders. The case
/// folder itself is the user's to name and may be reached through links.
enum Containment {
    enum Placement: Equatable {
        /// A readable regular file inside the folder; the lexically normalised path to open.
        case inside(path: String)
        /// The path leaves the folder; the reason for people.
        case outside(why: LocalizedText)
        /// A symbolic link at `component`, pointing at `target`.
        case link(component: String, target: String)
        /// Nothing there (or a component is not a folder).
        case missing
        /// A folder, device, FIFO or socket, or not readable.
        case notReadableRegularFile
    }

    /// Locates `file` (as written in a case file) relative to `folder`.
    static func locate(_ file: String, in folder: String) -> Placement {
        if file.hasPrefix("/") {
            return .outside(why: LocalizedText(zh: "绝对路径", en: "an absolute path"))
        }
        let parts = file.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if let first = parts.first, first.hasPrefix("~") {
            return .outside(why: LocalizedText(zh: "以 ~ 开头的主目录路径", en: "a home-folder path starting with ~"))
        }
        var stack: [String] = []
        for part in parts {
            switch part {
            case ".": continue
            case "..":
                if stack.isEmpty { return .outside(why: LocalizedText(zh: "“..”离开了案件文件夹", en: "“..” leaves the case folder")) }
                stack.removeLast()
            default: stack.append(part)
            }
        }
        guard let last = stack.last else { return .notReadableRegularFile }
        var directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return .missing }
        defer { close(directory) }
        for (index, part) in stack.dropLast().enumerated() {
            let next = openat(directory, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0 {
                var info = stat()
                guard fstatat(directory, part, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return errno == ENOENT ? .missing : .notReadableRegularFile }
                if info.st_mode & S_IFMT == S_IFLNK {
                    return .link(component: stack[0...index].joined(separator: "/"), target: readLink(directory, part))
                }
                return info.st_mode & S_IFMT == S_IFDIR ? .notReadableRegularFile : .missing
            }
            close(directory)
            directory = next
        }
        var info = stat()
        guard fstatat(directory, last, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return errno == ENOENT ? .missing : .notReadableRegularFile }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            return .link(component: stack.joined(separator: "/"), target: readLink(directory, last))
        case S_IFREG:
            let descriptor = openat(directory, last, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { return .notReadableRegularFile }
            close(descriptor)
            let base = folder.isEmpty ? "." : folder
            return .inside(path: (base.hasSuffix("/") ? base : base + "/") + stack.joined(separator: "/"))
        default:
            return .notReadableRegularFile
        }
    }

    private static func readLink(_ directory: Int32, _ name: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlinkat(directory, name, &buffer, buffer.count - 1)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
