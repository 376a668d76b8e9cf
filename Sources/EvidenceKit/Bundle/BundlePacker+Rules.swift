import Foundation

extension BundlePacker {
    /// Files larger than this are not read before packing (``pack(_:rules:to:options:reading:readingProgress:progress:)``):
    /// the text readers stop at 256 MiB (a PDF) anyway, and a large video is read only once.
    public static let maxReadBytes: UInt64 = 256 << 20

    /// Packs a loaded case into a bundle, judging completeness and the purpose of each role with
    /// `rules` (what `evidence pack` does).
    ///
    /// ```swift
    /// let rules = try RuleSet.bundled()
    /// let loaded = try CaseFile.load(path: "Samples/quality-earbuds", rules: rules)
    /// let report = try BundlePacker().pack(loaded, rules: rules, to: "earbuds.zip", options: PackOptions())
    /// ```
    /// - Parameters:
    ///   - loaded: the case as ``CaseFile/load(path:rules:allowOutside:)`` returns it.
    ///   - rules: the rules the completeness verdict and `index.html` follow.
    ///   - output: the bundle to write (`OUT.zip`, `OUT.tar.gz`).
    ///   - options: format, language, `allowIncomplete`, `force`, `SOURCE_DATE_EPOCH`.
    ///   - reading: read what each file says before packing (the check phase; OCR results come
    ///     from the cache when `check` or `inspect` read the same bytes), to record the facts in
    ///     `evidence.json` and cross-check them with the case; nil reads nothing. Files larger
    ///     than ``maxReadBytes`` are not read (no reader reads them) and are not opened twice.
    ///   - readingProgress: called with files read and files in all during the reading, from any thread.
    ///   - progress: called on the packing thread after each chunk.
    /// - Returns: what was written.
    /// - Throws: ``PackError``; ``RulesError`` when the case's category is not in `rules`.
    public func pack(_ loaded: LoadedCase, rules: RuleSet, to output: String, options: PackOptions,
                     reading: ReadingOptions? = nil, readingProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
                     progress: ((PackProgress) -> Void)? = nil) throws -> PackReport {
        let complaint = loaded.complaint
        var sources = loaded.packSources
        if let reading {
            let small = sources.indices.filter { index in
                var info = stat()
                return stat(sources[index].path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && UInt64(info.st_size) <= Self.maxReadBytes
            }
            // A file that cannot be inspected here is left for the packing pass to report.
            if let read = try? ReadingPass.inspectFiles(small.map { sources[$0].path }, describing: false, reading: reading,
                                                    progress: readingProgress) {
                for (index, file) in zip(small, read) { sources[index].read = file }
            }
        }
        return try pack(
            case: complaint, sources: sources,
            output: output, options: options,
            evaluate: { inspected in
                try CompletenessEvaluator.evaluate(
                    category: complaint.category,
                    items: inspected.map { EvaluatedItem(item: $0.item, file: $0.file) }, rules: rules)
            },
            purpose: { rules.purpose(of: $0, in: complaint.category) },
            categoryLabel: rules.category(complaint.category)?.label,
            progress: progress)
    }

    /// Removes the unfinished bundle of every pack in progress in this process (the temporary
    /// file beside each output). For a front end's interrupt handler: the library installs no
    /// signal handler and never exits the process; call this, then end the process as you see fit.
    public static func removeUnfinishedBundles() {
        InterruptCleanup.removeRegistered()
    }
}

extension BundleVerifier {
    /// A verifier that recomputes each bundle's completeness with `rules` from its
    /// `evidence.json` and from what each payload file's content really is (read in the
    /// verifying pass), compares it with the recorded verdict, and names payload files whose
    /// content cannot play their role (what `evidence verify` does).
    /// - Parameters:
    ///   - rules: the rules to judge completeness and roles with.
    ///   - limits: entry count, expanded size and ratio bounds.
    public init(rules: RuleSet, limits: VerificationLimits = VerificationLimits()) {
        self.init(limits: limits, recomputeCompleteness: { manifest in
            try CompletenessEvaluator.evaluate(
                category: manifest.case.category,
                items: manifest.items.map(EvaluatedItem.init(manifestItem:)), rules: rules)
        }, roleKinds: { Set(rules.role($0).kinds) })
    }
}
