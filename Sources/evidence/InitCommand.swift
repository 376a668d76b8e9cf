import ArgumentParser
import EvidenceKit
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write DIR/case.yaml listing DIR's files with their roles. 为文件夹生成 case.yaml。",
        discussion: """
            Each file's role is read from what it shows (else guessed from its metadata and name), and the case
            fields the evidence states (order_id, shop, amount_paid, ordered_at, received_at) are filled in, each
            with a comment naming the file it was read from. Check them before packing.
            Never overwrites an existing case.yaml without --force. Exit codes: 0 written, 2 usage or not written.
            """)

    @OptionGroup var output: OutputOptions
    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var readingFlags: ReadingFlags

    @Option(name: .long, help: "The complaint category (see `evidence rules`).")
    var category: String?

    @Flag(name: .long, help: "Replace an existing case.yaml.")
    var force = false

    @Argument(help: "The folder holding the evidence files.")
    var folder: String

    func run() throws {
        let language = output.language
        let rules = try rulesOptions.load(language: language)
        if let category, rules.category(category) == nil {
            let known = rules.categories.map(\.id).joined(separator: ", ")
            Console.error(language == .zh ? "没有类别“\(category)”。可用类别：\(known)" : "no category “\(category)”. Known categories: \(known)")
            throw ExitCode(2)
        }
        let result: CaseTemplate.Result
        do {
            let progress = ReadingProgressLine(language: language, json: output.json)
            defer { progress?.finish() }
            result = try CaseTemplate.write(folder: folder, category: category, force: force, reading: readingFlags.options,
                                            readingProgress: ReadingProgressLine.callback(progress))
        } catch let error as CaseFileError where error.issues.contains(where: { $0.code == .alreadyExists }) {
            Console.error(error.message.appending(zh: "要重新生成请加 --force（原文件将被替换）。", en: "Add --force to replace it.")(language))
            throw ExitCode(2)
        } catch let error as any EvidenceKitError {
            Console.error(error.message(language))
            throw ExitCode(2)
        }
        if output.json {
            try Console.json(result)
            return
        }
        let renderer = InspectionRenderer(language: language)
        var lines = [language == .zh ? "已写入 \(result.path)（\(result.files.count) 个文件）：" : "Wrote \(result.path) (\(result.files.count) file(s)):"]
        let width = result.files.map { displayWidth($0.file) }.max() ?? 0
        for entry in result.files {
            let role = entry.roleAssessment.map(renderer.roleLine) ?? entry.role.rawValue + (language == .zh ? "（猜测）" : " (guessed)")
            lines.append("  \(padded(entry.file, to: width))  \(role)")
        }
        if !result.fields.isEmpty {
            lines.append(language == .zh ? "从证据中读出的案件信息：" : "Case fields read from the evidence:")
            for field in result.fields {
                lines.append("  \(field.field): \(field.value)  ← \(field.file)" + (field.others.isEmpty ? "" : (language == .zh
                    ? "（其他文件显示：\(field.others.joined(separator: ", "))）" : " (other files show: \(field.others.joined(separator: ", ")))")))
            }
        }
        lines.append(language == .zh ? "请核对角色和读出的信息、补全其余字段，然后运行：evidence check \(folder)"
                                      : "Check the roles and what was read, fill in the other fields, then run: evidence check \(folder)")
        Console.out(lines.joined(separator: "\n"))
    }
}
