import EvidenceKit

/// The human report of `evidence check`: verdict, requirements, files that do not count,
/// time advice.
struct CheckRenderer: Bilingual {
    let language: Language
    let rules: RuleSet


    func describe(_ requirement: RequirementReport) -> String {
        requirement.options.map { option in
            option.terms.map { term in
                term.role.label(language) + (term.minimum > 1 ? " ×\(term.minimum)" : "")
            }.joined(separator: " + ")
        }.joined(separator: t("，或 ", ", or "))
    }

    func render(_ report: CheckReport) -> String {
        var lines: [String] = []
        let title = report.caseFile.map { t("案件 ", "Case ") + $0 } ?? t("快速检查", "Quick check")
        lines.append("\(title) — \(report.categoryLabel(language)) (\(report.category))")
        if let order = report.case.orderID { lines.append(t("订单号 ", "Order ") + order) }
        lines.append("")
        if report.status == .complete {
            lines.append(t("✓ 证据齐全：满足该类别的全部必需要求。", "✓ Complete: every required piece of evidence is there."))
        } else {
            let missing = report.requirements.filter { $0.level == .required && !$0.satisfied }.count
            lines.append(t("✗ 证据不全：缺少 \(missing) 项必需证据。", "✗ Incomplete: \(missing) required item(s) missing."))
        }
        if report.evidenceProblems {
            lines.append(t("✗ 有文件损坏、不可用或无法读取（见下文）。", "✗ Some files are corrupt, unacceptable or unreadable (see below)."))
        }
        for level in Requirement.Level.allCases {
            let group = report.requirements.filter { $0.level == level }
            guard !group.isEmpty else { continue }
            lines.append("")
            lines.append(level == .required ? t("必需证据：", "Required evidence:") : t("建议证据：", "Recommended evidence:"))
            for requirement in group {
                let mark = requirement.satisfied ? "✓" : (level == .required ? "✗" : "·")
                lines.append("  \(mark) \(describe(requirement))")
                if requirement.satisfied {
                    lines.append("      " + requirement.satisfiedBy.joined(separator: ", "))
                } else {
                    let found = requirement.options.flatMap(\.terms).filter { $0.found > 0 }
                        .map { "\($0.role.label(language)) \($0.found)/\($0.minimum)" }
                    if !found.isEmpty { lines.append("      \(t("已有", "Have")): " + found.joined(separator: ", ")) }
                    lines.append("      \(t("为什么", "Why")): \(requirement.reason(language))")
                    lines.append("      \(t("去拍/去截", "Capture")): \(requirement.advice(language))")
                    if let citation = requirement.citation { lines.append("      \(t("依据", "Basis")): \(citation(language))") }
                }
            }
        }
        let excluded = report.files.filter { !$0.counts }
        if !excluded.isEmpty {
            lines.append("")
            lines.append(t("不计入的文件：", "Files that do not count:"))
            for file in excluded {
                lines.append("  ✗ \(file.file) [\(file.role.rawValue)] — \(file.message?(language) ?? "")")
                for finding in file.findings where finding.severity == .error {
                    lines.append("      [\(finding.code)] \(finding.message(language))")
                }
            }
        }
        if !report.evidenceWarnings.isEmpty {
            lines.append("")
            lines.append(t("证据内容提示（不影响结论，请核对）：", "What the evidence says that does not fit (warnings; check them):"))
            for warning in report.evidenceWarnings {
                lines.append("  ! [\(warning.code.rawValue)] \(warning.message(language))")
                if let line = warning.line { lines.append("      " + t("读自：", "Read from: ") + "“\(line)”") }
            }
        }
        let guessed = report.files.filter { $0.roleSource == .guessed }
        if !guessed.isEmpty {
            lines.append("")
            lines.append(t("推断的角色（可用 --file 角色=路径 指定）：", "Roles not given (set them with --file ROLE=PATH):"))
            let renderer = InspectionRenderer(language: language)
            for file in guessed {
                lines.append("  \(file.file) → " + (file.roleAssessment.map(renderer.roleLine) ?? file.role.rawValue))
            }
        }
        if !report.timeAdvice.isEmpty {
            lines.append("")
            lines.append(t("时间提示（以 \(report.today) 计）：", "Time advice (as of \(report.today)):"))
            for advice in report.timeAdvice {
                lines.append("  \(advice.severity == .warning ? "!" : "·") \(advice.message(language))")
                if let citation = advice.citation { lines.append("      \(t("依据", "Basis")): \(citation(language))") }
            }
        }
        if !report.caseWarnings.isEmpty {
            lines.append("")
            lines.append(t("案件文件提示：", "Case file warnings:"))
            for warning in report.caseWarnings { lines.append("  ! [\(warning.code.rawValue)] \(warning.message(language))") }
        }
        lines.append("")
        lines.append(t("规则版本 \(report.rulesVersion)；共 \(report.files.count) 个文件，计入 \(report.files.count { $0.counts }) 个。",
                       "Rules version \(report.rulesVersion); \(report.files.count) file(s), \(report.files.count { $0.counts }) counted."))
        return lines.joined(separator: "\n")
    }
}
