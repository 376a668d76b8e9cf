import ArgumentParser
import EvidenceKit
import EvidenceFrontEnd
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write what a channel accepts: upload-ready images, or one evidence PDF with a complaint letter. 按渠道导出：可直接上传的图片，或含投诉书的证据 PDF。",
        discussion: """
            CHANNEL is platform (JPEG/PNG images within the platform's limits, named in evidence-list order, and
            说明.txt/description.txt with the description to paste), 12315, association or court (证据材料.pdf /
            evidence.pdf: the complaint letter or statement of claim, the evidence list, every item on its own
            pages). What each channel accepts comes from built-in profiles (Docs/export.md); --profile FILE
            overrides them. A bundle is verified first and refused if it fails; a case folder is checked first,
            as pack does. export.json beside the files says where each came from and what was done to it.
            Exit codes: 0 written, 1 bundle invalid or evidence corrupt, 3 incomplete (unless --force), 2 usage/IO.
            """)

    @OptionGroup var output: OutputOptions
    @OptionGroup var rulesOptions: RulesOptions

    @Option(name: .customLong("for"), help: "The channel: platform, 12315, association or court. 渠道。")
    var channel: String

    @Option(name: [.short, .customLong("output")], help: "The folder to write (created; must not exist or be empty unless --force).")
    var out: String

    @Option(name: .long, help: "A profile file (the format of the built-in profiles, Docs/export.md) overriding them. 渠道配置文件。")
    var profile: String?

    @Flag(name: .long, help: "Keep the GPS position in photos copied as they are (re-encoded images never carry metadata). 保留照片的位置信息。")
    var keepLocation = false

    @Flag(name: .long, help: "Export an incomplete case or bundle anyway, and replace a non-empty output folder. 不完整时仍导出，并替换已有输出。")
    var force = false

    @Flag(name: .long, help: "Accept a case's files outside its folder or behind a symbolic link. 允许使用案件文件夹之外的文件。")
    var allowOutside = false

    @Flag(name: .customLong("no-ocr"), help: "Do not read screenshots' text (the letter then uses the case file's facts only). 不识别截图文字。")
    var noOCR = false

    @Option(name: .long, help: "The letter's date, YYYY-MM-DD (default: today).")
    var date: String?

    @Argument(help: "A bundle (.zip, .tar.gz, unpacked bag) or a case file or folder.")
    var input: String

    func validate() throws {
        if let date, CivilDate(date) == nil { throw ValidationError("--date must be a date YYYY-MM-DD. --date 须为 YYYY-MM-DD 日期。") }
    }

    func run() throws {
        let language = output.language
        InterruptHandler.install()
        let rules = try rulesOptions.load(language: language)
        var options = ExportOptions(channel: channel)
        options.language = language
        options.keepLocation = keepLocation
        options.force = force
        options.allowOutside = allowOutside
        options.date = date
        if noOCR { options.reading?.ocr = false }
        do {
            if let profile {
                options.profiles = try ExportProfiles.load(file: profile)
                options.profileSource = profile
            }
            let report = try Exporter(rules: rules).export(input, to: out, options: options)
            if output.json {
                let data = try EvidenceJSON.encoder().encode(report.document)
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            } else {
                Console.out(ExportRenderer(language: language).render(report))
            }
            for finding in report.findings where !output.json { Console.error(finding.message(language)) }
        } catch let error as ExportError {
            Console.error(error.commandLineMessage(language))
            throw ExitCode(error.exitCode)
        } catch let error as CaseFileError {
            Console.error(error.commandLineMessage(language))
            throw ExitCode(2)
        } catch let error as PackError {
            Console.error(error.message(language))
            throw ExitCode(error.exitCode)
        } catch let error as any EvidenceKitError {
            Console.error(error.message(language))
            throw ExitCode(2)
        }
    }
}

extension ExportError {
    /// `evidence export`'s exit code: 1 bundle invalid or evidence corrupt, 3 incomplete, 2 usage/IO.
    var exitCode: Int32 {
        switch code {
        case .bundleInvalid, .corruptEvidence: 1
        case .incomplete: 3
        default: 2  // ExportError.Code is extensible: a code added later exits as a refusal to write
        }
    }
}

extension ExportError {
    /// The library's message plus `--force`, where it is the way out.
    var commandLineMessage: LocalizedText {
        switch code {
        case .incomplete: message.appending(zh: "或加 --force 仍然导出。", en: "Or pass --force to export anyway.")
        case .outputExists: message.appending(zh: "或加 --force 替换。", en: "Or pass --force to replace it.")
        default: message
        }
    }
}

/// The human summary of an export.
struct ExportRenderer: Bilingual {
    let language: Language

    func render(_ report: ExportReport) -> String {
        var lines = [t("已导出到 \(report.output)（渠道 \(report.channel)）：", "Exported to \(report.output) (channel \(report.channel)):")]
        for file in report.files {
            var detail = "\(file.size) B"
            if let w = file.width, let h = file.height { detail += ", \(w)x\(h)" }
            if let pages = file.pages { detail += t("，\(pages) 页", ", \(pages) pages") }
            let steps = file.sources.flatMap(\.transforms).map(\.kind)
            if !steps.isEmpty, report.channel == "platform" { detail += " [" + steps.joined(separator: ", ") + "]" }
            lines.append("  \(file.name)  (\(detail))")
        }
        lines.append("  \(Exporter.reportName)")
        lines.append(t("证据包摘要：", "Bag digest: ") + (report.bagDigest ?? t("无（从案件文件夹导出，未打包）", "none (exported from a case folder, not packed)")))
        if !report.findings.isEmpty { lines.append(t("注意（\(report.findings.count) 条，见下方）", "Notes (\(report.findings.count), below)")) }
        return lines.joined(separator: "\n")
    }
}
