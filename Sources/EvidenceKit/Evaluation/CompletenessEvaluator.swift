/// Decides whether a case's evidence meets its category's requirements (rules as data).
/// A file counts only when it is intact (status ok), its content kind can play its role, and
/// its content is not a duplicate (by SHA-256) of an earlier file.
public enum CompletenessEvaluator {
    /// The per-requirement and per-file outcome.
    public struct Assessment: Sendable, Hashable {
        public var category: RuleCategory
        public var rulesVersion: String
        public var requirements: [RequirementReport]
        /// One verdict per item, in the order given.
        public var items: [ItemVerdict]

        /// The summary recorded in bundles.
        public var result: CompletenessResult {
            let required = requirements.filter { $0.level == .required }.compactMap(\.gap)
            let recommended = requirements.filter { $0.level == .recommended }.compactMap(\.gap)
            return CompletenessResult(status: required.isEmpty ? .complete : .incomplete, category: category.id,
                                      rulesVersion: rulesVersion, missingRequired: required, missingRecommended: recommended)
        }
    }

    /// Evaluates items against a category.
    /// - Throws: ``RulesError`` (`rules.unknown-category`) when the rules have no such category.
    public static func evaluate(category: String, items: [EvaluatedItem], rules: RuleSet) throws -> CompletenessResult {
        try assess(category: category, items: items, rules: rules).result
    }

    /// Evaluates items against a category, keeping every detail `check` shows.
    /// - Throws: ``RulesError`` (`rules.unknown-category`) when the rules have no such category.
    public static func assess(category id: String, items: [EvaluatedItem], rules: RuleSet) throws -> Assessment {
        guard let category = rules.category(id) else {
            throw RulesError(.unknownCategory, path: "rules \(rules.version)", location: DocumentLocation(field: "category", line: nil, column: nil), detail: id)
        }
        var verdicts: [ItemVerdict] = []
        var firstBySHA: [String: String] = [:]
        for item in items {
            var verdict = ItemVerdict(file: item.displayName, role: item.role, counts: true, reason: nil, message: nil, usedFor: [])
            let allowed = rules.role(item.role).kinds
            if !item.counts {
                verdict.counts = false
                verdict.reason = .notIntact
                verdict.message = LocalizedText(
                    zh: "文件状态为“\(item.status.rawValue)”（损坏、不可用或无法读取），不能作为证据。请换用原始文件或重新截图/拍摄。",
                    en: "the file is \(item.status.rawValue) (damaged, unacceptable or unreadable) and cannot count. Use the original file or capture it again.")
            } else if !item.sha256.isEmpty, let first = firstBySHA[item.sha256] {
                verdict.counts = false
                verdict.reason = .duplicate
                verdict.message = LocalizedText(
                    zh: "与“\(first)”内容完全相同（SHA-256 一致），只计一次。请删除重复项，或换一张不同的照片。",
                    en: "identical to “\(first)” (same SHA-256), so it counts once. Remove the duplicate or use a different photo.")
            } else if !allowed.contains(item.kind) {
                verdict.counts = false
                verdict.reason = .wrongKind
                let zhKinds = allowed.map(\.label.zh).joined(separator: "、")
                let enKinds = allowed.map(\.label.en).joined(separator: ", ")
                verdict.message = LocalizedText(
                    zh: "内容是\(item.kind.label.zh)，不能作为“\(item.role.label.zh)”（应为\(zhKinds)）。请提供正确类型的文件，或更正角色。",
                    en: "its content is \(item.kind.label.en), which cannot be a \(item.role.label.en.lowercased()) (needs \(enKinds)). Provide the right kind of file or correct the role.")
            }
            if verdict.counts, !item.sha256.isEmpty { firstBySHA[item.sha256] = item.displayName }
            verdicts.append(verdict)
        }

        var reports: [RequirementReport] = []
        for requirement in category.requirements {
            let options = requirement.options.map { option in
                RequirementReport.Option(terms: option.terms.map { term in
                    let kinds = rules.kinds(for: term)
                    let files = zip(items, verdicts).filter { item, verdict in
                        verdict.counts && item.role == term.role && kinds.contains(item.kind)
                    }.map { $0.0.displayName }
                    return RequirementReport.Term(role: term.role, minimum: term.minimum, kinds: kinds, files: files)
                })
            }
            let satisfying = options.first(where: \.satisfied)
            let used = satisfying.map { $0.terms.flatMap(\.files) } ?? []
            for index in verdicts.indices where used.contains(verdicts[index].file) {
                verdicts[index].usedFor.append(requirement.id)
            }
            reports.append(RequirementReport(id: requirement.id, level: requirement.level, satisfied: satisfying != nil, options: options,
                                             satisfiedBy: used, reason: requirement.reason, advice: requirement.advice, citation: requirement.citation))
        }
        return Assessment(category: category, rulesVersion: rules.version, requirements: reports, items: verdicts)
    }
}
