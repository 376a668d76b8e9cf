import ArgumentParser
import EvidenceKit
import Foundation

/// Options shared by the commands that talk to or trust time-stamp authorities.
struct SealTrustOptions: ParsableArguments {
    @Option(name: .customLong("tsa-ca"), help: ArgumentHelp(
        "A PEM file of CA certificates trusted for seals, besides the system's store (repeatable). 额外信任的时间戳机构根证书（PEM）。",
        valueName: "FILE"))
    var tsaCA: [String] = []

    var trust: SealTrust { SealTrust(systemStore: true, authorityFiles: tsaCA) }
}

struct SealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Add an RFC 3161 trusted timestamp over the bag's tag manifest. 为证据包加盖可信时间戳（RFC 3161）。",
        discussion: """
            The bundle is verified first (a tampered or invalid one is refused). Each --tsa authority is asked for one
            token over the SHA-256 of tagmanifest-sha256.txt; each answer is checked fully (status, imprint, nonce,
            signature, the critical timeStamping key usage, the chain to a trusted root as of the token's time). The
            sealed bundle is the old one's entries unchanged plus signatures/tagmanifest-sha256.txt.tsr and .tsr.crt
            (a second authority: .2.tsr), written to a temporary file and renamed when complete.
            Exit codes: 0 sealed, 1 bundle invalid or the authority's answer fails checks, 2 usage/IO/unreachable.
            """)

    @OptionGroup var output: OutputOptions
    @OptionGroup var trustOptions: SealTrustOptions

    @Option(name: .customLong("tsa"), help: ArgumentHelp(
        "The time-stamp authority's URL (repeatable: one token from each). 时间戳服务网址（可重复）。", valueName: "URL"))
    var authorities: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Write the sealed bundle here (BUNDLE is left as it is).")
    var out: String?

    @Flag(name: .customLong("in-place"), help: "Replace BUNDLE itself once the sealed bundle is complete.")
    var inPlace = false

    @Flag(name: .long, help: "Replace OUT if it exists.")
    var force = false

    @Option(name: .long, help: "Seconds allowed for each authority's answer (default 30).")
    var timeout: Double = 30

    @Argument(help: "The bundle: a .zip or .tar.gz, or an unpacked bag folder.")
    var bundle: String

    func validate() throws {
        if authorities.isEmpty { throw ValidationError("Give at least one --tsa URL. 请至少给出一个 --tsa 时间戳服务网址。") }
        if (out == nil) == !inPlace { throw ValidationError("Give either -o OUT or --in-place. 请给出 -o OUT 或 --in-place 之一。") }
        if !(timeout > 0) { throw ValidationError("--timeout must be positive. --timeout 必须为正数。") }
    }

    func run() throws {
        let language = output.language
        InterruptHandler.install()
        let sealer = BundleSealer(client: TimestampClient(connectTimeout: min(10, timeout), totalTimeout: timeout),
                                  trust: trustOptions.trust)
        let renderer = SealRenderer(language: language)
        do {
            let result = try sealer.seal(bundle, authorities: authorities, output: out.map { .file($0) } ?? .inPlace, force: force)
            if output.json { try Console.json(result, exitCode: 0) } else { Console.out(renderer.render(result)) }
        } catch let error as SealError {
            Console.error(error.message(language))
            throw ExitCode(error.exitCode)
        }
    }
}

/// The human output of seals: `seal`'s summary and the seal lines of `verify`.
struct SealRenderer: Bilingual {
    let language: Language

    func render(_ result: SealResult) -> String {
        var lines = [t("已加盖时间戳：\(result.output)", "Sealed: \(result.output)"),
                     t("  证据包指纹（tagmanifest-sha256.txt 的 SHA-256）：", "  Bag digest (SHA-256 of tagmanifest-sha256.txt): ") + result.tagManifestSHA256]
        lines += result.seals.map(line)
        return lines.joined(separator: "\n")
    }

    /// One seal as a report line.
    func line(_ seal: SealReport) -> String {
        let mark: String, verdict: String
        switch seal.status {
        case .valid: (mark, verdict) = ("✓", t("有效", "valid"))
        case .untrusted: (mark, verdict) = ("!", t("机构不受信任", "authority not trusted"))
        case .mismatch: (mark, verdict) = ("✗", t("与证据包不符", "does not match the bundle"))
        case .invalid: (mark, verdict) = ("✗", t("无效", "invalid"))
        }
        var text = "  \(mark) " + t("可信时间戳 ", "Seal ") + "\(seal.time ?? "?") — \(seal.authority ?? "?")"
        if let policy = seal.policy { text += t("，策略 ", ", policy ") + policy }
        if let serial = seal.serial { text += t("，序列号 ", ", serial ") + serial }
        text += t("：", ": ") + verdict + " (\(seal.file))"
        return text
    }

    /// `verify`'s seal lines: each seal, or a warning line when there is none.
    func lines(_ report: VerificationReport) -> [String] {
        guard report.bag != nil else { return [] }
        if report.seals.isEmpty {
            return [t("  ! 没有可信时间戳（证据包未盖章：只能证明打包后未被改动，不能证明打包时间）",
                      "  ! No seal (trusted timestamp): the bundle shows it is unchanged since packing, not when it was packed")]
        }
        return report.seals.map(line)
    }
}
