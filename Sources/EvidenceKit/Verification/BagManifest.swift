/// A parsed payload or tag manifest (`manifest-<alg>.txt`, `tagmanifest-<alg>.txt`, RFC 8493
/// 2.1.3 and 2.2.1): one `<checksum> <whitespace> <path>` per line, paths percent-encoding CR,
/// LF and `%`. Read from the decoded lines of ``TagFileText`` (LF, CR or CRLF ends, any declared
/// encoding). What other tools write and RFC 8493 does not forbid outright is accepted and
/// noted in ``leniencies`` (warnings; errors for an EvidenceKit bundle, which must be exactly
/// what `pack` writes): md5sum's `*` before the path, `./` before the path, comment lines, the
/// same file listed twice with the same checksum.
struct BagManifest {
    /// One line's file.
    struct Entry {
        /// The path with `%0A`, `%0D` and `%25` decoded (RFC 8493).
        var path: String
        /// The path with only `%0A` and `%0D` decoded, as bagit-python and BagIt 0.97 writers
        /// read it (they do not encode `%`).
        var literal: String
        /// Lower-case hex.
        var checksum: String
        /// 1-based line number.
        var line: Int
    }

    /// The manifest's own file name.
    var name: String
    var algorithm: ChecksumAlgorithm
    /// One entry per distinct path, in file order.
    var entries: [Entry] = []
    /// Lines that cannot be read, unsafe paths, a path listed with two different checksums.
    var problems: [VerificationProblem] = []
    /// Accepted deviations (warnings).
    var leniencies: [VerificationProblem] = []

    /// Parses decoded `lines`; every bad line is a problem naming the manifest and the line.
    init(name: String, algorithm: ChecksumAlgorithm, lines: [String]) {
        self.name = name
        self.algorithm = algorithm
        let digits = algorithm.hexLength
        var seen: [String: Int] = [:]
        var noted: Set<String> = []
        func lenient(_ what: String, line: Int) {
            guard noted.insert(what).inserted else { return }
            leniencies.append(VerificationProblem(.manifestLineStyle, entry: name, expected: String(line), detail: what))
        }
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                lenient("comment line", line: number)
                continue
            }
            guard let gap = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                problems.append(VerificationProblem(.invalidManifestLine, entry: name, expected: String(number), detail: "no path"))
                continue
            }
            let checksum = String(line[..<gap]).lowercased()
            var encodedPath = line[gap...].drop { $0 == " " || $0 == "\t" }
            guard checksum.utf8.count == digits, checksum.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
                problems.append(VerificationProblem(.invalidManifestLine, entry: name, expected: String(number),
                                                    detail: "checksum is not \(digits) hex digits"))
                continue
            }
            if encodedPath.hasPrefix("*") {
                encodedPath = encodedPath.drop { $0 == "*" }
                lenient("“*” before the path (md5sum binary mode)", line: number)
            }
            if encodedPath.hasPrefix("./") {
                while encodedPath.hasPrefix("./") { encodedPath = encodedPath.dropFirst(2) }
                lenient("“./” before the path", line: number)
            }
            guard !encodedPath.isEmpty else {
                problems.append(VerificationProblem(.invalidManifestLine, entry: name, expected: String(number), detail: "no path"))
                continue
            }
            let path = Self.percentDecoded(String(encodedPath))
            let literal = Self.percentDecoded(String(encodedPath), percent: false)
            // CR and LF are legal in BagIt names (that is what the encoding is for).
            let checked = String(String.UnicodeScalarView(path.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? "_" : $0 }))
            if let bad = ArchiveSafety.nameProblem(checked) {
                problems.append(VerificationProblem(.invalidManifestLine, entry: name, expected: String(number),
                                                    detail: "unsafe path “\(path)” (\(bad.code.rawValue))"))
                continue
            }
            if let first = seen[path] {
                if entries[first].checksum == checksum {
                    leniencies.append(VerificationProblem(.duplicateManifestEntry, entry: path, found: name,
                                                          detail: "lines \(entries[first].line) and \(number)"))
                } else {
                    problems.append(VerificationProblem(.conflictingManifestEntry, entry: path, expected: entries[first].checksum,
                                                        found: checksum, detail: "\(name), lines \(entries[first].line) and \(number)"))
                }
                continue
            }
            seen[path] = entries.count
            entries.append(Entry(path: path, literal: literal, checksum: checksum, line: number))
        }
    }

    /// Parses a UTF-8 manifest's bytes (what `pack` writes).
    init(name: String, algorithm: ChecksumAlgorithm, bytes: [UInt8]) {
        let lines = (try? TagFileText.decode(bytes, encoding: "UTF-8").get())?.lines
            ?? TagFileText.split(String(decoding: bytes, as: UTF8.self)).lines
        self.init(name: name, algorithm: algorithm, lines: lines)
    }

    /// Decodes `%0A`, `%0D` and (when `percent`) `%25`, either case; any other `%` stays as written.
    static func percentDecoded(_ path: String, percent: Bool = true) -> String {
        guard path.contains("%") else { return path }
        var out: [UInt8] = []
        let bytes = Array(path.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count {
                let code = String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self).uppercased()
                let decoded: UInt8? = code == "0A" ? 0x0A : code == "0D" ? 0x0D : (code == "25" && percent) ? 0x25 : nil
                if let decoded {
                    out.append(decoded)
                    index += 3
                    continue
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
