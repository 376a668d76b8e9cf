import EvidenceFrontEnd
import EvidenceKit

// The short text each tool result starts with, in the server's language (the JSON document
// follows it). Counts and verdicts only: the document holds the detail.
extension EvidenceTools {
    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    func summary(_ report: InspectionReport) -> String {
        let s = report.summary
        let bad = s.corrupt + s.unacceptable + s.unreadable
        return t("已检查 \(s.files) 个文件：\(s.ok) 个完好，\(bad) 个损坏、不可接受或无法读取，\(s.skipped) 个跳过，\(s.warnings) 条提醒。",
                 "Inspected \(s.files) file(s): \(s.ok) sound, \(bad) corrupt, unacceptable or unreadable, \(s.skipped) skipped, \(s.warnings) warning(s).")
    }

    func summary(_ report: CheckReport) -> String {
        let label = report.categoryLabel(language)
        let missing = report.completeness.missingRequired.map(\.requirement).joined(separator: ", ")
        if report.evidenceProblems {
            return t("“\(label)”：有证据文件损坏或不可接受（见 files）。", "“\(label)”: some evidence files are corrupt or unacceptable (see files).")
        }
        if report.status == .incomplete {
            return t("“\(label)”：证据不齐全，缺少必需项：\(missing)。", "“\(label)”: incomplete, required evidence missing: \(missing).")
        }
        return t("“\(label)”：必需证据齐全。", "“\(label)”: the required evidence is complete.")
    }

    func summary(_ batch: VerificationBatch) -> String {
        guard let report = batch.bundles.first?.value else { return "" }
        let verdict = report.status.label(language)
        let problems = report.problems.count
        return t("\(report.bundle)：\(verdict)；\(problems) 个问题，\(report.seals.count) 个时间戳。",
                 "\(report.bundle): \(verdict); \(problems) problem(s), \(report.seals.count) seal(s).")
    }

    func summary(_ document: RulesListDocument) -> String {
        let ids = document.categories.map(\.id).joined(separator: ", ")
        return t("规则 \(document.rulesVersion)，\(document.categories.count) 个类别：\(ids)。",
                 "Rules \(document.rulesVersion), \(document.categories.count) categories: \(ids).")
    }

    func summary(_ document: RulesCategoryDocument) -> String {
        guard let item = document.requirements.first else { return document.label(language) }
        return "\(document.label(language)) · \(item.id): \(item.reason(language))"
    }
}
