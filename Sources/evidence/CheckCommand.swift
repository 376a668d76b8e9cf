import ArgumentParser
import EvidenceKit
import EvidenceServer
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Inspect a case's evidence and say whether it is complete for its category. 检查证据是否齐全。",
        discussion: """
            CASE is a case.yaml/case.json or a folder holding case.yaml. Quick form without a case file:
            evidence check --category quality [--order N] FILE... (roles read from what each file shows, else
            guessed from metadata and names) or --file ROLE=PATH. The facts the files state are cross-checked
            with the case and with each other (another order number, another amount): warnings only.
            Exit codes: 0 complete, 3 incomplete, 1 corrupt/unsafe evidence, 2 usage or bad case/rules file.
            """)

    @OptionGroup var output: OutputOptions
    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var readingFlags: ReadingFlags

    @Option(name: .long, help: "Quick form: the complaint category (see `evidence rules`).")
    var category: String?

    @Option(name: .long, help: "Quick form: the order number (digits).")
    var order: String?

    @Option(name: .long, parsing: .singleValue, help: "Quick form: a file with its role, as ROLE=PATH (repeatable).")
    var file: [String] = []

    @Option(name: .long, help: "Count deadlines from this date (YYYY-MM-DD; default: today).")
    var today: String?

    @Flag(name: .long, help: "Accept evidence files outside the case folder or reached through a symbolic link (a case file only; they are listed). 允许使用案件文件夹之外或经由符号链接的文件。")
    var allowOutside = false

    @Argument(help: "A case file or folder; in the quick form, files or folders whose roles are guessed.")
    var paths: [String] = []

    var quick: Bool { category != nil || !file.isEmpty }

    func validate() throws {
        if let today, CivilDate(today) == nil { throw ValidationError("--today must be a date YYYY-MM-DD. --today 须为 YYYY-MM-DD 日期。") }
        if quick {
            if category == nil { throw ValidationError("--file needs --category. 使用 --file 时须给出 --category。") }
            if paths.isEmpty && file.isEmpty { throw ValidationError("Give files to check. 请给出要检查的文件。") }
            if let order, order.isEmpty || !order.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw ValidationError("--order must be all digits. 订单号须全部是数字。")
            }
            for spec in file {
                let parts = spec.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, EvidenceRole(rawValue: String(parts[0])) != nil else {
                    throw ValidationError("--file \(spec): expected ROLE=PATH with ROLE one of \(EvidenceRole.allCases.map(\.rawValue).joined(separator: ", ")). 格式应为 角色=路径。")
                }
            }
        } else {
            if paths.count != 1 { throw ValidationError("Give one case file or folder, or use --category for the quick form. 请给出一个案件文件或文件夹。") }
            if order != nil { throw ValidationError("--order belongs to the quick form (with --category); a case file has order_id.") }
        }
    }

    func run() throws {
        let language = output.language
        let rules = try rulesOptions.load(language: language)
        let day = today.flatMap(CivilDate.init) ?? EvidenceCheck.currentDate()
        let report: CheckReport
        let progress = ReadingProgressLine(language: language, json: output.json)
        let onProgress = ReadingProgressLine.callback(progress)
        do {
            defer { progress?.finish() }
            if quick, let category {
                guard rules.category(category) != nil else {
                    Console.error(language == .zh
                        ? "没有类别“\(category)”。可用类别：\(rules.categories.map(\.id).joined(separator: ", "))"
                        : "no category “\(category)”. Known categories: \(rules.categories.map(\.id).joined(separator: ", "))")
                    throw ExitCode(2)
                }
                var complaint = ComplaintCase(category: category)
                complaint.orderID = order
                let given = file.map { spec -> (EvidenceRole, String) in
                    let parts = spec.split(separator: "=", maxSplits: 1)
                    return (EvidenceRole(rawValue: String(parts[0]))!, String(parts[1]))
                }
                report = try EvidenceCheck.runQuick(complaint, guessed: paths, given: given, rules: rules, today: day,
                                                    describing: output.json, reading: readingFlags.options, readingProgress: onProgress)
            } else {
                let loaded = try CaseFile.load(path: paths[0], rules: rules, allowOutside: allowOutside)
                report = try EvidenceCheck.run(loaded, rules: rules, today: day, describing: output.json,
                                               reading: readingFlags.options, readingProgress: onProgress)
            }
        } catch let error as CaseFileError {
            Console.error(error.commandLineMessage(language))
            throw ExitCode(2)
        } catch let error as any EvidenceKitError {
            // A bad case or rules file, or a missing path: usage (exit 2).
            Console.error(error.message(language))
            throw ExitCode(2)
        }
        if output.json {
            try Console.json(report, exitCode: report.exitCode)
        } else {
            Console.out(CheckRenderer(language: language, rules: rules).render(report))
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
