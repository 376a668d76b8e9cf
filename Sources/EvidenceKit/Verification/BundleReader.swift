import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a received bundle without extracting it: a zip (through its central directory), a
/// tar or tar.gz, or an unpacked bag folder. First the entry list is checked
/// (``ZipStructure``, ``ArchiveSafety``, limits) and nothing is read if it fails; then each
/// file is streamed once through ``EntryHasher``. Nothing is ever written to disk.
enum BundleReader {
    /// Reads `path` within `limits`.
    static func read(_ path: String, limits: VerificationLimits) -> BundleContents {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return failed(nil, VerificationProblem(.cannotOpen, entry: path, detail: String(cString: strerror(errno))))
        }
        if info.st_mode & S_IFMT == S_IFDIR { return FolderBundleReader.read(path, limits: limits) }
        guard info.st_mode & S_IFMT == S_IFREG, let file = ByteFile(path: path) else {
            return failed(nil, VerificationProblem(.cannotOpen, entry: path, detail: "not a regular file"))
        }
        guard let format = sniff(file) else {
            return failed(nil, VerificationProblem(.unsupportedFormat, entry: path))
        }
        if format == .zip {
            let structure = ZipStructure.inspect(file, limits: limits)
            if !structure.problems.isEmpty {
                return BundleContents(format: .zip, problems: structure.problems)
            }
        }
        return readArchive(path, file: file, format: format, limits: limits)
    }

    private static func failed(_ format: VerificationReport.Format?, _ problem: VerificationProblem) -> BundleContents {
        BundleContents(format: format, problems: [problem])
    }

    /// Zip (also a zip with something in front, so that it is refused by name), tar.gz or tar.
    static func sniff(_ file: ByteFile) -> VerificationReport.Format? {
        let head = file.read(at: 0, count: 512)
        if head.hasSignature(ZipStructure.localSignature, at: 0) || head.hasSignature(ZipStructure.endSignature, at: 0) { return .zip }
        if head.count >= 2, head[0] == 0x1F, head[1] == 0x8B { return .tarGzip }
        if head.count >= 262, Array(head[257..<262]) == Array("ustar".utf8) { return .tar }
        let tailLength = Int(min(file.size, 65_535 + 22))
        let tail = file.read(at: file.size - UInt64(tailLength), count: tailLength)
        var at = tail.count - 22
        while at >= 0 {
            if tail.hasSignature(ZipStructure.endSignature, at: at) { return .zip }
            at -= 1
        }
        return nil
    }

    /// Lists, checks, then streams an archive.
    private static func readArchive(_ path: String, file: ByteFile, format: VerificationReport.Format,
                                    limits: VerificationLimits) -> BundleContents {
        var contents = BundleContents(format: format)
        let formats: ArchiveReader.Formats = format == .zip ? .zip : format == .tar ? .tar : .tarGzip
        let compressedSize: UInt64? = format == .tar ? nil : file.size

        // Pass 1: headers only.
        var listed: [ListedEntry] = []
        var declaredTotal: UInt64 = 0
        var tarEnd: UInt64 = 0
        do {
            let reader = try ArchiveReader(path: path, formats: formats)
            while let entry = try reader.next() {
                let item = listedEntry(entry)
                if let warning = entry.warning, item.name != nil {
                    contents.problems.append(classify(warning, entry: item.displayName))
                    return contents
                }
                listed.append(item)
                if listed.count > limits.maxEntries {
                    contents.problems.append(VerificationProblem(.tooManyEntries, expected: String(limits.maxEntries), found: "> \(limits.maxEntries)"))
                    return contents
                }
                declaredTotal &+= item.declaredSize ?? 0
                if let problem = limits.sizeProblem(expanded: declaredTotal, archiveSize: compressedSize, entry: item.displayName) {
                    contents.problems.append(problem)
                    return contents
                }
                if format != .zip { try reader.skipData() }
            }
            tarEnd = UInt64(max(0, reader.streamBytesConsumed))
        } catch let error as ArchiveReadError {
            contents.problems.append(openOrReadProblem(error, path: path, file: file, format: format,
                                                       entry: listed.last?.displayName, listedAny: !listed.isEmpty))
            return contents
        } catch {
            contents.problems.append(VerificationProblem(.corrupt, detail: "\(error)"))
            return contents
        }
        contents.problems = ArchiveSafety.check(listed, limits: limits)
        guard contents.problems.isEmpty else { return contents }
        // A tar's end: the marker present, nothing but zeros after it (before any content is read).
        if format != .zip, !listed.isEmpty {
            contents.problems = TarTail.check(path: path, file: file, format: format, end: tarEnd,
                                              declaredTotal: declaredTotal, limits: limits)
            guard contents.problems.isEmpty else { return contents }
        }
        guard let root = listed.first.map({ String($0.name!.split(separator: "/", omittingEmptySubsequences: false)[0]) }) else {
            contents.problems.append(VerificationProblem(.missingBagitTxt))
            return contents
        }
        contents.bagName = root
        let algorithms = manifestAlgorithms(listed.compactMap { relative($0.name!, root: root) })

        // Pass 2: stream every file once.
        let hasher = EntryHasher(limits: limits, archiveSize: compressedSize)
        let contentReader = PayloadContentReader()
        var current: String?
        do {
            let reader = try ArchiveReader(path: path, formats: formats)
            var index = 0
            while let entry = try reader.next() {
                let item = listedEntry(entry)
                current = item.displayName
                guard index < listed.count, item.rawName == listed[index].rawName else {
                    throw EntryHasher.Stop(problem: VerificationProblem(.corrupt, entry: item.displayName, detail: "entries differ between two readings"))
                }
                index += 1
                if let warning = entry.warning { throw EntryHasher.Stop(problem: classify(warning, entry: item.displayName)) }
                guard item.kind == .file, let name = relative(item.name!, root: root), !name.isEmpty else { continue }
                let isPayload = name.hasPrefix("data/")
                var file = try hasher.hash(name: item.displayName, declared: item.declaredSize, algorithms: algorithms,
                                           keep: !isPayload,
                                           content: isPayload ? contentReader?.start(path: name, expectedSize: item.declaredSize) : nil) { buffer in
                    try reader.read(into: buffer)
                }
                file.path = name
                contents.files.append(file)
            }
        } catch let stop as EntryHasher.Stop {
            contents.problems.append(stop.problem)
        } catch let error as ArchiveReadError {
            contents.problems.append(classify(error.detail, entry: current))
        } catch {
            contents.problems.append(VerificationProblem(.corrupt, entry: current, detail: "\(error)"))
        }
        contents.bytesRead = hasher.totalRead
        return contents
    }

    static func listedEntry(_ entry: ArchiveReader.Entry) -> ListedEntry {
        ListedEntry(name: entry.pathname, rawName: entry.rawPathname,
                    kind: ListedEntry.kind(fileType: entry.fileType, hardlink: entry.hardlink, symlink: entry.symlink),
                    declaredSize: entry.declaredSize.map { UInt64(max(0, $0)) },
                    linkTarget: entry.hardlink ?? entry.symlink, specialKind: ListedEntry.specialKindName(entry.fileType))
    }

    /// `name` relative to the bag root (nil for the root folder itself).
    static func relative(_ name: String, root: String) -> String? {
        guard name.hasPrefix(root + "/") else { return nil }
        let rest = String(name.dropFirst(root.count + 1))
        return rest.hasSuffix("/") ? String(rest.dropLast()) : rest
    }

    /// The algorithms of `manifest-*.txt` and `tagmanifest-*.txt` at the bag root.
    static func manifestAlgorithms(_ paths: [String]) -> [ChecksumAlgorithm] {
        var found: Set<ChecksumAlgorithm> = [.sha256]
        for path in paths where !path.contains("/") {
            for prefix in ["manifest-", "tagmanifest-"] where path.hasPrefix(prefix) && path.hasSuffix(".txt") {
                let name = path.dropFirst(prefix.count).dropLast(4)
                if let algorithm = ChecksumAlgorithm.supported(String(name)) { found.insert(algorithm) }
            }
        }
        return found.sorted()
    }

    /// A failure of the header pass. libarchive says "Unrecognized archive format" whenever
    /// its tar reader cannot see a first header, also when a gzip stream is cut or damaged
    /// before 64 KiB of it inflate: the file was recognised (gzip magic, `ustar`), so the
    /// damage is reported (`archive.truncated`, `archive.corrupt`, status invalid), and only a
    /// sound gzip that holds no tar is an unsupported format.
    private static func openOrReadProblem(_ error: ArchiveReadError, path: String, file: ByteFile, format: VerificationReport.Format,
                                          entry: String?, listedAny: Bool) -> VerificationProblem {
        let lower = error.detail.lowercased()
        if !listedAny, lower.contains("unrecognized archive format") {
            switch format {
            case .tarGzip:
                if let damage = TarTail.gzipDamage(path: path) { return damage }
            case .tar:
                if file.size < 512 {
                    return VerificationProblem(.truncated, detail: "\(file.size) bytes, shorter than one 512-byte tar header")
                }
                return VerificationProblem(.corrupt, detail: "the first tar header is damaged (\(error.detail))")
            default:
                break
            }
            return VerificationProblem(.unsupportedFormat, entry: path, detail: error.detail)
        }
        if format == .tarGzip, !error.hasMessage {
            return VerificationProblem(.truncated, entry: entry, detail: "the gzip stream ends without its trailer")
        }
        return classify(error.detail, entry: entry)
    }

    /// A problem from libarchive's words (its warnings and errors carry no finer code).
    static func classify(_ detail: String, entry: String?) -> VerificationProblem {
        let lower = detail.lowercased()
        let code: VerificationProblem.Code
        if lower.contains("crc") || lower.contains("checksum") {
            code = .crcError
        } else if lower.contains("truncat") || lower.contains("premature") || lower.contains("unexpected end") || lower.contains("unexpected eof") {
            code = .truncated
        } else if lower.contains("encrypt") {
            code = .encrypted
        } else if lower.contains("compression") && (lower.contains("unsupported") || lower.contains("not supported")) {
            code = .unsupportedCompression
        } else if lower.contains("size") || lower.contains("larger than") {
            code = .sizeMismatch
        } else if lower.contains("pathname") || lower.contains("convert") {
            code = .nameNotUTF8
        } else {
            code = .corrupt
        }
        return VerificationProblem(code, entry: entry, detail: detail)
    }
}
