import ArgumentParser
import EvidenceKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write DIR/case.yaml listing DIR's files with guessed roles. 为文件夹生成 case.yaml。",
        discussion: "Never overwrites an existing case.yaml without --force. Exit codes: 0 written, 2 usage or not written.")

    @OptionGroup var output: OutputOptions
    @OptionGroup var rulesOptions: RulesOptions

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
            result = try CaseTemplate.write(folder: folder, category: category, force: force)
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
        var lines = [language == .zh ? "已写入 \(result.path)（\(result.files.count) 个文件，角色为猜测）：" : "Wrote \(result.path) (\(result.files.count) file(s), roles guessed):"]
        let width = result.files.map { displayWidth($0.file) }.max() ?? 0
        for entry in result.files { lines.append("  \(padded(entry.file, to: width))  \(entry.role.rawValue)") }
        lines.append(language == .zh ? "请核对角色、填写案件信息，然后运行：evidence check \(folder)" : "Check the roles, fill in the case fields, then run: evidence check \(folder)")
        Console.out(lines.joined(separator: "\n"))
    }
}
