import ArgumentParser
import EvidenceKit
import EvidenceServer
import Foundation
import Synchronization

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check received bundles without extracting them: safety, fixity, completeness. 不解压核验收到的证据包：安全、完整性、齐全性。",
        discussion: """
            With --read, the text of every payload file is read again and compared with what evidence.json records:
            a different role or other facts are warnings (the bytes are proven unchanged, so the difference comes
            from the reader); a file showing another order number than the case is an error.
            Exit codes: 0 valid and complete, 3 valid but incomplete (or a plain BagIt bag), 1 invalid/unsafe/tampered, 2 usage/unreadable. With several bundles the worst decides (1, then 2, then 3).
            """)

    @OptionGroup var output: OutputOptions
    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var readingFlags: ReadingFlags

    @Flag(name: .long, help: "Also read the text of every payload file again (OCR, PDF text, exports) and compare its role and facts with evidence.json and the case. 重新读取每个证据文件的内容并与记录比对。")
    var read = false

    @Flag(name: .customLong("json-lines"), help: "Print one JSON line per bundle as each is verified (for batch work).")
    var jsonLines = false

    @Option(name: .long, help: "How many bundles to verify at once (default: number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("max-entries"), help: "Most entries an archive may hold (default 10000).")
    var maxEntries: Int = VerificationLimits().maxEntries

    @Option(name: .customLong("max-size"), help: "Most bytes a bundle may expand to (default 17179869184 = 16 GiB).")
    var maxSize: UInt64 = VerificationLimits().maxTotalSize

    @Option(name: .customLong("max-ratio"), help: "Highest expansion ratio, expanded bytes per archive byte (default 200).")
    var maxRatio: Double = VerificationLimits().maxRatio

    @OptionGroup var sealTrust: SealTrustOptions

    @Flag(name: .customLong("require-seal"), help: "Fail (exit 1) unless the bundle has a valid seal from a trusted authority. 要求有效的可信时间戳。")
    var requireSeal = false

    @Argument(help: "Bundles: .zip, .tar, .tar.gz files or unpacked bag folders.")
    var bundles: [String]

    func validate() throws {
        if bundles.isEmpty { throw ValidationError("Give at least one bundle. 请至少给出一个证据包。") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1. --jobs 至少为 1。") }
        if maxEntries < 1 { throw ValidationError("--max-entries must be at least 1. --max-entries 至少为 1。") }
        if !(maxRatio >= 1) { throw ValidationError("--max-ratio must be at least 1. --max-ratio 至少为 1。") }
        if output.json && jsonLines { throw ValidationError("Choose --json or --json-lines, not both. --json 与 --json-lines 只能选一个。") }
        if !read && (readingFlags.noOCR || readingFlags.noCache) {
            throw ValidationError("--no-ocr and --no-cache go with --read. --no-ocr 与 --no-cache 须与 --read 一起使用。")
        }
    }

    func run() throws {
        let limits = VerificationLimits(maxEntries: maxEntries, maxTotalSize: maxSize, maxRatio: maxRatio)
        let language = output.language
        let rules = try rulesOptions.load(language: language)
        // The completeness verdict recorded in evidence.json is recomputed from its items.
        var verifier = BundleVerifier(rules: rules, limits: limits)
        do {
            try sealTrust.trust.validate()
        } catch {
            Console.error(error.message(language))
            throw ExitCode(2)
        }
        verifier.sealTrust = sealTrust.trust
        verifier.requireSeal = requireSeal
        if read { verifier.reading = readingFlags.options }
        let printer = OrderedPrinter(count: bundles.count)
        let jsonLines = jsonLines, json = output.json
        let reports = verifier.verify(bundles, jobs: jobs) { index, report in
            if json { return }
            let text = jsonLines
                ? (try? Console.jsonLine(report, exitCode: report.status.exitCode)) ?? ""
                : VerificationRenderer(language: language).render(report)
            printer.ready(index, text)
        }
        let worst = VerificationReport.Status.worst(of: reports)
        let code = worst.exitCode
        if json {
            try Console.json(VerificationBatch(status: worst,
                                               bundles: reports.map { JSONDocument(value: $0, exitCode: $0.status.exitCode, formatVersion: nil) }),
                             exitCode: code)
        }
        if code != 0 { throw ExitCode(code) }
    }
}

/// `--json` output: every bundle's report and the verdict that decides the exit code.
struct VerificationBatch: Encodable {
    var status: VerificationReport.Status
    var bundles: [JSONDocument<VerificationReport>]
}

/// Prints results in the order of the command line as soon as each and all before it are ready.
final class OrderedPrinter: Sendable {
    private let state: Mutex<(next: Int, waiting: [Int: String])>

    init(count: Int) { state = Mutex((0, [:])) }

    func ready(_ index: Int, _ text: String) {
        state.withLock { state in
            state.waiting[index] = text
            while let text = state.waiting.removeValue(forKey: state.next) {
                Console.out(text)
                state.next += 1
            }
        }
    }
}
