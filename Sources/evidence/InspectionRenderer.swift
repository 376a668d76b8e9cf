import EvidenceKit

/// The human report of `evidence inspect`: a table, then each file's findings.
struct InspectionRenderer: Bilingual {
    let language: Language


    func statusLabel(_ status: InspectedFile.Status) -> String {
        switch status {
        case .ok: t("✓ 正常", "✓ ok")
        case .corrupt: t("✗ 损坏", "✗ corrupt")
        case .unacceptable: t("✗ 不可用", "✗ unacceptable")
        case .unreadable: t("✗ 无法读取", "✗ unreadable")
        case .skipped: t("- 已跳过", "- skipped")
        }
    }

    func details(_ file: InspectedFile) -> String {
        var parts: [String] = []
        let m = file.metadata
        if let w = m.width, let h = m.height { parts.append("\(w)×\(h)") }
        if let time = m.captureTime { parts.append(t("拍摄 ", "taken ") + time) }
        if let camera = m.cameraModel { parts.append(camera) }
        if m.hasGPS == true { parts.append(t("含GPS位置", "has GPS")) }
        if let pages = m.pageCount { parts.append(t("\(pages) 页", "\(pages) page(s)")) }
        if m.encrypted == true { parts.append(t("已加密", "encrypted")) }
        if let d = m.durationSeconds { parts.append(t("时长 ", "") + formatDuration(d)) }
        if let e = m.textEncoding { parts.append(e) }
        if m.isOFD == true { parts.append("OFD") }
        return parts.joined(separator: ", ")
    }

    private func formatDuration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? "\(total / 3600):\(pad2(total / 60 % 60)):\(pad2(total % 60))" : "\(total / 60):\(pad2(total % 60))"
    }

    private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// "order-screenshot · 订单截图 (from content 0.93: 订单编号, 实付款)".
    func roleLine(_ assessment: RoleAssessment) -> String {
        let cues = assessment.cues.prefix(4).joined(separator: t("、", ", "))
        let confidence = String(format: "%.2f", assessment.confidence)
        let basis = assessment.basis.label(language)
        let why = assessment.basis == .caseFile ? basis
            : cues.isEmpty ? "\(basis) \(confidence)" : t("\(basis) \(confidence)：\(cues)", "\(basis) \(confidence): \(cues)")
        return "\(assessment.role.rawValue) · \(assessment.role.label(language))" + t("（\(why)）", " (\(why))")
    }

    /// "订单编号 order number: 946799918587044260  ← “订单编号 946799918587044260”".
    func factLine(_ fact: Fact) -> String {
        "\(fact.kind.label(language))" + t("：", ": ") + "\(fact.value)  ← “\(fact.line)”"
    }

    /// Where the text came from, for people.
    func sourceLabel(_ reading: ContentReading) -> String {
        let source = switch reading.source {
        case .ocr: t("图片文字识别", "OCR of the image")
        case .pdfText: t("PDF 文字层", "the PDF's text layer")
        case .pdfOCR: t("PDF 扫描页文字识别", "OCR of scanned PDF pages")
        case .wechatTXT: t("微信导出（TXT）", "WeChat export (TXT)")
        case .wechatCSV: t("微信导出（CSV）", "WeChat export (CSV)")
        case .chatText: t("聊天文本", "chat text")
        case .alipayCSV: t("支付宝账单 CSV", "Alipay bill CSV")
        case .plainText: t("纯文本", "plain text")
        }
        return t("\(source)，\(reading.lineCount) 行（\(reading.engine)）", "\(source), \(reading.lineCount) line(s) (\(reading.engine))")
    }

    func render(_ report: InspectionReport) -> String {
        let header = [t("状态", "Status"), t("文件", "File"), t("类型", "Type"), t("大小", "Size"), t("建议角色", "Suggested role"), t("信息", "Details")]
        let rows = report.files.map { file -> [String] in
            [statusLabel(file.status), file.path, file.mimeType.isEmpty ? "-" : file.mimeType,
             file.status == .skipped ? "-" : humanSize(file.size),
             file.status == .ok ? file.suggestedRole.rawValue : "-", details(file)]
        }
        var widths = header.map(displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], displayWidth(cell)) }
        }
        var lines: [String] = []
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : padded(cell, to: widths[index])
            }.joined(separator: "  ")
        }
        lines.append(line(header))
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        lines.append(contentsOf: rows.map(line))

        let understood = report.files.filter { $0.status == .ok && ($0.roleAssessment != nil || $0.reading != nil) }
        if !understood.isEmpty {
            lines.append("")
            lines.append(t("角色与内容：", "Roles and what the files say:"))
            for file in understood {
                lines.append("  \(file.path)")
                lines.append("    " + (file.roleAssessment.map(roleLine) ?? "\(file.suggestedRole.rawValue) · \(file.suggestedRole.label(language))"))
                if let reading = file.reading {
                    lines.append("    " + t("文字来源：", "Text: ") + sourceLabel(reading) + (reading.truncated ? t("（未读完）", " (cut short)") : ""))
                    for fact in reading.facts { lines.append("    · " + factLine(fact)) }
                }
            }
        }

        let noted = report.files.filter { !$0.findings.isEmpty }
        if !noted.isEmpty {
            lines.append("")
            lines.append(t("发现的问题：", "Findings:"))
            for file in noted {
                lines.append("  \(file.path)")
                for finding in file.findings {
                    let mark = finding.severity == .error ? "✗" : finding.severity == .warning ? "!" : "·"
                    lines.append("    \(mark) [\(finding.code)] \(finding.message(language))")
                }
            }
        }
        let s = report.summary
        lines.append("")
        lines.append(t(
            "共 \(s.files) 个文件（\(humanSize(s.bytes))）：正常 \(s.ok)，损坏 \(s.corrupt)，不可用 \(s.unacceptable)，无法读取 \(s.unreadable)，跳过 \(s.skipped)，警告 \(s.warnings)。",
            "\(s.files) file(s) (\(humanSize(s.bytes))): \(s.ok) ok, \(s.corrupt) corrupt, \(s.unacceptable) unacceptable, \(s.unreadable) unreadable, \(s.skipped) skipped, \(s.warnings) warning(s)."))
        lines.append(t("SHA-256 见 --json 输出。", "SHA-256 digests are in the --json output."))
        return lines.joined(separator: "\n")
    }
}
