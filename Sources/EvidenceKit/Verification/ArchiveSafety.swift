import Foundation

/// An archive entry's header, as listed before any content is trusted.
struct ListedEntry: Sendable, Hashable {
    /// What the entry is.
    enum Kind: Sendable, Hashable {
        case file, directory, symlink, hardlink, special
    }

    /// The name as UTF-8, nil when it is not valid UTF-8.
    var name: String?
    /// The name's bytes as stored.
    var rawName: [UInt8]
    var kind: Kind
    /// The declared size of a file's content, when the archive says.
    var declaredSize: UInt64?
    /// Where a link points.
    var linkTarget: String?
    /// For a special entry: what it is (`FIFO`, `character device`, `block device`, `socket`).
    var specialKind: String?

    /// The name for messages.
    var displayName: String { name ?? String(decoding: rawName, as: UTF8.self) }

    /// The name of a special file type (`S_IFMT` bits of a mode), for messages.
    static func specialKindName(_ mode: UInt32) -> String {
        switch mode & 0o170000 {
        case 0o010000: "FIFO"
        case 0o020000: "character device"
        case 0o060000: "block device"
        case 0o140000: "socket"
        default: "file type " + String(mode & 0o170000, radix: 8)
        }
    }

    /// The kind from libarchive's file type bits and link fields.
    static func kind(fileType: UInt32, hardlink: String?, symlink: String?) -> Kind {
        if hardlink != nil { return .hardlink }
        switch fileType & 0o170000 {
        case 0o100000: return .file
        case 0o040000: return .directory
        case 0o120000: return .symlink
        case 0: return symlink != nil ? .symlink : .file
        default: return .special
        }
    }
}

/// The rules an archive's entry list must pass before anything inside is read: names that
/// cannot escape or collide, no links or devices, one top-level folder, bounded counts.
enum ArchiveSafety {
    /// Every rule broken by `entries`, each naming the entry.
    /// - Parameter requireSingleFolder: archives must hold one top-level folder; an unpacked bag
    ///   folder is its own root.
    static func check(_ entries: [ListedEntry], limits: VerificationLimits, requireSingleFolder: Bool = true) -> [VerificationProblem] {
        var problems: [VerificationProblem] = []
        if entries.count > limits.maxEntries {
            return [VerificationProblem(.tooManyEntries, expected: String(limits.maxEntries), found: String(entries.count))]
        }
        var exact: [[UInt8]: String] = [:]
        var normalized: [[UInt8]: String] = [:]
        var folded: [[UInt8]: String] = [:]
        var topLevel: [String] = []
        var topLevelFiles: Set<String> = []
        for entry in entries {
            let shown = entry.displayName
            switch entry.kind {
            case .symlink: problems.append(VerificationProblem(.symlink, entry: shown, found: entry.linkTarget ?? "?"))
            case .hardlink: problems.append(VerificationProblem(.hardlink, entry: shown, found: entry.linkTarget ?? "?"))
            case .special: problems.append(VerificationProblem(.specialFile, entry: shown, found: entry.specialKind))
            case .file, .directory: break
            }
            guard let name = entry.name else {
                problems.append(VerificationProblem(.nameNotUTF8, entry: shown))
                continue
            }
            if let problem = nameProblem(name) {
                problems.append(problem)
                continue
            }
            let path = name.hasSuffix("/") ? String(name.dropLast()) : name
            if let problem = duplicate(path, shown: shown, exact: &exact, normalized: &normalized, folded: &folded) {
                problems.append(problem)
                continue
            }
            let head = String(path.split(separator: "/", omittingEmptySubsequences: false)[0])
            if !topLevel.contains(head) { topLevel.append(head) }
            if head == path && entry.kind != .directory { topLevelFiles.insert(head) }
        }
        if requireSingleFolder {
            if topLevel.count > 1 {
                let shown = topLevel.prefix(5).joined(separator: ", ") + (topLevel.count > 5 ? ", …" : "")
                problems.append(VerificationProblem(.multipleTopLevel, found: shown))
            } else if let only = topLevel.first, topLevelFiles.contains(only) {
                problems.append(VerificationProblem(.noTopLevelFolder, entry: only))
            }
        }
        return problems
    }

    /// Names that collide: byte for byte, after NFC, or after case folding.
    static func duplicates(_ entries: [ListedEntry]) -> [VerificationProblem] {
        var exact: [[UInt8]: String] = [:], normalized: [[UInt8]: String] = [:], folded: [[UInt8]: String] = [:]
        return entries.compactMap { entry in
            guard let name = entry.name else { return nil }
            let path = name.hasSuffix("/") ? String(name.dropLast()) : name
            return duplicate(path, shown: entry.displayName, exact: &exact, normalized: &normalized, folded: &folded)
        }
    }

    private static func duplicate(_ path: String, shown: String, exact: inout [[UInt8]: String],
                                  normalized: inout [[UInt8]: String], folded: inout [[UInt8]: String]) -> VerificationProblem? {
        if let first = exact.updateValue(path, forKey: Array(path.utf8)) {
            return VerificationProblem(.duplicateName, entry: shown, found: first)
        }
        let nfc = path.precomposedStringWithCanonicalMapping
        if let first = normalized.updateValue(path, forKey: Array(nfc.utf8)) {
            return VerificationProblem(.duplicateAfterNFC, entry: shown, found: first)
        }
        let fold = nfc.folding(options: [.caseInsensitive], locale: nil).precomposedStringWithCanonicalMapping
        if let first = folded.updateValue(path, forKey: Array(fold.utf8)) {
            return VerificationProblem(.duplicateAfterCaseFolding, entry: shown, found: first)
        }
        return nil
    }

    /// The first naming rule `name` breaks: absolute, `..`, backslash, empty or `.` components,
    /// control characters.
    static func nameProblem(_ name: String) -> VerificationProblem? {
        if name.isEmpty { return VerificationProblem(.invalidName, entry: name, detail: "empty name") }
        let bytes = Array(name.utf8)
        if bytes.first == UInt8(ascii: "/") { return VerificationProblem(.absolutePath, entry: name) }
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":"), (bytes[0] | 0x20) >= UInt8(ascii: "a"), (bytes[0] | 0x20) <= UInt8(ascii: "z") {
            return VerificationProblem(.absolutePath, entry: name)
        }
        if bytes.contains(UInt8(ascii: "\\")) {
            let parts = name.split(separator: "\\", omittingEmptySubsequences: false)
            return VerificationProblem(parts.contains("..") ? .pathTraversal : .backslash, entry: name)
        }
        var components = name.split(separator: "/", omittingEmptySubsequences: false)
        if components.count > 1, components.last == "" { components.removeLast() }
        if components.contains("..") { return VerificationProblem(.pathTraversal, entry: name) }
        if components.contains(where: { $0.isEmpty || $0 == "." }) {
            return VerificationProblem(.invalidName, entry: name, detail: "empty or “.” path component")
        }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return VerificationProblem(.invalidName, entry: name, detail: "control character in the name")
        }
        return nil
    }
}
