import EvidenceKit

/// The human output of `evidence rules`.
struct RulesRenderer: Bilingual {
    let language: Language
    let rules: RuleSet


    func renderList() -> String {
        var lines = ["\(rules.title(language)) (\(t("版本", "version")) \(rules.version))", ""]
        let width = rules.categories.map { displayWidth($0.id) }.max() ?? 0
        for category in rules.categories {
            lines.append("  \(padded(category.id, to: width))  \(category.label(language))")
        }
        lines.append("")
        lines.append(t("查看某一类别的要求：evidence rules <类别>", "Show what a category requires: evidence rules <category>"))
        return lines.joined(separator: "\n")
    }

    /// "product photo ×2 or unboxing video".
    func describe(_ requirement: Requirement) -> String {
        requirement.options.map { option in
            option.terms.map { term in
                term.role.label(language) + (term.minimum > 1 ? " ×\(term.minimum)" : "")
            }.joined(separator: t(" + ", " + "))
        }.joined(separator: t("，或 ", ", or "))
    }

    func render(_ category: RuleCategory) -> String {
        var lines = ["\(category.label(language)) (\(category.id))", "", category.summary(language), ""]
        for level in Requirement.Level.allCases {
            let group = category.requirements.filter { $0.level == level }
            guard !group.isEmpty else { continue }
            lines.append(level == .required ? t("必需：", "Required:") : t("建议：", "Recommended:"))
            for requirement in group {
                lines.append("  • \(describe(requirement))  [\(requirement.id)]")
                lines.append("      \(t("原因", "Why")): \(requirement.reason(language))")
                lines.append("      \(t("怎么做", "Capture")): \(requirement.advice(language))")
                if let citation = requirement.citation { lines.append("      \(t("依据", "Basis")): \(citation(language))") }
            }
            lines.append("")
        }
        lines.append(t("规则版本 \(rules.version)", "Rules version \(rules.version)"))
        return lines.joined(separator: "\n")
    }
}
