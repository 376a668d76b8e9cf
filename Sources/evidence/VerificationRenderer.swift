import EvidenceFrontEnd
import EvidenceKit

/// The human report of `evidence verify`: a verdict line per bundle, then every problem.
struct VerificationRenderer: Bilingual {
    let language: Language

    func statusLabel(_ status: VerificationReport.Status) -> String {
        let mark = switch status {
        case .validComplete: "✓"
        case .validIncomplete, .validBag, .validHoley: "!"
        case .invalid, .unreadable: "✗"
        }
        return mark + " " + status.label(language)
    }

    func render(_ report: VerificationReport) -> String {
        var lines = ["\(report.bundle): \(statusLabel(report.status))"]
        if let bag = report.bag {
            lines.append(t("  BagIt \(bag.version ?? "?") 包 “\(bag.name)”：\(bag.payloadFiles) 个文件，\(humanSize(bag.payloadBytes))，校验算法 \(bag.algorithms.joined(separator: ", "))",
                           "  BagIt \(bag.version ?? "?") bag “\(bag.name)”: \(bag.payloadFiles) file(s), \(humanSize(bag.payloadBytes)), checksums \(bag.algorithms.joined(separator: ", "))"))
            for item in bag.toFetch {
                lines.append(t("    待取：", "    to fetch: ") + "\(item.path) ← \(item.url) (\(item.length.map { String($0) } ?? "?") B)")
            }
            if let digest = bag.tagManifestSHA256 {
                lines.append(t("  证据包指纹（tagmanifest-sha256.txt 的 SHA-256）：", "  Bag digest (SHA-256 of tagmanifest-sha256.txt): ") + digest)
            }
        }
        if let evidence = report.evidence {
            let verdict = evidence.recomputed ?? evidence.recorded
            let status = verdict.status == .complete ? t("齐全", "complete") : t("不齐全", "incomplete")
            let source = evidence.recomputed.map { t("（按规则 \($0.rulesVersion) 重新计算）", " (recomputed with rules \($0.rulesVersion))") }
                ?? t("（包内记录，规则 \(evidence.recorded.rulesVersion)）", " (as recorded, rules \(evidence.recorded.rulesVersion))")
            lines.append(t("  类别 \(evidence.category)，订单 \(evidence.orderID ?? "-")，\(evidence.items) 项证据，\(status)\(source)",
                           "  category \(evidence.category), order \(evidence.orderID ?? "-"), \(evidence.items) item(s), \(status)\(source)"))
            for gap in verdict.missingRequired {
                lines.append(t("    缺少必需：", "    missing (required): ") + gap.roles.map { $0.label(language) }.joined(separator: t(" 或 ", " or ")))
            }
            for item in evidence.transformed ?? [] {
                lines.append(t("    · \(item.path)：去除位置信息的副本（\(item.removed.joined(separator: ", "))；非篡改），副本 SHA-256 \(item.sha256)，原文件 SHA-256 \(item.originalSHA256 ?? "-")",
                               "    · \(item.path): a copy without location (\(item.removed.joined(separator: ", ")) removed; not tampering), copy SHA-256 \(item.sha256), original SHA-256 \(item.originalSHA256 ?? "-")"))
            }
        }
        lines += SealRenderer(language: language).lines(report)
        for problem in report.problems {
            let mark = switch problem.severity {
            case .error, .unreadable: "✗"
            case .warning: "!"
            case .notice: "·"
            }
            lines.append("  \(mark) [\(problem.code.rawValue)] \(problem.commandLineMessage(language))")
        }
        return lines.joined(separator: "\n")
    }
}
