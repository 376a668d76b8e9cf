/// Checks a bag read from a bundle against RFC 8493 section 3 ("a bag is complete / valid"):
/// `bagit.txt`, at least one payload manifest, every payload file in every payload manifest and
/// every listed file present, every checksum in payload and tag manifests, and Payload-Oxum.
/// Every problem is listed, not only the first.
///
/// Tag files are read by bytes (``TagFileText``): LF, CR and CRLF line ends, the declared
/// `Tag-File-Character-Encoding`, BagIt 0.93 to 1.0 (`package-info.txt` before 0.96), and what
/// other tools commonly write (md5sum's `*`, `./`, the same line twice) with a warning. A bag
/// that holds `evidence.json` claims to be an EvidenceKit bundle and must be exactly what `pack`
/// writes: every such leniency is then a `bag.not-as-packed` error.
enum BagValidator {
    /// BagIt versions accepted in `bagit.txt` (RFC 8493 is 1.0; bagit-python still writes 0.97;
    /// 0.93 to 0.96 are the earlier drafts bagit-python also reads).
    static let acceptedVersions = ["1.0", "0.97", "0.96", "0.95", "0.94", "0.93"]

    /// Hidden files that operating systems leave in folders (Finder, Explorer, KDE).
    static let systemFileNames: Set<String> = [".DS_Store", "Thumbs.db", "ehthumbs.db", "desktop.ini", "Desktop.ini", ".directory", "Icon\r"]

    /// The problems of the bag made of `files`, and what it holds.
    static func validate(files: [BagFile], name: String) -> (problems: [VerificationProblem], summary: VerificationReport.BagSummary) {
        var problems: [VerificationProblem] = []
        var byPath: [String: BagFile] = [:]
        for file in files { byPath[file.path] = file }
        let payload = files.filter(\.isPayload)
        let tagFiles = files.filter { !$0.isPayload }.map(\.path)
        var summary = VerificationReport.BagSummary(
            name: name, version: nil, payloadFiles: payload.count,
            payloadBytes: payload.reduce(0) { $0 + $1.size }, algorithms: [], tagFiles: tagFiles,
            tagManifestSHA256: byPath["tagmanifest-sha256.txt"]?.digests[.sha256])

        guard let bagitFile = byPath["bagit.txt"] else {
            return ([VerificationProblem(.missingBagitTxt)], summary)
        }
        // A bag with evidence.json must be what `pack` writes: leniencies become errors.
        let strict = byPath["evidence.json"] != nil
        func lenient(_ problem: VerificationProblem) {
            if strict {
                problems.append(VerificationProblem(.notAsPacked, entry: problem.entry, expected: "evidence pack's format",
                                                    found: problem.code.rawValue, detail: problem.detail ?? problem.found))
            } else {
                problems.append(problem)
            }
        }

        var encoding = "UTF-8"
        var version: String?
        if let bytes = bagitFile.content {
            let (found, declared, problem) = checkBagitTxt(bytes)
            version = found
            if let problem { problems.append(problem) }
            if let declared { encoding = declared }
        } else {
            problems.append(VerificationProblem(.tagFileTooLarge, entry: "bagit.txt", found: String(bagitFile.size)))
        }
        summary.version = version
        summary.tagFileEncoding = encoding
        if let version, version != "1.0", acceptedVersions.contains(version) {
            lenient(VerificationProblem(.olderVersion, entry: "bagit.txt", found: version))
        }
        if encoding.uppercased() != "UTF-8" && encoding.uppercased() != "UTF8" {
            lenient(VerificationProblem(.tagFileEncoding, entry: "bagit.txt", found: encoding))
        }

        /// The decoded lines of a tag file (nil, with the problem listed, when it cannot be read).
        func text(_ path: String) -> TagFileText? {
            guard let file = byPath[path] else { return nil }
            guard let bytes = file.content else {
                problems.append(VerificationProblem(.tagFileTooLarge, entry: path, found: String(file.size)))
                return nil
            }
            switch TagFileText.decode(bytes, encoding: encoding) {
            case .failure(.unknownEncoding(let name)):
                problems.append(VerificationProblem(.invalidTagFileEncoding, entry: path, found: name, detail: "unknown encoding"))
                return nil
            case .failure(.invalidBytes(let offset)):
                problems.append(VerificationProblem(.invalidTagFileEncoding, entry: path, found: encoding,
                                                    detail: "invalid \(encoding) at byte \(offset)"))
                return nil
            case .success(let decoded):
                let utf16 = encoding.uppercased().hasPrefix("UTF-16") || encoding.uppercased().hasPrefix("UTF16")
                if decoded.hadByteOrderMark && !utf16 {
                    lenient(VerificationProblem(.tagFileByteOrderMark, entry: path))
                }
                if decoded.lineEnds.contains(where: { $0 != "LF" }) {
                    // RFC 8493 allows CR and CRLF; `pack` writes LF only.
                    if strict {
                        lenient(VerificationProblem(.manifestLineStyle, entry: path, detail: "line ends " + decoded.lineEnds.joined(separator: ", ")))
                    }
                }
                return decoded
            }
        }

        // fetch.txt: a holey bag (never fetched).
        var fetchable: [String: VerificationReport.BagSummary.FetchItem] = [:]
        if byPath["fetch.txt"] != nil {
            if strict {
                problems.append(VerificationProblem(.fetchNotSupported, entry: "fetch.txt"))
            } else if let fetch = text("fetch.txt") {
                for (index, line) in fetch.lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    switch parseFetchLine(line) {
                    case .success(let item): fetchable[item.path] = item
                    case .failure(let reason):
                        problems.append(VerificationProblem(.invalidFetchLine, entry: "fetch.txt", expected: String(index + 1), detail: reason.detail))
                    }
                }
            }
        }

        // Manifests.
        var payloadManifests: [BagManifest] = []
        var tagManifests: [BagManifest] = []
        var unsupportedPayload = 0
        for path in tagFiles.sorted() where !path.contains("/") && path.hasSuffix(".txt") {
            let isTag = path.hasPrefix("tagmanifest-")
            guard isTag || path.hasPrefix("manifest-") else { continue }
            let algorithmName = String(path.dropFirst(isTag ? 12 : 9).dropLast(4))
            guard let algorithm = ChecksumAlgorithm.supported(algorithmName) else {
                lenient(VerificationProblem(.unsupportedAlgorithm, entry: path, found: algorithmName))
                if !isTag { unsupportedPayload += 1 }
                continue
            }
            guard let lines = text(path)?.lines else { continue }
            let manifest = BagManifest(name: path, algorithm: algorithm, lines: lines)
            problems += manifest.problems
            manifest.leniencies.forEach(lenient)
            if isTag { tagManifests.append(manifest) } else { payloadManifests.append(manifest) }
        }
        summary.algorithms = payloadManifests.map(\.algorithm.rawValue)
        // RFC 8493 2.4: SHA-256 or SHA-512 SHOULD be used; MD5 and SHA-1 only for compatibility.
        if !payloadManifests.isEmpty, payloadManifests.allSatisfy({ $0.algorithm == .md5 || $0.algorithm == .sha1 }) {
            lenient(VerificationProblem(.weakAlgorithm, found: summary.algorithms.joined(separator: ", ")))
        }
        if payloadManifests.isEmpty {
            problems.append(unsupportedPayload > 0 ? VerificationProblem(.noSupportedManifest) : VerificationProblem(.noPayloadManifest))
        }
        if strict {
            for required in ["manifest-sha256.txt", "tagmanifest-sha256.txt"] where byPath[required] == nil {
                problems.append(VerificationProblem(.notAsPacked, entry: required, expected: "evidence pack's format", found: "absent"))
            }
        }

        var toFetch: [String: VerificationReport.BagSummary.FetchItem] = [:]
        var unencodedNoted = false
        for manifest in payloadManifests {
            var listed: Set<String> = []
            for entry in manifest.entries {
                guard entry.path.hasPrefix("data/") else {
                    problems.append(VerificationProblem(.invalidManifestLine, entry: manifest.name, expected: String(entry.line),
                                                        detail: "“\(entry.path)” is not under data/"))
                    continue
                }
                var path = entry.path
                if byPath[path] == nil, entry.literal != path, byPath[entry.literal] != nil {
                    // A `%` written as is (bagit-python, BagIt 0.97 writers): the literal name is in the bag.
                    path = entry.literal
                    if !unencodedNoted {
                        unencodedNoted = true
                        lenient(VerificationProblem(.notPercentEncoded, entry: path, found: manifest.name))
                    }
                }
                listed.insert(path)
                guard let file = byPath[path] else {
                    if let item = fetchable[path] {
                        toFetch[path] = item
                    } else {
                        problems.append(VerificationProblem(.missingFile, entry: path, found: manifest.name))
                    }
                    continue
                }
                let actual = file.digests[manifest.algorithm] ?? "?"
                if actual != entry.checksum {
                    problems.append(VerificationProblem(.checksumMismatch, entry: path, expected: entry.checksum, found: actual))
                }
            }
            for file in payload where !listed.contains(file.path) {
                problems.append(VerificationProblem(.extraFile, entry: file.path, found: manifest.name))
            }
        }
        for path in fetchable.keys.sorted() where !payloadManifests.contains(where: { $0.entries.contains { $0.path == path } }) {
            problems.append(VerificationProblem(.invalidFetchLine, entry: "fetch.txt", detail: "“\(path)” is in no payload manifest"))
        }
        summary.toFetch = toFetch.keys.sorted().map { toFetch[$0]! }
        if !summary.toFetch.isEmpty {
            problems.append(VerificationProblem(.fetchPending, entry: "fetch.txt", found: String(summary.toFetch.count),
                                                detail: summary.toFetch.map(\.path).joined(separator: ", ")))
        }

        for manifest in tagManifests {
            var listed: Set<String> = []
            for entry in manifest.entries {
                listed.insert(entry.path)
                guard let file = byPath[entry.path], !entry.path.hasPrefix("data/") else {
                    problems.append(VerificationProblem(.missingTagFile, entry: entry.path, found: manifest.name))
                    continue
                }
                let actual = file.digests[manifest.algorithm] ?? "?"
                if actual != entry.checksum {
                    problems.append(VerificationProblem(.tagChecksumMismatch, entry: entry.path, expected: entry.checksum, found: actual))
                }
            }
            // Seals (signatures/, Docs/sealing.md) cannot be listed: the tag manifest is what they
            // stamp. In a bundle with evidence.json they are the only addition allowed.
            let tagFileSet = Set(tagFiles)
            for path in tagFiles where !listed.contains(path) && !path.hasPrefix("tagmanifest-") {
                if SealLayout.isSealFile(path, tagFiles: tagFileSet) { continue }
                let unlisted = VerificationProblem(.unlistedTagFile, entry: path, found: manifest.name)
                if strict { lenient(unlisted) } else { problems.append(unlisted) }
            }
        }

        for file in payload {
            let last = file.path.split(separator: "/").last.map(String.init) ?? file.path
            if systemFileNames.contains(last) || last.hasPrefix("._") {
                lenient(VerificationProblem(.hiddenSystemFile, entry: file.path))
            }
        }

        // Payload-Oxum lives in package-info.txt before BagIt 0.96.
        let infoName = ["0.93", "0.94", "0.95"].contains(version ?? "") ? "package-info.txt" : "bag-info.txt"
        if byPath[infoName] != nil, let info = text(infoName) {
            let pending = summary.toFetch.isEmpty ? nil : summary.toFetch
            problems += checkPayloadOxum(TagElements(info), payload: payload, toFetch: pending, entry: infoName)
        }
        return (problems, summary)
    }

    /// `bagit.txt`: exactly two elements, `BagIt-Version` then `Tag-File-Character-Encoding`,
    /// UTF-8 without a byte-order mark, lines ended by LF, CR or CRLF.
    static func checkBagitTxt(_ bytes: [UInt8]) -> (version: String?, encoding: String?, problem: VerificationProblem?) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (nil, nil, VerificationProblem(.byteOrderMark, entry: "bagit.txt"))
        }
        guard let text = try? TagFileText.decode(bytes, encoding: "UTF-8").get() else {
            return (nil, nil, VerificationProblem(.invalidBagitTxt, entry: "bagit.txt", detail: "not UTF-8"))
        }
        let lines = text.lines
        guard lines.count == 2, bytes.last == 0x0A || bytes.last == 0x0D else {
            return (nil, nil, VerificationProblem(.invalidBagitTxt, entry: "bagit.txt", detail: "expected exactly two lines, each ending with a line break"))
        }
        let versionPrefix = "BagIt-Version: "
        guard lines[0].hasPrefix(versionPrefix) else {
            return (nil, nil, VerificationProblem(.invalidBagitTxt, entry: "bagit.txt", detail: "line 1 is not “BagIt-Version: M.N”"))
        }
        let version = String(lines[0].dropFirst(versionPrefix.count)).trimmingCharacters(in: .whitespaces)
        guard acceptedVersions.contains(version) else {
            return (version, nil, VerificationProblem(.invalidBagitTxt, entry: "bagit.txt", detail: "unsupported version “\(version)”"))
        }
        let encodingPrefix = "Tag-File-Character-Encoding: "
        guard lines[1].hasPrefix(encodingPrefix) else {
            return (version, nil, VerificationProblem(.invalidBagitTxt, entry: "bagit.txt", detail: "line 2 is not “Tag-File-Character-Encoding: ENCODING”"))
        }
        let encoding = String(lines[1].dropFirst(encodingPrefix.count)).trimmingCharacters(in: .whitespaces)
        if case .failure(.unknownEncoding) = TagFileText.decodeText([], encoding: encoding) {
            return (version, nil, VerificationProblem(.invalidBagitTxt, entry: "bagit.txt", detail: "unknown encoding “\(encoding)”"))
        }
        return (version, encoding, nil)
    }

    /// Why a `fetch.txt` line is refused.
    struct FetchLineError: Error { var detail: String }

    /// `URL LENGTH FILEPATH` (RFC 8493 2.2.3): the URL needs a scheme, the length is digits or
    /// `-`, the path is percent-decoded, safe and under `data/`.
    static func parseFetchLine(_ line: String) -> Result<VerificationReport.BagSummary.FetchItem, FetchLineError> {
        let parts = line.split(maxSplits: 2, whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 3 else { return .failure(FetchLineError(detail: "expected “URL LENGTH PATH”")) }
        let url = String(parts[0])
        guard let colon = url.firstIndex(of: ":"), colon != url.startIndex,
              url[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else {
            return .failure(FetchLineError(detail: "“\(url)” is not a URL"))
        }
        let length: UInt64?
        if parts[1] == "-" {
            length = nil
        } else if let value = UInt64(parts[1]) {
            length = value
        } else {
            return .failure(FetchLineError(detail: "length “\(parts[1])” is neither a number nor “-”"))
        }
        let path = BagManifest.percentDecoded(String(parts[2]))
        if ArchiveSafety.nameProblem(path) != nil || !path.hasPrefix("data/") {
            return .failure(FetchLineError(detail: "unsafe path “\(path)”, or not under data/"))
        }
        return .success(.init(url: url, length: length, path: path))
    }

    /// Payload-Oxum (`octets.count`) in `bag-info.txt`, when present, against the payload read
    /// (for a holey bag: plus what `fetch.txt` declares, when every length is known; else not checked).
    static func checkPayloadOxum(_ info: TagElements, payload: [BagFile], toFetch: [VerificationReport.BagSummary.FetchItem]? = nil,
                                 entry: String = "bag-info.txt") -> [VerificationProblem] {
        let values = info.values("Payload-Oxum")
        guard !values.isEmpty else { return [] }
        guard values.count == 1 else {
            return [VerificationProblem(.invalidPayloadOxum, entry: entry, found: values.joined(separator: ", "))]
        }
        let parts = values[0].split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, UInt64(parts[0]) != nil, Int(parts[1]) != nil else {
            return [VerificationProblem(.invalidPayloadOxum, entry: entry, found: values[0])]
        }
        var bytes = payload.reduce(UInt64(0)) { $0 + $1.size }
        var count = payload.count
        if let toFetch {
            let lengths = toFetch.compactMap(\.length)
            guard lengths.count == toFetch.count else { return [] }
            bytes += lengths.reduce(0, +)
            count += toFetch.count
        }
        let actual = "\(bytes).\(count)"
        return values[0] == actual ? [] : [VerificationProblem(.payloadOxumMismatch, entry: entry, expected: values[0], found: actual)]
    }
}
