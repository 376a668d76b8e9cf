import ArgumentParser
import EvidenceKit
import Foundation

struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Check a case, then write one verifiable bundle (a BagIt bag in a zip). 检查后封装为可校验的证据包。",
        discussion: """
            CASE is a case.yaml/case.json or a folder holding case.yaml. What each file says is read first (the
            check phase: OCR results come from the cache when check or inspect read the same bytes) and recorded
            in evidence.json with the facts and their lines; then each file is read once more: inspection,
            hashing and archiving happen in the same pass, with no second OCR. SOURCE_DATE_EPOCH fixes the bundle's dates, so the
            same inputs give byte-identical bundles in any time zone.
            Exit codes: 0 written, 3 refused as incomplete, 1 refused for corrupt/unsafe evidence, 2 usage/IO.
            """)

    @OptionGroup var output: OutputOptions
    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var readingFlags: ReadingFlags

    @Option(name: [.short, .customLong("output")], help: "The bundle to write (e.g. 证据包.zip).")
    var out: String

    @Option(name: .long, help: "zip (default) or tar.gz.")
    var format: BundleFormat?

    @Flag(name: .long, help: "Write the bundle even when required evidence is missing; the gaps are recorded in evidence.json.")
    var allowIncomplete = false

    @Flag(name: .long, help: "Replace OUT if it exists.")
    var force = false

    @Flag(name: .long, inversion: .prefixedNo,
          help: "Also print the SHA-256 of the bundle file (a second hashing pass: about 0.7 s more per GiB on two cores). The bag digest is always printed. 另外计算证据包文件本身的 SHA-256。")
    var sha256 = false

    @Option(name: .customLong("tsa"), help: ArgumentHelp(
        "Seal the bundle as the last step with an RFC 3161 timestamp from this authority (repeatable). 打包后加盖可信时间戳（可重复）。",
        valueName: "URL"))
    var authorities: [String] = []

    @OptionGroup var sealTrust: SealTrustOptions

    @OptionGroup var privacy: PrivacyOptions

    @Argument(help: "A case file or a folder holding case.yaml.")
    var casePath: String

    func run() throws {
        let language = output.language
        InterruptHandler.install()
        let rules = try rulesOptions.load(language: language)
        let loaded: LoadedCase
        let epoch: Int64?
        do {
            loaded = try CaseFile.load(path: casePath, rules: rules, allowOutside: privacy.allowOutside)
            epoch = try PackOptions.sourceDateEpoch(from: ProcessInfo.processInfo.environment)
        } catch let error as CaseFileError {
            Console.error(error.commandLineMessage(language))
            throw ExitCode(2)
        } catch let error as PackError {
            Console.error(error.commandLineMessage(language))
            throw ExitCode(error.exitCode)
        }
        for warning in loaded.warnings { Console.error(warning.message(language)) }
        let chosenFormat = format ?? (out.hasSuffix(".tar.gz") || out.hasSuffix(".tgz") ? .tarGz : .zip)
        var options = PackOptions(format: chosenFormat, language: language, allowIncomplete: allowIncomplete,
                                  force: force, sourceDateEpoch: epoch, bundleSHA256: sha256)
        options.stripLocation = privacy.stripLocation
        let renderer = PackSummaryRenderer(language: language)
        let showProgress = !output.json && Console.stderrIsTerminal
        let readingProgress = ReadingProgressLine(language: language, json: output.json)
        do {
            let packer = BundlePacker(describing: output.json)
            let progress: ((PackProgress) -> Void)? = showProgress ? { Console.errorInPlace(renderer.progressLine($0)) } : nil
            let onRead = ReadingProgressLine.callback(readingProgress)
            let report: PackReport
            if authorities.isEmpty {
                report = try packer.pack(loaded, rules: rules, to: out, options: options, reading: readingFlags.options,
                                         readingProgress: onRead, progress: progress)
            } else {
                // Pack into a temporary bundle, then seal it into OUT (Docs/sealing.md).
                var sealedOptions = options
                sealedOptions.bagName = BagLayout.bagName(forOutput: out)
                let sealer = BundleSealer(verifier: BundleVerifier(rules: rules), trust: sealTrust.trust)
                report = try sealer.packAndSeal(output: out, authorities: authorities, force: force) { temporary in
                    try packer.pack(loaded, rules: rules, to: temporary, options: sealedOptions, reading: readingFlags.options,
                                    readingProgress: onRead, progress: progress)
                }.pack
            }
            if showProgress { Console.errorInPlace("") }
            if output.json {
                try Console.json(report)
            } else {
                Console.out(renderer.render(report) + DisclosureRenderer(language: language).section(report.disclosure))
                for seal in report.seals ?? [] { Console.out(SealRenderer(language: language).line(seal)) }
            }
        } catch let error as SealError {
            if showProgress { Console.errorInPlace("") }
            Console.error(error.message(language))
            throw ExitCode(error.exitCode)
        } catch let error as PackError {
            if showProgress { Console.errorInPlace("") }
            Console.error(renderer.render(error))
            throw ExitCode(error.exitCode)
        }
    }
}

extension BundleFormat: ExpressibleByArgument {}
