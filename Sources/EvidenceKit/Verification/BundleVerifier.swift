import Foundation
import Synchronization

/// Verifies received bundles: safety of the container first, then RFC 8493 fixity, then the
/// meaning of `evidence.json`. Never extracts, never writes; returns a ``VerificationReport``.
public struct BundleVerifier: Sendable {
    /// Bounds for hostile archives.
    public var limits: VerificationLimits
    /// Recomputes completeness from `evidence.json` with the rules; its verdict is compared with
    /// the recorded one. Without it the recorded verdict is reported as is.
    public var recomputeCompleteness: (@Sendable (EvidenceManifest) throws -> CompletenessResult)?
    /// The media kinds that can play a role (the rules' role list), to say which payload file's
    /// content cannot be what its role claims (`meaning.role-implausible`). When nil, the kinds
    /// `inspect` finds plausible for each role (``RoleGuesser/plausibleKinds(for:)``).
    public var roleKinds: (@Sendable (EvidenceRole) -> Set<MediaKind>)?
    /// The roots a seal (RFC 3161 timestamp in `signatures/`) may chain to (Docs/sealing.md).
    public var sealTrust = SealTrust()
    /// Make a bundle without a valid seal invalid (`seal.required`); otherwise a missing seal
    /// only shows as an empty ``VerificationReport/seals`` and an untrusted one as a warning.
    public var requireSeal = false
    /// Read the text of every payload file again and compare its role and facts with
    /// `evidence.json` and the case (`verify --read`, ``BundleReading``); nil reads nothing.
    public var reading: ReadingOptions? = nil

    /// Creates a verifier.
    /// - Parameters:
    ///   - limits: entry count, expanded size and ratio bounds.
    ///   - recomputeCompleteness: the rules' evaluator, when available.
    ///   - roleKinds: the media kinds each role accepts, when the rules are at hand.
    public init(limits: VerificationLimits = VerificationLimits(),
                recomputeCompleteness: (@Sendable (EvidenceManifest) throws -> CompletenessResult)? = nil,
                roleKinds: (@Sendable (EvidenceRole) -> Set<MediaKind>)? = nil) {
        self.limits = limits
        self.roleKinds = roleKinds
        self.recomputeCompleteness = recomputeCompleteness
    }

    /// Verifies one bundle: a `.zip`, `.tar`, `.tar.gz` or an unpacked bag folder.
    /// - Parameter path: the bundle.
    /// - Returns: the report; its ``VerificationReport/status`` gives the exit code.
    public func verify(_ path: String) -> VerificationReport {
        let contents = BundleReader.read(path, limits: limits)
        var problems = contents.problems
        var bag: VerificationReport.BagSummary?
        var evidence: VerificationReport.EvidenceSummary?
        var seals: [SealReport] = []
        // Judge the bag only when the container was read to its end safely.
        if problems.isEmpty {
            let (bagProblems, summary) = BagValidator.validate(files: contents.files, name: contents.bagName)
            problems += bagProblems
            if !bagProblems.contains(where: { $0.code == .missingBagitTxt }) {
                bag = summary
                problems += Self.contentProblems(contents.files)
                // Without the rules' role list, the kinds `inspect` finds plausible for each role.
                let kinds = roleKinds ?? { RoleGuesser.plausibleKinds(for: $0) }
                let (meaningProblems, meaning) = EvidenceMeaning.check(files: contents.files, recompute: recomputeCompleteness,
                                                                       roleKinds: kinds)
                problems += meaningProblems
                evidence = meaning
                let sealed = SealCheck.check(files: contents.files, trust: sealTrust, requireSeal: requireSeal)
                problems += sealed.problems
                seals = sealed.seals
                if let reading, meaning != nil {
                    problems += BundleReading.check(bundle: path, contents: contents, options: reading)
                }
            }
        }
        var report = VerificationReport(bundle: path, format: contents.format, problems: problems, bag: bag,
                                        evidence: evidence, bytesRead: contents.bytesRead, limits: limits)
        report.seals = seals
        return report
    }

    /// Payload files whose content is corrupt (damaged, truncated, empty) or unacceptable
    /// (an executable, script or archive), as `inspect` would judge them.
    /// Payload files whose content could not be read at all (libmagic's database missing) are one
    /// `content.not-read` problem: nothing read, nothing judged, so never a valid verdict.
    static func contentProblems(_ files: [BagFile]) -> [VerificationProblem] {
        let unread = files.filter { $0.isPayload && $0.observed == nil }
        if !unread.isEmpty {
            return [VerificationProblem(.contentNotRead, found: String(unread.count), detail: PayloadContentReader.unavailableReason)]
        }
        return files.compactMap { file in
            guard let observed = file.observed else { return nil }
            switch observed.status {
            case .corrupt:
                return VerificationProblem(.contentCorrupt, entry: file.path, found: observed.errors.joined(separator: ", "), detail: observed.mimeType)
            case .unacceptable:
                return VerificationProblem(.contentUnacceptable, entry: file.path, found: observed.kind.rawValue, detail: observed.mimeType)
            default:
                return nil
            }
        }
    }

    /// Verifies several bundles, `jobs` at a time.
    /// - Parameters:
    ///   - paths: the bundles.
    ///   - jobs: how many at once (each uses two threads: reading and hashing).
    ///   - completed: called as each report is ready, with its index in `paths` (from any thread).
    /// - Returns: the reports in the order of `paths`.
    public func verify(_ paths: [String], jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                       completed: (@Sendable (Int, VerificationReport) -> Void)? = nil) -> [VerificationReport] {
        guard !paths.isEmpty else { return [] }
        let results = Mutex<[VerificationReport?]>(Array(repeating: nil, count: paths.count))
        let cursor = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, paths.count))) { _ in
            while true {
                let index = cursor.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < paths.count else { return }
                let report = verify(paths[index])
                results.withLock { $0[index] = report }
                completed?(index, report)
            }
        }
        return results.withLock { $0 }.map { $0! }
    }
}
