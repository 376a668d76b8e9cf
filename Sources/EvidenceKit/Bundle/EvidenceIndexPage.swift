import Foundation

/// `index.html`: the evidence list (证据目录) a mediator prints. A case summary, then one row
/// per item (序号, 证据名称, 证据来源, 证明目的, capture time, file name, size, SHA-256), then
/// the completeness verdict. Self-contained (inline CSS, no scripts, nothing fetched), A4
/// printable, in one language; photos the browser can show (JPEG, PNG, GIF, WebP) appear as
/// thumbnails linked to the payload file next to the page.
public struct EvidenceIndexPage {
    /// The language of the page.
    public var language: Language
    /// What each role proves (证明目的), from the rules.
    public var purpose: (EvidenceRole) -> LocalizedText?
    /// The category's label from the rules (e.g. 商品质量问题 / Product quality problem), shown
    /// instead of its id (`quality`); nil shows the id.
    public var categoryLabel: LocalizedText?

    /// Creates a page renderer.
    /// - Parameters:
    ///   - language: the page's language.
    ///   - purpose: what each role proves (证明目的), from the rules.
    ///   - categoryLabel: the category's label from the rules; nil shows the category id.
    public init(language: Language, purpose: @escaping (EvidenceRole) -> LocalizedText?, categoryLabel: LocalizedText? = nil) {
        self.language = language
        self.purpose = purpose
        self.categoryLabel = categoryLabel
    }

    /// The category as a reader expects it: the rules' label in the page's language, else the id.
    private func categoryName(_ id: String) -> String {
        categoryLabel.map { language == .zh ? $0.zh : $0.en } ?? id
    }

    private func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// The page for a manifest, as UTF-8 HTML.
    public func render(_ manifest: EvidenceManifest) -> String {
        let c = manifest.case
        var html = """
        <!DOCTYPE html>
        <html lang="\(language == .zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title(c)))</title>
        <style>
        @page { size: A4; margin: 15mm 12mm; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #000; margin: 0 auto; max-width: 186mm; }
        h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
        h2 { font-size: 12pt; margin: 6mm 0 2mm; }
        table { width: 100%; border-collapse: collapse; }
        th, td { border: 0.3mm solid #444; padding: 1.2mm 1.5mm; vertical-align: top; text-align: left; }
        th { background: #eee; }
        table.case th { width: 28mm; }
        table.items { font-size: 9pt; }
        table.items tr { page-break-inside: avoid; break-inside: avoid; }
        .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; word-break: break-all; }
        .num { text-align: right; white-space: nowrap; }
        img { display: block; max-width: 40mm; max-height: 40mm; margin-top: 1mm; }
        .verdict-complete { font-weight: bold; }
        .verdict-incomplete { font-weight: bold; text-decoration: underline; }
        footer { margin-top: 6mm; font-size: 8pt; color: #333; }
        @media print { a { color: inherit; text-decoration: none; } }
        </style>
        </head>
        <body>
        <h1>\(escape(title(c)))</h1>

        """
        html += caseTable(c, manifest: manifest)
        html += itemsTable(manifest.items)
        html += privacySection(manifest.items)
        html += completenessSection(manifest.completeness)
        html += """
        <footer>\(escape(t(
            "本目录由 \(manifest.tool.name) \(manifest.tool.version) 于 \(manifest.createdAt) 生成。每个文件的 SHA-256 也记录在同目录的 manifest-sha256.txt 和 evidence.json 中，可用 sha256sum 或 bagit.py --validate 核验。",
            "Made by \(manifest.tool.name) \(manifest.tool.version) at \(manifest.createdAt). Each file's SHA-256 is also in manifest-sha256.txt and evidence.json next to this page; check them with sha256sum or bagit.py --validate.")))</footer>
        </body>
        </html>

        """
        return html
    }

    private func title(_ c: ComplaintCase) -> String {
        t("证据目录", "Evidence list") + (c.orderID.map { t("（订单号 \($0)）", " (order \($0))") } ?? "")
    }

    private func caseTable(_ c: ComplaintCase, manifest: EvidenceManifest) -> String {
        var rows: [(String, String)] = []
        if let p = c.platform { rows.append((t("平台", "Platform"), platformLabel(p))) }
        if let v = c.orderID { rows.append((t("订单号", "Order number"), v)) }
        if let v = c.shop { rows.append((t("店铺", "Shop"), v)) }
        if let v = c.item { rows.append((t("商品", "Item"), v)) }
        if let v = c.amountPaid { rows.append((t("实付金额", "Amount paid"), t("¥\(v) 元", "CNY \(v)"))) }
        if let v = c.orderedAt { rows.append((t("下单日期", "Ordered on"), v)) }
        if let v = c.receivedAt { rows.append((t("签收日期", "Received on"), v)) }
        if let v = c.foundAt { rows.append((t("发现问题日期", "Problem found on"), v)) }
        rows.append((t("投诉类别", "Category"), categoryName(c.category)))
        if let v = c.claim { rows.append((t("诉求", "Claim"), claimLabel(v))) }
        if let v = c.description { rows.append((t("问题描述", "Description"), v)) }
        if let name = c.complainant?.name { rows.append((t("投诉人", "Complainant"), name)) }
        rows.append((t("证据数量", "Items"), "\(manifest.items.count)"))
        var html = "<h2>\(t("一、案件概要", "1. Case summary"))</h2>\n<table class=\"case\">\n"
        for (label, value) in rows {
            html += "<tr><th>\(escape(label))</th><td>\(escape(value))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func itemsTable(_ items: [EvidenceManifest.Item]) -> String {
        var html = "<h2>\(t("二、证据清单", "2. Evidence"))</h2>\n<table class=\"items\">\n<thead><tr>"
        let headers = [t("序号", "No."), t("证据名称", "Evidence"), t("证据来源", "Source / role"), t("证明目的", "What it proves"),
                       t("拍摄/生成时间", "Captured"), t("文件名", "File"), t("大小", "Size"), "SHA-256"]
        html += headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for item in items {
            let name = item.note ?? (item.originalName as NSString).deletingPathExtension
            var nameCell = escape(name)
            if Self.previewable.contains(item.mimeType) {
                let src = escape(Self.href(item.path))
                nameCell += "<a href=\"\(src)\"><img src=\"\(src)\" alt=\"\(escape(item.originalName))\"></a>"
            }
            let proves = purpose(item.role).map { $0(language) } ?? "—"
            let cells = [
                "<td class=\"num\">\(item.sequence)</td>",
                "<td>\(nameCell)</td>",
                "<td>\(escape(item.role.label(language)))</td>",
                "<td>\(escape(proves))</td>",
                "<td>\(escape(item.captureTime ?? "—"))</td>",
                "<td><a href=\"\(escape(Self.href(item.path)))\">\(escape(item.path))</a><br>\(escape(t("原文件名：", "original: ") + item.originalName))</td>",
                "<td class=\"num\">\(escape(Self.sizeText(item.size, language: language)))</td>",
                "<td class=\"hash\">\(item.sha256)</td>",
            ]
            html += "<tr>" + cells.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    private func completenessSection(_ result: CompletenessResult) -> String {
        let complete = result.status == .complete
        var html = "<h2>\(t("三、完整性结论", "3. Completeness"))</h2>\n"
        html += "<p class=\"verdict-\(result.status.rawValue)\">"
        html += escape(complete
            ? t("证据齐全：满足“\(categoryName(result.category))”类投诉的全部必需证据（规则版本 \(result.rulesVersion)）。",
                "Complete: every required piece of evidence for a \"\(categoryName(result.category))\" complaint is present (rules \(result.rulesVersion)).")
            : t("证据不完整：缺少“\(categoryName(result.category))”类投诉的必需证据（规则版本 \(result.rulesVersion)）。",
                "Incomplete: required evidence for a \"\(categoryName(result.category))\" complaint is missing (rules \(result.rulesVersion))."))
        html += "</p>\n"
        html += gapList(t("缺少的必需证据", "Missing required evidence"), result.missingRequired)
        html += gapList(t("建议补充的证据", "Recommended evidence not present"), result.missingRecommended)
        return html
    }

    private func gapList(_ heading: String, _ gaps: [CompletenessResult.Gap]) -> String {
        guard !gaps.isEmpty else { return "" }
        var html = "<p>\(escape(heading))：</p>\n<ul>\n"
        for gap in gaps {
            let roles = gap.roles.map { $0.label(language) }.joined(separator: t(" 或 ", " or "))
            var text = "\(roles)（\(gap.found)/\(gap.minimum)）：\(gap.reason(language)) \(gap.advice(language))"
            if let citation = gap.citation { text += " [\(citation(language))]" }
            html += "<li>\(escape(text))</li>\n"
        }
        return html + "</ul>\n"
    }

    private func platformLabel(_ p: ComplaintCase.Platform) -> String {
        switch p {
        case .taobao: t("淘宝", "Taobao")
        case .tmall: t("天猫", "Tmall")
        case .other: t("其他", "Other")
        }
    }

    private func claimLabel(_ c: ComplaintCase.Claim) -> String {
        switch c {
        case .refund: t("仅退款", "Refund")
        case .returnRefund: t("退货退款", "Return and refund")
        case .exchange: t("换货", "Exchange")
        case .priceDifference: t("退差价", "Price difference")
        case .compensation: t("赔偿", "Compensation")
        }
    }

    /// MIME types every browser shows inline.
    static let previewable: Set<String> = ["image/jpeg", "image/png", "image/gif", "image/webp"]

    /// A bag path as a relative URL (each segment percent-encoded).
    static func href(_ path: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// `1,234,567 B`-style exact sizes with a short form: `2.4 MB (2,400,123 B)`.
    static func sizeText(_ bytes: UInt64, language: Language) -> String {
        var digits = Array(String(bytes))
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped
        guard bytes >= 1000 else { return "\(grouped) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: "%.1f %@", value, units[unit]) + " (\(grouped) B)"
    }

    /// Escapes text for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    private func escape(_ text: String) -> String { Self.escape(text) }
}
