extension BundlePacker {
    /// Packs a loaded case into a bundle, judging completeness and the purpose of each role with
    /// `rules` (what `evidence pack` does).
    ///
    /// ```swift
    /// let rules = try RuleSet.bundled()
    /// let loaded = try CaseFile.load(path: "Samples/quality-earbuds", rules: rules)
    /// let report = try BundlePacker().pack(loaded, rules: rules, to: "earbuds.zip", options: PackOptions())
    /// ```
    /// - Parameters:
    ///   - loaded: the case as ``CaseFile/load(path:rules:)`` returns it.
    ///   - rules: the rules the completeness verdict and `index.html` follow.
    ///   - output: the bundle to write (`OUT.zip`, `OUT.tar.gz`).
    ///   - options: format, language, `allowIncomplete`, `force`, `SOURCE_DATE_EPOCH`.
    ///   - progress: called on the packing thread after each chunk.
    /// - Returns: what was written.
    /// - Throws: ``PackError``; ``RulesError`` when the case's category is not in `rules`.
    public func pack(_ loaded: LoadedCase, rules: RuleSet, to output: String, options: PackOptions,
                     progress: ((PackProgress) -> Void)? = nil) throws -> PackReport {
        let complaint = loaded.complaint
        return try pack(
            case: complaint, sources: loaded.items.map { PackSource(item: $0.item, path: $0.path) },
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
