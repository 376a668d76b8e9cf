internal import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How to export (`evidence export`'s flags).
public struct ExportOptions: Sendable {
    /// The channel: `platform`, `12315`, `association`, `court` (or a profile file's own id).
    public var channel: String
    /// The profiles to choose from (the built-in ones, or a profile file's over them).
    public var profiles: ExportProfiles = .builtIn
    /// Where the profiles came from, for `export.json`: `built-in` or the file.
    public var profileSource: String = "built-in"
    /// The language of the file names, the letter and the description.
    public var language: Language = .zh
    /// Keep EXIF GPS in photos copied as they are (re-encoded images never carry metadata).
    public var keepLocation = false
    /// Export an incomplete case or bundle anyway; replace a non-empty output folder.
    public var force = false
    /// Accept a case's files outside its folder (as `check --allow-outside`).
    public var allowOutside = false
    /// How a case's files are read for their facts (respondent, order number); nil reads nothing.
    public var reading: ReadingOptions? = ReadingOptions()
    /// Bounds for a received bundle.
    public var limits = VerificationLimits()
    /// The most payload bytes copied out of an archive.
    public var maxPayloadBytes: UInt64 = 4 << 30
    /// The HEIC decoder process.
    public var heif = HEIFConversion()
    /// The letter's date (`YYYY-MM-DD`); today when nil.
    public var date: String?

    /// Options for `channel`.
    public init(channel: String) { self.channel = channel }
}

/// Writes what a channel accepts from a verified bundle or a checked case (Docs/export.md):
/// upload-ready images and the description to paste for the platform, one evidence PDF with a
/// complaint letter for 12315, a consumer association or a court, and `export.json` saying where
/// every output file came from. Never touches the originals: the output is written into a
/// temporary folder beside the output folder and renamed into place when complete.
public struct Exporter: Sendable {
    public var rules: RuleSet

    /// An exporter that checks cases and bundles with `rules`.
    public init(rules: RuleSet) { self.rules = rules }

    /// The name of the description file.
    public static func descriptionName(_ language: Language) -> String { language == .zh ? "说明.txt" : "description.txt" }
    /// The name of the evidence PDF.
    public static func pdfName(_ language: Language) -> String { language == .zh ? "证据材料.pdf" : "evidence.pdf" }
    /// The provenance file.
    public static let reportName = "export.json"

    /// Exports `input` (a bundle, or a case file or folder) into the folder `output`.
    /// - Returns: what was written (also in `output/export.json`).
    /// - Throws: ``ExportError`` (bundle invalid, evidence corrupt, incomplete, profile, output),
    ///   ``CaseFileError`` for a bad case file, ``PackError`` `noEvidence` for an empty one.
    public func export(_ input: String, to output: String, options: ExportOptions) throws -> ExportReport {
        guard let profile = options.profiles.profile(options.channel) else {
            throw ExportError(.unknownChannel, path: nil, detail: options.channel)
        }
        let target = (output as NSString).standardizingPath
        try checkOutput(target, force: options.force)
        let source = ExportSource.isBundle(input)
            ? try ExportSource.fromBundle(input, rules: rules, options: options)
            : try ExportSource.fromCase(input, rules: rules, options: options)
        defer { source.cleanUp() }
        let staging = try makeStaging(beside: target)
        // An interrupted export leaves nothing (the CLI's handler removes registered paths).
        InterruptCleanup.register(staging)
        defer { InterruptCleanup.unregister(staging) }
        do {
            var report = ExportReport(channel: profile.id, profileSource: options.profileSource, language: options.language,
                                      sourceKind: source.kind, source: source.path, bagDigest: source.bagDigest,
                                      orderID: source.complaint.orderID, output: target, files: [], findings: [],
                                      keptLocation: options.keepLocation)
            var writer = FolderWriter(folder: staging)
            let date = options.date ?? EvidenceCheck.currentDate().description
            switch profile.output {
            case .images:
                try exportImages(source, profile: profile, options: options, writer: &writer, report: &report)
            case .pdf:
                let pdf = EvidencePDF(source: source, profile: profile, rules: rules, language: options.language,
                                      heif: options.heif, scratch: staging, date: date)
                let name = Self.pdfName(options.language)
                let outcome: EvidencePDF.Outcome
                do {
                    outcome = try pdf.write(to: staging + "/" + name)
                } catch {
                    throw ExportError(.io, path: target + "/" + name, detail: error.reason)
                }
                report.findings += outcome.findings
                let sources = source.items.map {
                    ExportReport.Source(sequence: $0.sequence, path: $0.sourcePath, sha256: $0.sha256,
                                        transforms: outcome.transforms[$0.sequence] ?? [], pages: outcome.itemPages[$0.sequence])
                }
                var file = try writer.record(name, mimeType: "application/pdf", sources: sources)
                file.pages = outcome.pages
                if file.size > profile.maxFileBytes {
                    report.findings.append(.init(code: "export.file-too-large", sequence: nil, path: name, message: LocalizedText(
                        zh: "\(name) 有 \(file.size) 字节，超过该渠道的上限 \(profile.maxFileBytes) 字节。请分几次提交，或删去不必要的证据后重新导出。",
                        en: "\(name) is \(file.size) bytes, more than the channel's limit of \(profile.maxFileBytes). Submit it in parts, or drop evidence that is not needed and export again.")))
                }
                report.files.append(file)
            }
            let description = try writeDescription(source, profile: profile, options: options, date: date, writer: &writer, report: &report)
            report.files.append(description)
            let data = try EvidenceJSON.encoder().encode(report)
            try writer.write(Self.reportName, [UInt8](data) + [0x0A])
            try install(staging, at: target)
            return report
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    // MARK: - Platform images

    private func exportImages(_ source: ExportSource, profile: ExportProfile, options: ExportOptions,
                              writer: inout FolderWriter, report: inout ExportReport) throws {
        let language = options.language
        var uploadable = 0
        for item in source.items {
            let stem = Self.number(item.sequence) + "-" + (language == .zh ? BagLayout.fileSafe(item.role.label.zh) : item.role.rawValue)
            switch item.kind {
            case .image:
                var bytes = try read(item)
                var mimeType = item.mimeType
                if ["image/heic", "image/heif", "image/avif"].contains(mimeType) {
                    switch options.heif.decode(item.localPath, scratch: writer.folder) {
                    case .success(let png): bytes = png
                    case .failure(let failure):
                        report.findings.append(Self.heicFinding(item, reason: failure.reason))
                        continue
                    }
                } else if mimeType == "image/webp" || !profile.accepts(mimeType) {
                    mimeType = item.mimeType
                }
                let image: PreparedImage
                do {
                    image = try PlatformImages.prepare(bytes, mimeType: mimeType, role: item.role, profile: profile,
                                                       keepLocation: options.keepLocation)
                } catch {
                    report.findings.append(.init(code: "export.image-not-converted", sequence: item.sequence, path: item.sourcePath, message: LocalizedText(
                        zh: "\(item.originalName) 无法转换（\(error.reason)）。请在手机上另存一份 JPEG 后上传。",
                        en: "\(item.originalName) could not be converted (\(error.reason)). Save a JPEG copy on the phone and upload that.")))
                    continue
                }
                let name = stem + "." + image.fileExtension
                try writer.write(name, image.bytes)
                var file = try writer.record(name, mimeType: image.mimeType, sources: [
                    .init(sequence: item.sequence, path: item.sourcePath, sha256: item.sha256, transforms: image.transforms),
                ])
                file.width = image.width
                file.height = image.height
                report.files.append(file)
                uploadable += 1
            case .video:
                let limit = profile.maxVideoBytes ?? 0
                if item.size <= UInt64(limit) {
                    let name = stem + "." + ((item.originalName as NSString).pathExtension.lowercased().nonEmpty ?? "mp4")
                    try writer.write(name, try read(item))
                    report.files.append(try writer.record(name, mimeType: item.mimeType, sources: [
                        .init(sequence: item.sequence, path: item.sourcePath, sha256: item.sha256, transforms: []),
                    ]))
                    uploadable += 1
                } else {
                    let mb = { (bytes: UInt64) in String(format: "%.1f", Double(bytes) / 1_048_576) }
                    report.findings.append(.init(code: "export.video-too-large", sequence: item.sequence, path: item.sourcePath, message: LocalizedText(
                        zh: "视频 \(item.originalName) 有 \(mb(item.size)) MB，超过上传上限 \(mb(UInt64(limit))) MB，未复制（视频不会被重新编码）。请在手机上剪出显示问题的片段上传，完整视频保留在证据包中，客服或调解员要求时再提供。",
                        en: "The video \(item.originalName) is \(mb(item.size)) MB, more than the upload limit of \(mb(UInt64(limit))) MB, and was not copied (videos are never re-encoded). Trim the part that shows the problem on the phone and upload that; keep the full video in the bundle for when customer service or a mediator asks.")))
                }
            default:
                report.findings.append(.init(code: "export.not-uploadable", sequence: item.sequence, path: item.sourcePath, message: LocalizedText(
                    zh: "\(item.originalName)（\(item.kind.label.zh)）不是平台上传表单接受的图片，未导出。请截图上传要点，或改为导出 12315 渠道的证据 PDF（含全部证据）。",
                    en: "\(item.originalName) (\(item.kind.label.en)) is not an image the platform's upload form takes and was not exported. Upload a screenshot of what matters, or export for the 12315 channel: one PDF with all the evidence.")))
            }
        }
        if uploadable > profile.maxFiles {
            report.findings.append(.init(code: "export.too-many-files", sequence: nil, path: nil, message: LocalizedText(
                zh: "共 \(uploadable) 个文件，超过一次提交的上限 \(profile.maxFiles) 个。请先上传编号靠前、最能说明问题的文件，其余在客服要求时补充。",
                en: "\(uploadable) files, more than the \(profile.maxFiles) one submission takes. Upload the first, most telling ones and add the rest when customer service asks.")))
        }
    }

    /// Two digits at least, as in the bundle's `data/` names.
    static func number(_ sequence: Int) -> String { sequence < 10 ? "0\(sequence)" : String(sequence) }

    /// The bytes of an item (the export's bound is the bundle's own: the size was verified).
    private func read(_ item: ExportItem) throws -> [UInt8] {
        guard item.size <= 1 << 30, let data = FileManager.default.contents(atPath: item.localPath) else {
            throw ExportError(.io, path: item.localPath, detail: "cannot read the evidence file")
        }
        return [UInt8](data)
    }

    static func heicFinding(_ item: ExportItem, reason: String) -> ExportReport.Finding {
        .init(code: "export.heic-not-converted", sequence: item.sequence, path: item.sourcePath, message: LocalizedText(
            zh: "\(item.originalName) 无法转换：\(reason)。请在手机上另存一份 JPEG（或截图）后上传；原文件仍在证据包中。",
            en: "\(item.originalName) could not be converted: \(reason). Save a JPEG copy on the phone (or take a screenshot) and upload that; the original stays in the bundle."))
    }

    static func notTypesetFinding(_ item: ExportItem, reason: String) -> ExportReport.Finding {
        .init(code: "export.not-typeset", sequence: item.sequence, path: item.sourcePath, message: LocalizedText(
            zh: "\(item.originalName) 未能完整排入 PDF（\(reason)）。PDF 中留有说明页；请另行提交原文件。",
            en: "\(item.originalName) could not be put into the PDF in full (\(reason)). The PDF holds a note page for it; submit the original separately."))
    }

    // MARK: - Description

    private func writeDescription(_ source: ExportSource, profile: ExportProfile, options: ExportOptions, date: String,
                                  writer: inout FolderWriter, report: inout ExportReport) throws -> ExportReport.File {
        let language = options.language
        let c = source.complaint
        let order = c.orderID ?? source.items.lazy.compactMap { $0.reading?.fact(.orderNumber)?.value }.first
        let full = c.description?.nonEmpty
            ?? ComplaintLetter.make(source, template: "complaint", rules: rules, language: language, date: date)
                .sections.first { $0.heading == LetterTemplates.builtIn.wording("complaint", language).facts }?.paragraphs.joined()
            ?? ""
        let (text, cut) = Self.cut(full, to: profile.descriptionMaxChars)
        var lines: [String] = []
        let colon = language == .zh ? "：" : ": "
        lines.append((language == .zh ? "订单号" : "Order number") + colon + (order ?? LetterTemplates.builtIn.unknown(language)))
        if let item = c.item { lines.append((language == .zh ? "商品" : "Item") + colon + item) }
        if let shop = c.shop { lines.append((language == .zh ? "店铺" : "Shop") + colon + shop) }
        if let amount = c.amountPaid { lines.append((language == .zh ? "实付款" : "Amount paid") + colon + amount) }
        lines.append("")
        lines.append(language == .zh ? "问题描述（可直接粘贴，\(text.count)/\(profile.descriptionMaxChars) 字）：" : "Description to paste (\(text.count)/\(profile.descriptionMaxChars) characters):")
        lines.append(text)
        if cut {
            let note = LocalizedText(zh: "（原描述有 \(full.count) 字，超过该渠道的 \(profile.descriptionMaxChars) 字上限，已在句末截断；完整内容见案件文件。）",
                                     en: "(The description has \(full.count) characters, more than the channel's \(profile.descriptionMaxChars); it was cut at the end of a sentence. The full text is in the case file.)")
            lines.append(note(language))
            report.findings.append(.init(code: "export.description-cut", sequence: nil, path: Self.descriptionName(language), message: note))
        }
        let files = report.files.map(\.name)
        if !files.isEmpty {
            lines.append("")
            lines.append(language == .zh ? "文件（按证据目录顺序）：" : "Files (in evidence-list order):")
            lines += files.map { "  " + $0 }
        }
        for finding in report.findings where finding.code != "export.description-cut" {
            lines.append("")
            lines.append("! " + finding.message(language))
        }
        let name = Self.descriptionName(language)
        try writer.write(name, Array((lines.joined(separator: "\n") + "\n").utf8))
        return try writer.record(name, mimeType: "text/plain", sources: [])
    }

    /// `text` within `limit` characters: cut after the last sentence end that fits (else at the limit).
    static func cut(_ text: String, to limit: Int) -> (String, Bool) {
        guard text.count > limit else { return (text, false) }
        let head = String(text.prefix(limit))
        let ends: Set<Character> = ["。", "！", "？", "!", "?", ".", "；", ";"]
        if let last = head.lastIndex(where: { ends.contains($0) }) { return (String(head[...last]), true) }
        return (head, true)
    }

    // MARK: - Output folder

    private func checkOutput(_ target: String, force: Bool) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw ExportError(.outputExists, path: target) }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        if !entries.isEmpty, !force { throw ExportError(.outputExists, path: target) }
    }

    private func makeStaging(beside target: String) throws -> String {
        let parent = (target as NSString).deletingLastPathComponent.nonEmpty ?? "."
        let name = (target as NSString).lastPathComponent
        var template = Array((parent + "/.\(name).export-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            throw ExportError(.io, path: parent, detail: String(cString: strerror(errno)))
        }
        chmod(made, 0o755)
        return made
    }

    /// Renames the finished staging folder to `target` (an old one moved aside first, then removed).
    private func install(_ staging: String, at target: String) throws {
        var old: String?
        if FileManager.default.fileExists(atPath: target) {
            let aside = staging + ".old"
            guard rename(target, aside) == 0 else { throw ExportError(.io, path: target, detail: String(cString: strerror(errno))) }
            old = aside
        }
        guard rename(staging, target) == 0 else {
            let detail = String(cString: strerror(errno))
            if let old { _ = rename(old, target) }
            throw ExportError(.io, path: target, detail: detail)
        }
        if let old { try? FileManager.default.removeItem(atPath: old) }
    }
}

/// Writes files into the staging folder (new files only, never through a link) and records them.
struct FolderWriter {
    let folder: String

    func write(_ name: String, _ bytes: [UInt8]) throws {
        let path = folder + "/" + name
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ExportError(.io, path: path, detail: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            guard written > 0 else { throw ExportError(.io, path: path, detail: String(cString: strerror(errno))) }
            offset += written
        }
    }

    /// The record of a file already in the folder.
    func record(_ name: String, mimeType: String, sources: [ExportReport.Source]) throws -> ExportReport.File {
        guard let data = FileManager.default.contents(atPath: folder + "/" + name) else {
            throw ExportError(.io, path: folder + "/" + name, detail: "not written")
        }
        return ExportReport.File(name: name, mimeType: mimeType, size: data.count, sha256: hexString(SHA256.hash(data: data)),
                                 width: nil, height: nil, pages: nil, sources: sources)
    }
}

extension String {
    /// Nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
