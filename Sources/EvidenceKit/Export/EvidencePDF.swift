import Foundation

/// The evidence PDF of the 12315, association and court channels (`证据材料.pdf` / `evidence.pdf`):
/// the complaint letter, the evidence list (证据目录), then every item on its own pages (images
/// fitted to the page, text exports typeset, PDF evidence pages appended as they are); every page
/// footed with the item number, the file's SHA-256 prefix and the bag digest.
struct EvidencePDF {
    /// Most pages appended from one PDF item.
    static let maxPagesPerItem = 200
    /// Most bytes of a text export typeset.
    static let maxTextBytes = 1 << 20
    /// Most lines of a text export typeset.
    static let maxTextLines = 5_000

    var source: ExportSource
    var profile: ExportProfile
    var rules: RuleSet
    var language: Language
    var heif: HEIFConversion
    var scratch: String
    var date: String

    /// What was written: the pages each item took and what was done to it.
    struct Outcome {
        var pages: Int
        var itemPages: [Int: [Int]]
        var transforms: [Int: [ExportReport.Transform]]
        var findings: [ExportReport.Finding]
        var letter: ComplaintLetter
    }

    /// Writes the PDF to `path` (two passes: the first finds each item's pages for the list).
    func write(to path: String) throws(PlatformImages.Failure) -> Outcome {
        let letter = ComplaintLetter.make(source, template: profile.letter ?? "complaint", rules: rules, language: language, date: date)
        let prepared = prepareItems()
        let first = try render(path: nil, letter: letter, prepared: prepared, pageNumbers: [:])
        let final = try render(path: path, letter: letter, prepared: prepared, pageNumbers: first.itemPages)
        return Outcome(pages: final.pages, itemPages: final.itemPages, transforms: prepared.transforms,
                       findings: prepared.findings, letter: letter)
    }

    /// Each item's content, decoded once for both passes.
    enum Content {
        case image(RasterImage)
        case pdf(PDFPages)
        case text([String], truncated: Bool)
        case none(String)
    }

    struct Prepared {
        var contents: [Int: Content] = [:]
        var transforms: [Int: [ExportReport.Transform]] = [:]
        var findings: [ExportReport.Finding] = []
    }

    private func prepareItems() -> Prepared {
        var prepared = Prepared()
        for item in source.items {
            let bytes = FileManager.default.contents(atPath: item.localPath).map { [UInt8]($0) } ?? []
            var transforms: [ExportReport.Transform] = []
            let content: Content
            switch item.kind {
            case .image:
                var imageBytes = bytes
                var failure: String?
                if item.mimeType == "image/heic" || item.mimeType == "image/heif" || item.mimeType == "image/avif" {
                    switch heif.decode(item.localPath, scratch: scratch) {
                    case .success(let png):
                        imageBytes = png
                        transforms.append(.init(kind: "converted", from: item.mimeType, to: "image/png"))
                    case .failure(let error):
                        failure = error.reason
                    }
                }
                if let failure {
                    content = .none(failure)
                    prepared.findings.append(Exporter.heicFinding(item, reason: failure))
                } else {
                    do {
                        let raster = try PlatformImages.raster(imageBytes, maxSide: profile.maxSide, photo: !PlatformImages.isScreenshot(item.role),
                                                              transforms: &transforms)
                        if raster.scaled { transforms.append(.init(kind: "scaled", width: raster.width, height: raster.height)) }
                        transforms.append(.init(kind: "fitted-to-page"))
                        content = .image(raster)
                    } catch {
                        content = .none(error.reason)
                        prepared.findings.append(Exporter.notTypesetFinding(item, reason: error.reason))
                    }
                }
            case .document where item.mimeType == "application/pdf":
                switch PDFPages.open(bytes) {
                case .success(let pages):
                    transforms.append(.init(kind: "pages-appended"))
                    if pages.count > Self.maxPagesPerItem {
                        prepared.findings.append(Exporter.notTypesetFinding(item, reason: "only the first \(Self.maxPagesPerItem) of \(pages.count) pages"))
                    }
                    content = .pdf(pages)
                case .failure(let error):
                    content = .none(error.reason)
                    prepared.findings.append(Exporter.notTypesetFinding(item, reason: error.reason))
                }
            case .text:
                // The reader's decoding: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (旺旺, Alipay bills).
                let (text, cut) = ExportText.decode(bytes[...], limit: Self.maxTextBytes)
                    ?? (String(decoding: bytes.prefix(Self.maxTextBytes), as: UTF8.self), bytes.count > Self.maxTextBytes)
                var lines = text.components(separatedBy: .newlines)
                let truncated = cut || lines.count > Self.maxTextLines
                lines = Array(lines.prefix(Self.maxTextLines))
                transforms.append(.init(kind: "typeset"))
                content = .text(lines, truncated: truncated)
            default:
                let reason = language == .zh ? "\(item.kind.label.zh)文件无法排入 PDF，请另行提交原文件" : "a \(item.kind.label.en) file cannot go into a PDF; submit the original separately"
                content = .none(reason)
                prepared.findings.append(Exporter.notTypesetFinding(item, reason: reason))
            }
            prepared.contents[item.sequence] = content
            prepared.transforms[item.sequence] = transforms
        }
        return prepared
    }

    private func render(path: String?, letter: ComplaintLetter, prepared: Prepared,
                        pageNumbers: [Int: [Int]]) throws(PlatformImages.Failure) -> (pages: Int, itemPages: [Int: [Int]]) {
        let words = LetterTemplates.builtIn.list(language)
        let canvas = try PDFCanvas(path: path, title: letter.title)
        let digestLine = words.bagDigest + (language == .zh ? "：" : ": ") + (source.bagDigest ?? words.notPacked)
        func pageLabel(_ page: Int) -> String { LetterTemplates.fill(words.page, ["page": String(page)]) ?? String(page) }

        // The letter.
        canvas.footer = { [letter] page in ["\(letter.title) · \(pageLabel(page))", digestLine] }
        canvas.newPage()
        canvas.paragraph(letter.title, font: "\(PDFCanvas.serif) Bold 20", align: "center", spaceAfter: 18)
        for section in letter.sections {
            canvas.paragraph(section.heading, font: "\(PDFCanvas.serif) Bold 12", spaceAfter: 4)
            for text in section.paragraphs { canvas.paragraph(text, font: "\(PDFCanvas.serif) 11", indent: 12, spaceAfter: 4) }
            canvas.space(6)
        }
        canvas.space(12)
        for line in letter.closing { canvas.paragraph(line, font: "\(PDFCanvas.serif) 11", align: line.hasPrefix("此致") || line.hasPrefix("To:") ? "left" : "right", spaceAfter: 4) }

        // The evidence list.
        canvas.footer = { page in ["\(words.listFooter) · \(pageLabel(page))", digestLine] }
        canvas.newPage()
        canvas.paragraph(words.title, font: "\(PDFCanvas.sans) Bold 16", align: "center", spaceAfter: 12)
        let widths = [0.07, 0.18, 0.19, 0.28, 0.08, 0.20]
        let header = [words.sequence, words.name, words.source, words.purpose, words.pages, words.sha256]
        canvas.tableRow(header, widths: widths, bold: true)
        for item in source.items {
            let pages = pageNumbers[item.sequence] ?? []
            let pageText = pages.isEmpty ? "-" : pages.count == 1 ? "\(pages[0])" : "\(pages.first!)-\(pages.last!)"
            let name = item.role.label(language) + (item.note.map { "（\($0)）" } ?? "")
            let origin = LetterTemplates.fill(words.sourceCase, ["name": item.originalName]) ?? item.originalName
            let purpose = rules.purpose(of: item.role, in: source.complaint.category)?(language) ?? ""
            canvas.tableRow(["\(item.sequence)", name, origin, purpose, pageText, String(item.sha256.prefix(16))], widths: widths) {
                canvas.tableRow(header, widths: widths, bold: true)
            }
        }
        canvas.space(10)
        canvas.paragraph(digestLine, font: "\(PDFCanvas.sans) 8")

        // The items.
        var itemPages: [Int: [Int]] = [:]
        for item in source.items {
            let title = "\(words.item) \(item.sequence) · \(item.role.label(language))"
            canvas.footer = { page in ["\(title) · SHA-256 \(item.sha256.prefix(16)) · \(pageLabel(page))", digestLine] }
            let heading = {
                canvas.paragraph(title, font: "\(PDFCanvas.sans) Bold 12", spaceAfter: 2)
                canvas.paragraph(LetterTemplates.fill(words.original, ["name": item.originalName]) ?? item.originalName,
                                 font: "\(PDFCanvas.sans) 8", spaceAfter: 8)
            }
            let firstPage = canvas.page + 1
            switch prepared.contents[item.sequence] ?? .none("") {
            case .image(let raster):
                canvas.newPage()
                heading()
                canvas.image(raster)
            case .pdf(let pages):
                canvas.newPage()
                heading()
                canvas.paragraph(item.sourcePath, font: "\(PDFCanvas.sans) 8")
                _ = canvas.append(pages, maxPages: Self.maxPagesPerItem)
            case .text(let lines, let truncated):
                canvas.newPage()
                heading()
                for line in lines { canvas.paragraph(line.isEmpty ? " " : line, font: "\(PDFCanvas.sans) 9", spaceAfter: 1) }
                if truncated { canvas.paragraph(words.textTruncated, font: "\(PDFCanvas.sans) Italic 9") }
            case .none(let reason):
                canvas.newPage()
                heading()
                canvas.paragraph(LetterTemplates.fill(words.notRendered, ["reason": reason]) ?? reason, font: "\(PDFCanvas.sans) 10")
            }
            itemPages[item.sequence] = Array(firstPage...max(firstPage, canvas.page))
        }
        try canvas.finish()
        return (canvas.page, itemPages)
    }
}
