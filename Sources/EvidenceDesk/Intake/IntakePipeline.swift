import EvidenceKit
import Foundation

/// What became of one received file.
public struct IntakeResult: Sendable, Hashable {
    /// The record filed (a duplicate's own record names the original in `duplicate_of`).
    public var record: BundleRecord
    /// False when the intake key had been filed before (a retried intake): nothing new was filed.
    public var created: Bool
}

/// Takes one received file into the desk: digest, verification with the same engine and
/// limits as `evidence verify` (the library's ``BundleVerifier``), the store, the record.
/// The file given is left where it is; the caller removes it once this returns (the record is
/// committed by then), so a crash at any step leaves the file to be taken again, and its
/// intake key makes the second attempt find the first one's record instead of filing twice.
public struct IntakePipeline: Sendable {
    public let store: BundleStore
    public let records: DeskRecords
    public let verifier: BundleVerifier

    /// - Parameters:
    ///   - verifier: by default the bundled rules and `evidence verify`'s default limits.
    public init(store: BundleStore, records: DeskRecords, verifier: BundleVerifier? = nil) throws {
        self.store = store
        self.records = records
        self.verifier = try verifier ?? BundleVerifier(rules: RuleSet.bundled(), limits: VerificationLimits())
    }

    /// Files `file`.
    /// - Parameters:
    ///   - source: `upload:USER` or `inbox:FILENAME`.
    ///   - intakeKey: unique per intake (the same key for a retry of the same intake).
    public func intake(_ file: String, source: String, intakeKey: String) async throws(DeskError) -> IntakeResult {
        let (sha256, size) = try BundleStore.digest(of: file)
        if let original = try await records.original(sha256: sha256) {
            // The same bytes verify the same: the duplicate's record repeats the original's findings.
            try store.place(file, sha256: sha256)
            let report = try await records.report(id: original.id) ?? VerificationReport(bundle: source, format: nil, problems: [], bag: nil, evidence: nil, bytesRead: 0, limits: verifier.limits)
            let bundle = NewBundle(sha256: sha256, source: source, size: size, format: original.format, bagDigest: original.bagDigest,
                                   category: original.category, orderNumber: original.orderNumber, shop: original.shop,
                                   status: original.status, problems: original.problems, sealTimes: original.sealTimes)
            let (record, created) = try await records.file(bundle, intakeKey: intakeKey, report: report)
            return IntakeResult(record: record, created: created)
        }
        let verifier = verifier
        // Verification is blocking work: on a Dispatch thread, so Swift's cooperative threads
        // (the HTTP server's handlers, the watcher) stay free.
        var report = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: verifier.verify(file)) }
        }
        report.bundle = source
        // evidence.json is read only from a bundle whose container the verifier read safely.
        let manifest = report.evidence != nil ? Self.manifest(file, limits: verifier.limits) : nil
        let bundle = NewBundle(sha256: sha256, source: source, size: size, format: report.format?.rawValue,
                               bagDigest: report.bag?.tagManifestSHA256, category: report.evidence?.category ?? manifest?.case.category,
                               orderNumber: report.evidence?.orderID ?? manifest?.case.orderID, shop: manifest?.case.shop,
                               status: report.status.rawValue, problems: report.problems,
                               sealTimes: report.seals.filter { $0.status == .valid }.compactMap(\.time))
        try store.place(file, sha256: sha256)
        let (record, created) = try await records.file(bundle, intakeKey: intakeKey, report: report)
        return IntakeResult(record: record, created: created)
    }

    /// The bundle's `evidence.json` (bounded read, nothing extracted); nil when unreadable.
    static func manifest(_ bundle: String, limits: VerificationLimits) -> EvidenceManifest? {
        guard let bytes = try? BundleEntryReader.read(bundle: bundle, path: "evidence.json", maxBytes: limits.maxTagFileSize, limits: limits) else {
            return nil
        }
        return try? EvidenceJSON.decoder().decode(EvidenceManifest.self, from: Data(bytes))
    }
}
