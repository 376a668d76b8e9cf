import EvidenceKit

/// The human report of `evidence pack`: the summary of a written bundle, the explanation of a
/// refusal, and the progress line shown on a terminal.
struct PackSummaryRenderer: Bilingual {
    let language: Language


    /// The summary after a bundle was written: path, bag digest, the bundle file's SHA-256
    /// (with `--sha256`), items, bytes, verdict.
    func render(_ report: PackReport) -> String {
        var lines: [String] = []
        lines.append(t("✓ 已生成证据包：", "✓ Bundle written: ") + report.bundlePath)
        lines.append(t("  证据包指纹（tagmanifest-sha256.txt 的 SHA-256，锁定包内每个文件）：",
                       "  Bag digest (SHA-256 of tagmanifest-sha256.txt; pins every file in the bag): ") + report.tagManifestSHA256)
        if let digest = report.bundleSHA256 { lines.append(t("  证据包文件 SHA-256：", "  Bundle file SHA-256: ") + digest) }
        lines.append(t("  内含 \(report.itemCount) 个证据文件（\(humanSize(report.payloadBytes))），证据包大小 \(humanSize(report.bundleBytes))，格式 \(report.format.rawValue)，BagIt 目录 \(report.bagName)/",
                       "  \(report.itemCount) evidence file(s) (\(humanSize(report.payloadBytes))), bundle size \(humanSize(report.bundleBytes)), format \(report.format.rawValue), BagIt folder \(report.bagName)/"))
        switch report.verdict {
        case .complete:
            lines.append(t("  完整性：证据齐全。", "  Completeness: complete."))
        case .incomplete:
            let missing = report.manifest.completeness.missingRequired
                .map { $0.roles.map { $0.label(language) }.joined(separator: t("或", " or ")) }.joined(separator: t("；", "; "))
            lines.append(t("  完整性：不完整（按 --allow-incomplete 打包，已记录在证据包中）。缺少：\(missing)",
                           "  Completeness: INCOMPLETE (packed with --allow-incomplete; recorded in the bundle). Missing: \(missing)"))
        }
        let warned = report.inspected.filter { $0.findings.contains { $0.severity == .warning } }
        if !warned.isEmpty {
            lines.append(t("  提示：", "  Notes:"))
            for file in warned {
                for finding in file.findings where finding.severity == .warning {
                    lines.append("    ! \(file.path) [\(finding.code)] \(finding.message(language))")
                }
            }
        }
        if !report.evidenceWarnings.isEmpty {
            lines.append(t("  证据内容提示（已记录在 evidence.json，请核对）：", "  What the evidence says that does not fit (recorded in evidence.json; check it):"))
            for warning in report.evidenceWarnings {
                lines.append("    ! [\(warning.code.rawValue)] \(warning.message(language))")
            }
        }
        lines.append(t("  核验：evidence verify \(report.bundlePath)，或解压后运行 bagit.py --validate。",
                       "  Check it: evidence verify \(report.bundlePath), or unpack it and run bagit.py --validate."))
        return lines.joined(separator: "\n")
    }

    /// Why no bundle was written, with every file or requirement concerned.
    func render(_ error: PackError) -> String {
        var lines = ["✗ [\(error.code.rawValue)] " + error.commandLineMessage(language)]
        switch error.code {
        case .corruptEvidence, .unreadableEvidence:
            for file in error.inspected where !file.counts {
                lines.append("  \(file.path)")
                for finding in file.findings where finding.severity == .error {
                    lines.append("    ✗ [\(finding.code)] \(finding.message(language))")
                }
            }
        case .incomplete:
            for gap in error.completeness?.missingRequired ?? [] {
                let roles = gap.roles.map { $0.label(language) }.joined(separator: t(" 或 ", " or "))
                lines.append("  ✗ \(roles) (\(gap.found)/\(gap.minimum)): \(gap.reason(language))")
                lines.append("    → \(gap.advice(language))")
            }
        default:
            break
        }
        return lines.joined(separator: "\n")
    }

    /// One progress line (for stderr on a terminal, rewritten in place with `\r`).
    func progressLine(_ progress: PackProgress) -> String {
        let percent = progress.bytesTotal == 0 ? 100 : Int(progress.bytesDone * 100 / progress.bytesTotal)
        return t("打包中 \(progress.fileIndex)/\(progress.fileCount) \(percent)%  \(humanSize(progress.bytesDone))/\(humanSize(progress.bytesTotal))  \(progress.file)",
                 "Packing \(progress.fileIndex)/\(progress.fileCount) \(percent)%  \(humanSize(progress.bytesDone))/\(humanSize(progress.bytesTotal))  \(progress.file)")
    }
}
