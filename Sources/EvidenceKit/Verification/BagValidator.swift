/// Checks a bag read from a bundle against RFC 8493 section 3 ("a bag is complete / valid"):
/// `bagit.txt` exact, at least one payload manifest, every payload file in every payload
/// manifest and every listed file present, every checksum in payload and tag manifests, and
/// Payload-Oxum. Every problem is listed, not only the first.
enum BagValidator {
    /// BagIt versions accepted in `bagit.txt` (bagit-python still writes 0.97).
    static let acceptedVersions = ["1.0", "0.97"]

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

        func content(_ path: String) -> [UInt8]? {
            guard let file = byPath[path] else { return nil }
            guard let bytes = file.content else {
                problems.append(VerificationProblem(.tagFileTooLarge, entry: path, found: String(file.size)))
                return nil
            }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                problems.append(VerificationProblem(.byteOrderMark, entry: path))
            }
            return bytes
        }

        guard byPath["bagit.txt"] != nil else {
            return ([VerificationProblem(.missingBagitTxt)], summary)
        }
        if let bagit = content("bagit.txt") {
            let (version, problem) = checkBagitTxt(bagit)
            summary.version = version
            if let problem { problems.append(problem) }
        }
        if byPath["fetch.txt"] != nil { problems.append(VerificationProblem(.fetchNotSupported, entry: "fetch.txt")) }

        // Payload manifests.
        var payloadManifests: [BagManifest] = []
        var tagManifests: [BagManifest] = []
        for path in tagFiles.sorted() where !path.contains("/") && path.hasSuffix(".txt") {
            let isTag = path.hasPrefix("tagmanifest-")
            guard isTag || path.hasPrefix("manifest-") else { continue }
            let algorithmName = String(path.dropFirst(isTag ? 12 : 9).dropLast(4))
            guard let algorithm = ChecksumAlgorithm(rawValue: algorithmName) else {
                problems.append(VerificationProblem(.unsupportedAlgorithm, entry: path, found: algorithmName))
                continue
            }
            guard let bytes = content(path) else { continue }
            let manifest = BagManifest(name: path, algorithm: algorithm, bytes: bytes)
            problems += manifest.problems
            if isTag { tagManifests.append(manifest) } else { payloadManifests.append(manifest) }
        }
        summary.algorithms = payloadManifests.map(\.algorithm.rawValue)
        if payloadManifests.isEmpty { problems.append(VerificationProblem(.noPayloadManifest)) }

        for manifest in payloadManifests {
            var listed: Set<String> = []
            for (path, checksum) in manifest.entries {
                listed.insert(path)
                guard path.hasPrefix("data/") else {
                    problems.append(VerificationProblem(.invalidManifestLine, entry: manifest.name, detail: "“\(path)” is not under data/"))
                    continue
                }
                guard let file = byPath[path] else {
                    problems.append(VerificationProblem(.missingFile, entry: path, found: manifest.name))
                    continue
                }
                let actual = file.digests[manifest.algorithm] ?? "?"
                if actual != checksum {
                    problems.append(VerificationProblem(.checksumMismatch, entry: path, expected: checksum, found: actual))
                }
            }
            for file in payload where !listed.contains(file.path) {
                problems.append(VerificationProblem(.extraFile, entry: file.path, found: manifest.name))
            }
        }

        for manifest in tagManifests {
            var listed: Set<String> = []
            for (path, checksum) in manifest.entries {
                listed.insert(path)
                guard let file = byPath[path], !path.hasPrefix("data/") else {
                    problems.append(VerificationProblem(.missingTagFile, entry: path, found: manifest.name))
                    continue
                }
                let actual = file.digests[manifest.algorithm] ?? "?"
                if actual != checksum {
                    problems.append(VerificationProblem(.tagChecksumMismatch, entry: path, expected: checksum, found: actual))
                }
            }
            for path in tagFiles where !listed.contains(path) && !path.hasPrefix("tagmanifest-") {
                problems.append(VerificationProblem(.unlistedTagFile, entry: path, found: manifest.name))
            }
        }

        if byPath["bag-info.txt"] != nil, let info = content("bag-info.txt") {
            problems += checkPayloadOxum(info, payload: payload)
        }
        return (problems, summary)
    }

    /// `bagit.txt` must be exactly the two lines, LF or CRLF endings, no BOM.
    static func checkBagitTxt(_ bytes: [UInt8]) -> (version: String?, problem: VerificationProblem?) {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard let text = String(validating: body, as: UTF8.self) else {
            return (nil, VerificationProblem(.invalidBagitTxt, entry: "bagit.txt", detail: "not UTF-8"))
        }
        let ending = text.contains("\r\n") ? "\r\n" : "\n"
        let lines = text.components(separatedBy: ending)
        guard lines.count == 3, lines[2].isEmpty else {
            return (nil, VerificationProblem(.invalidBagitTxt, entry: "bagit.txt", detail: "expected exactly two lines, each ending with a line break"))
        }
        let versionPrefix = "BagIt-Version: "
        guard lines[0].hasPrefix(versionPrefix) else {
            return (nil, VerificationProblem(.invalidBagitTxt, entry: "bagit.txt", detail: "line 1 is not “BagIt-Version: M.N”"))
        }
        let version = String(lines[0].dropFirst(versionPrefix.count))
        guard acceptedVersions.contains(version) else {
            return (version, VerificationProblem(.invalidBagitTxt, entry: "bagit.txt", detail: "unsupported version “\(version)”"))
        }
        guard lines[1] == "Tag-File-Character-Encoding: UTF-8" else {
            return (version, VerificationProblem(.invalidBagitTxt, entry: "bagit.txt", detail: "line 2 is not “Tag-File-Character-Encoding: UTF-8”"))
        }
        return (version, nil)
    }

    /// Payload-Oxum (`octets.count`) in `bag-info.txt`, when present, against the payload read.
    static func checkPayloadOxum(_ bytes: [UInt8], payload: [BagFile]) -> [VerificationProblem] {
        let text = String(decoding: bytes, as: UTF8.self)
        let values = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .filter { $0.hasPrefix("Payload-Oxum:") }
            .map { $0.dropFirst("Payload-Oxum:".count).trimmingCharacters(in: " \t") }
        guard !values.isEmpty else { return [] }
        let actual = "\(payload.reduce(UInt64(0)) { $0 + $1.size }).\(payload.count)"
        guard values.count == 1 else {
            return [VerificationProblem(.invalidPayloadOxum, entry: "bag-info.txt", found: values.joined(separator: ", "))]
        }
        let parts = values[0].split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let _ = UInt64(parts[0]), let _ = Int(parts[1]) else {
            return [VerificationProblem(.invalidPayloadOxum, entry: "bag-info.txt", found: values[0])]
        }
        return values[0] == actual ? [] : [VerificationProblem(.payloadOxumMismatch, entry: "bag-info.txt", expected: values[0], found: actual)]
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        return String(drop { chars.contains($0) }.reversed().drop { chars.contains($0) }.reversed())
    }
}
