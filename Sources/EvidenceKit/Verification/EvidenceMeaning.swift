import Foundation

/// Checks that `evidence.json` agrees with the bag: the same files with the same sizes and
/// SHA-256 as the payload manifest, roles that match the recorded case, a completeness verdict
/// that is consistent and, when a recomputation is given, the same as recomputed.
enum EvidenceMeaning {
    /// The problems and the summary of `evidence.json` among `files`; nil summary when absent or unreadable.
    static func check(files: [BagFile], recompute: (@Sendable (EvidenceManifest) throws -> CompletenessResult)?)
        -> (problems: [VerificationProblem], summary: VerificationReport.EvidenceSummary?) {
        guard let file = files.first(where: { $0.path == "evidence.json" }) else {
            return ([VerificationProblem(.notAnEvidenceBundle)], nil)
        }
        guard let bytes = file.content else {
            return ([VerificationProblem(.invalidEvidenceJSON, entry: "evidence.json", detail: "too large: \(file.size) bytes")], nil)
        }
        let manifest: EvidenceManifest
        do {
            manifest = try EvidenceJSON.decoder().decode(EvidenceManifest.self, from: Data(bytes))
        } catch {
            return ([VerificationProblem(.invalidEvidenceJSON, entry: "evidence.json", detail: describe(error))], nil)
        }
        var problems: [VerificationProblem] = []
        if manifest.formatVersion != EvidenceManifest.currentFormatVersion {
            problems.append(VerificationProblem(.unsupportedFormatVersion, entry: "evidence.json",
                                                expected: EvidenceManifest.currentFormatVersion, found: manifest.formatVersion))
        }
        problems += checkItems(manifest, files: files)
        problems += checkCompleteness(manifest.completeness, category: manifest.case.category)

        var summary = VerificationReport.EvidenceSummary(
            category: manifest.case.category, orderID: manifest.case.orderID, items: manifest.items.count,
            recorded: manifest.completeness, recomputed: nil)
        if let recompute {
            do {
                let fresh = try recompute(manifest)
                summary.recomputed = fresh
                if manifest.rulesVersion != fresh.rulesVersion {
                    // Other rules: a different verdict is a rules change, not tampering.
                    problems.append(rulesVersionDiffers(manifest, recomputed: fresh))
                } else {
                    problems += compare(recorded: manifest.completeness, recomputed: fresh)
                }
            } catch {
                problems.append(VerificationProblem(.completenessNotRecomputed, entry: "evidence.json", detail: "\(error)"))
            }
        }
        return (problems, summary)
    }

    /// Items against the payload: the SHA-256 manifest's checksums when there is one, else the files read.
    static func checkItems(_ manifest: EvidenceManifest, files: [BagFile]) -> [VerificationProblem] {
        var problems: [VerificationProblem] = []
        var listedHash: [String: String] = [:]
        if let sha256 = files.first(where: { $0.path == "manifest-sha256.txt" }), let bytes = sha256.content {
            for entry in BagManifest(name: sha256.path, algorithm: .sha256, bytes: bytes).entries { listedHash[entry.path] = entry.checksum }
        }
        let payload = Dictionary(files.filter(\.isPayload).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        for item in manifest.items {
            guard seen.insert(item.path).inserted else {
                problems.append(VerificationProblem(.duplicateItem, entry: item.path))
                continue
            }
            guard let file = payload[item.path] else {
                problems.append(VerificationProblem(.itemNotInBag, entry: item.path))
                continue
            }
            if item.size != file.size {
                problems.append(VerificationProblem(.itemSizeMismatch, entry: item.path, expected: String(item.size), found: String(file.size)))
            }
            let recorded = listedHash[item.path] ?? file.digests[.sha256] ?? "?"
            if item.sha256.lowercased() != recorded {
                problems.append(VerificationProblem(.itemHashMismatch, entry: item.path, expected: item.sha256, found: recorded))
            }
        }
        for path in payload.keys.sorted() where !seen.contains(path) {
            problems.append(VerificationProblem(.fileNotInEvidenceJSON, entry: path))
        }
        // Roles: the case's own evidence list, when recorded, must give each file the same role.
        var caseRoles: [String: [EvidenceRole]] = [:]
        for evidence in manifest.case.evidence {
            let name = (evidence.file as NSString).lastPathComponent
            caseRoles[name, default: []].append(evidence.role)
        }
        for item in manifest.items {
            if let roles = caseRoles[item.originalName], roles.count == 1, roles[0] != item.role {
                problems.append(VerificationProblem(.roleMismatch, entry: item.path, expected: roles[0].rawValue, found: item.role.rawValue))
            }
        }
        return problems
    }

    /// The recorded verdict must agree with itself and with the case.
    static func checkCompleteness(_ result: CompletenessResult, category: String) -> [VerificationProblem] {
        var problems: [VerificationProblem] = []
        if result.category != category {
            problems.append(VerificationProblem(.categoryMismatch, entry: "evidence.json", expected: category, found: result.category))
        }
        if (result.status == .complete) != result.missingRequired.isEmpty {
            problems.append(VerificationProblem(.completenessInconsistent, entry: "evidence.json",
                                                detail: "status \(result.status.rawValue) with \(result.missingRequired.count) missing required requirement(s)"))
        }
        return problems
    }

    /// The recorded verdict against a recomputed one: status and missing required requirements.
    static func compare(recorded: CompletenessResult, recomputed: CompletenessResult) -> [VerificationProblem] {
        guard !sameVerdict(recorded, recomputed) else { return [] }
        return [VerificationProblem(.completenessMismatch, entry: "evidence.json",
                                    expected: verdict(recorded), found: verdict(recomputed))]
    }

    /// `meaning.rules-version-differs`: the bundle was judged with rules `expected`, this
    /// verification with rules `found`; `detail` says whether the verdict changed.
    static func rulesVersionDiffers(_ manifest: EvidenceManifest, recomputed: CompletenessResult) -> VerificationProblem {
        let recorded = manifest.completeness
        let detail = sameVerdict(recorded, recomputed)
            ? "same verdict: \(verdict(recomputed))"
            : "recorded \(verdict(recorded)), now \(verdict(recomputed))"
        return VerificationProblem(.rulesVersionDiffers, entry: "evidence.json", expected: manifest.rulesVersion,
                                   found: recomputed.rulesVersion, detail: detail)
    }

    /// Same status and same missing required requirement ids.
    static func sameVerdict(_ a: CompletenessResult, _ b: CompletenessResult) -> Bool {
        a.status == b.status && Set(a.missingRequired.map(\.requirement)) == Set(b.missingRequired.map(\.requirement))
    }

    /// `complete`, or `incomplete [requirement ids]`.
    static func verdict(_ result: CompletenessResult) -> String {
        let missing = Set(result.missingRequired.map(\.requirement))
        return missing.isEmpty ? result.status.rawValue : "\(result.status.rawValue) [\(missing.sorted().joined(separator: ", "))]"
    }

    /// A decoding error with the field path, for people.
    static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String { keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined() }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?: return "missing field \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?: return "field \(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context)?: return context.codingPath.isEmpty ? "not valid JSON" : "field \(path(context.codingPath)): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}
