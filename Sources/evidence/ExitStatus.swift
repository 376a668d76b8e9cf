import ArgumentParser
import EvidenceKit
import EvidenceServer

// The command line's exit codes (Docs/cli.md), mapped from the library's verdicts and typed
// errors. The library returns values and errors; only the CLI turns them into exit codes.
//   0  everything sound (and complete)
//   1  bad evidence (corrupt, unacceptable) or an invalid bundle (unsafe, damaged, tampered)
//   2  usage, input/output, or a bundle that cannot be read at all
//   3  sound but incomplete (or a plain bag whose completeness is unknown, or a holey bag)
// The exit codes of the reports themselves (inspect, check, verify), which their JSON documents
// carry as `exit_code`, are in EvidenceServer/Shared/FrontEndDocuments.swift: `serve` sends the
// same documents.

extension PackError {
    /// `evidence pack`'s exit code for this refusal: 3 incomplete, 1 bad evidence, 2 usage/IO.
    var exitCode: Int32 {
        switch code {
        case .incomplete: 3
        case .corruptEvidence, .unreadableEvidence, .locationNotRemoved: 1
        case .sourceChanged, .outputExists, .noEvidence, .badSourceDateEpoch, .io: 2
        default: 2  // PackError.Code is extensible: a code added later exits as a refusal to write
        }
    }

    /// The library's message plus what to type, where a flag of `pack` is the way out.
    var commandLineMessage: LocalizedText {
        switch code {
        case .incomplete:
            message.appending(zh: "或加 --allow-incomplete 仍然打包（不完整会记录在证据包中）。",
                              en: "Or pass --allow-incomplete to pack anyway (the gap is recorded in the bundle).")
        case .outputExists:
            message.appending(zh: "或加 --force 覆盖。", en: "Or pass --force to replace it.")
        default:
            message
        }
    }
}

extension SealError {
    /// `evidence seal`'s exit code: 1 when the bundle is invalid or an authority's answer fails
    /// the checks, 2 for usage, input/output and authorities that cannot be reached.
    var exitCode: Int32 {
        switch code {
        case .bundleInvalid, .noTagManifest, .rejected, .answerFailsChecks, .authorityUntrusted, .responseTooLarge: 1
        default: 2
        }
    }
}

extension CaseFileError {
    /// The library's message plus `--allow-outside` when a file was refused for lying outside
    /// the case folder or behind a symbolic link (check, pack).
    var commandLineMessage: LocalizedText {
        guard issues.contains(where: { $0.code == .fileOutsideCase || $0.code == .fileSymlink }) else { return message }
        return message.appending(zh: "\n（要仍然使用这些文件，请加 --allow-outside；它们会列在打包摘要和 index.html 中。）",
                                 en: "\n(To use such files anyway, pass --allow-outside; they are then listed in the pack summary and index.html.)")
    }
}

extension VerificationProblem {
    /// The library's message plus the `verify` option that raises the limit concerned.
    func commandLineMessage(_ language: Language) -> String {
        let option: String? = switch code {
        case .tooManyEntries: "--max-entries"
        case .totalSizeTooLarge: "--max-size"
        case .expansionRatioTooHigh: "--max-ratio"
        default: nil
        }
        guard let option else { return message(language) }
        return message(language) + (language == .zh ? "（选项 \(option)）" : " (option \(option))")
    }
}

extension LocalizedText {
    /// This text followed by a further sentence in each language.
    func appending(zh: String, en: String) -> LocalizedText {
        LocalizedText(zh: self.zh + zh, en: self.en + " " + en)
    }
}
