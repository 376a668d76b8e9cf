/// A parsed payload or tag manifest (`manifest-<alg>.txt`, `tagmanifest-<alg>.txt`, RFC 8493
/// 2.1.3 and 2.2.1): one `<checksum> <path>` per line, paths percent-encoding CR, LF and `%`.
struct BagManifest {
    /// The manifest's own file name.
    var name: String
    var algorithm: ChecksumAlgorithm
    /// Checksums (lower case) by decoded path, in file order.
    var entries: [(path: String, checksum: String)] = []
    var problems: [VerificationProblem] = []

    /// Parses `bytes`; every bad line is a problem naming the manifest and the line.
    init(name: String, algorithm: ChecksumAlgorithm, bytes: [UInt8]) {
        self.name = name
        self.algorithm = algorithm
        let digits = Self.hexLength(algorithm)
        var seen: Set<String> = []
        let text = String(decoding: bytes, as: UTF8.self)
        if String(validating: bytes, as: UTF8.self) == nil {
            problems.append(VerificationProblem(.invalidManifestLine, entry: name, expected: "1", detail: "not UTF-8"))
        }
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            if line.isEmpty { continue }
            let number = String(index + 1)
            guard let gap = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                problems.append(VerificationProblem(.invalidManifestLine, entry: name, expected: number, detail: "no path"))
                continue
            }
            let checksum = String(line[..<gap]).lowercased()
            let encodedPath = line[gap...].drop { $0 == " " || $0 == "\t" }
            guard checksum.utf8.count == digits, checksum.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
                problems.append(VerificationProblem(.invalidManifestLine, entry: name, expected: number,
                                                    detail: "checksum is not \(digits) hex digits"))
                continue
            }
            guard !encodedPath.isEmpty else {
                problems.append(VerificationProblem(.invalidManifestLine, entry: name, expected: number, detail: "no path"))
                continue
            }
            let path = Self.percentDecoded(String(encodedPath))
            // CR and LF are legal in BagIt names (that is what the encoding is for).
            let checked = String(path.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? "_" : $0 })
            if let bad = ArchiveSafety.nameProblem(checked) {
                problems.append(VerificationProblem(.invalidManifestLine, entry: name, expected: number,
                                                    detail: "unsafe path “\(path)” (\(bad.code.rawValue))"))
                continue
            }
            if !seen.insert(path).inserted {
                problems.append(VerificationProblem(.duplicateManifestEntry, entry: path, found: name))
                continue
            }
            entries.append((path, checksum))
        }
    }

    /// Hex digits in a checksum of `algorithm`.
    static func hexLength(_ algorithm: ChecksumAlgorithm) -> Int {
        switch algorithm {
        case .md5: 32
        case .sha1: 40
        case .sha256: 64
        case .sha384: 96
        case .sha512: 128
        }
    }

    /// Decodes `%0A`, `%0D` and `%25` (either case); any other `%` stays as written.
    static func percentDecoded(_ path: String) -> String {
        guard path.contains("%") else { return path }
        var out: [UInt8] = []
        let bytes = Array(path.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count {
                let code = String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self).uppercased()
                let decoded: UInt8? = code == "0A" ? 0x0A : code == "0D" ? 0x0D : code == "25" ? 0x25 : nil
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
