import Foundation

/// Checks that `evidence.json` agrees with the bag: the same files with the same sizes and
/// SHA-256 as the payload manifest, roles that match the recorded case, a completeness verdict
/// that is consistent and, when a recomputation is given, the same as recomputed.
enum EvidenceMeaning {
    /// The problems and the summary of `evidence.json` among `files`; nil summary when absent or unreadable.
    static func check(files: [BagFile], recompute: (@Sendable (EvidenceManifest) throws -> CompletenessResult)?,
                      roleKinds: (@Sendable (EvidenceRole) -> Set<MediaKind>)? = nil)
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
        problems += checkContent(manifest, files: files, roleKinds: roleKinds)
        problems += checkCompleteness(manifest.completeness, category: manifest.case.category)

        var summary = VerificationReport.EvidenceSummary(
            category: manifest.case.category, orderID: manifest.case.orderID, items: manifest.items.count,
            recorded: manifest.completeness, recomputed: nil)
        summary.transformed = TransformedItem.list(manifest)
        if let recompute {
            do {
                // Recomputed from what the content is, not from what evidence.json says it is.
                let fresh = try recompute(observedManifest(manifest, files: files))
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
            // `pack` refuses corrupt, unacceptable and unreadable files: it only ever records `ok`.
            // A claim of anything else (a forger copying what the content really is) is not a bundle `pack` wrote.
            if item.checks.status != .ok {
                problems.append(VerificationProblem(.notAsPacked, entry: item.path, expected: "checks.status ok",
                                                    found: "checks.status \(item.checks.status.rawValue)"))
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

    /// Each item's claims (type, kind, status, capture time) against what its content turned
    /// out to be when read; and whether that content can play the item's role at all.
    static func checkContent(_ manifest: EvidenceManifest, files: [BagFile],
                             roleKinds: (@Sendable (EvidenceRole) -> Set<MediaKind>)?) -> [VerificationProblem] {
        var problems: [VerificationProblem] = []
        let payload = Dictionary(files.filter(\.isPayload).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        for item in manifest.items where seen.insert(item.path).inserted {
            guard let observed = payload[item.path]?.observed else { continue }
            if item.mimeType != observed.mimeType {
                problems.append(VerificationProblem(.typeMismatch, entry: item.path, expected: item.mimeType, found: observed.mimeType))
            }
            if item.checks.status != observed.status || item.checks.kind != observed.kind {
                let why = observed.errors.isEmpty ? nil : observed.errors.joined(separator: ", ")
                problems.append(VerificationProblem(.checksMismatch, entry: item.path,
                                                    expected: "\(item.checks.status.rawValue), \(item.checks.kind.rawValue)",
                                                    found: "\(observed.status.rawValue), \(observed.kind.rawValue)", detail: why))
            }
            if item.captureTime != observed.captureTime {
                problems.append(VerificationProblem(.captureTimeMismatch, entry: item.path, expected: item.captureTime ?? "-",
                                                    found: observed.captureTime ?? "-"))
            }
            if let roleKinds, !roleKinds(item.role).contains(observed.kind) {
                problems.append(VerificationProblem(.roleImplausible, entry: item.path, expected: item.role.rawValue,
                                                    found: observed.kind.rawValue,
                                                    detail: roleKinds(item.role).map(\.rawValue).sorted().joined(separator: ", ")))
            }
        }
        return problems
    }

    /// `manifest` with each item's type, checks and capture time replaced by what its content
    /// is (items whose file was not read keep their claims).
    static func observedManifest(_ manifest: EvidenceManifest, files: [BagFile]) -> EvidenceManifest {
        let payload = Dictionary(files.filter(\.isPayload).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var copy = manifest
        for index in copy.items.indices {
            guard let observed = payload[copy.items[index].path]?.observed else { continue }
            copy.items[index].mimeType = observed.mimeType
            copy.items[index].captureTime = observed.captureTime
            copy.items[index].checks = EvidenceManifest.Checks(status: observed.status, findings: observed.findings, kind: observed.kind)
        }
        return copy
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
