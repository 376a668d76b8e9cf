import ArgumentParser
import EvidenceKit
import EvidenceServer
import Foundation

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show each file's real type, integrity and metadata. 检查每个文件的真实类型、完整性和元数据。",
        discussion: """
            Each file's text is read (screenshots by OCR, PDFs by their text layer, chat and Alipay exports by
            their structure) to tell its role from what it shows and the facts it states (order number, amounts,
            times, shop, courier and tracking number...). --no-ocr skips the OCR of images.
            Exit codes: 0 all readable, 1 any corrupt/unsafe/unreadable file, 2 usage.
            """)

    @OptionGroup var output: OutputOptions
    @OptionGroup var readingFlags: ReadingFlags

    @Option(name: .long, help: "How many files to read at once (default: number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Argument(help: "Files or folders (folders are walked recursively).")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one file or folder. 请至少给出一个文件或文件夹。") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
    }

    func run() throws {
        let language = output.language
        let files: [InspectedFile]
        do {
            // The human report never shows libmagic's description: skip that query.
            let progress = ReadingProgressLine(language: language, json: output.json)
            defer { progress?.finish() }
            files = try ReadingPass.inspect(paths: paths, jobs: jobs, describing: output.json, reading: readingFlags.options,
                                            progress: ReadingProgressLine.callback(progress))
        } catch let error as InspectionError {
            Console.error(error.message(language))
            throw ExitCode(error.code == .pathNotFound ? 1 : 2)
        }
        let report = InspectionReport(files: files)
        if output.json {
            try Console.json(report, exitCode: report.exitCode)
        } else {
            Console.out(InspectionRenderer(language: language).render(report))
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
