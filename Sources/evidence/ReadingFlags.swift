import ArgumentParser
import EvidenceKit
import Foundation
import Synchronization

/// `--no-ocr` and `--no-cache`: how the commands that read what the evidence says
/// (inspect, check, init, pack, verify --read) read it.
struct ReadingFlags: ParsableArguments {
    @Flag(name: .customLong("no-ocr"),
          help: "Do not OCR images (screenshots' roles and facts then come from names only); PDF text layers and chat/bill exports are still read. 不对图片做文字识别。")
    var noOCR = false

    @Flag(name: .customLong("no-cache"),
          help: "Neither use nor store cached reading results ($XDG_CACHE_HOME/evidence). 不使用识别结果缓存。")
    var noCache = false

    /// The library's options for these flags.
    var options: ReadingOptions {
        var options = ReadingOptions()
        options.ocr = !noOCR
        options.cache = !noCache
        return options
    }
}

/// The progress line of the reading pass, on stderr, only when stderr is a terminal and the
/// output is not JSON (never in `--json` output or pipes).
final class ReadingProgressLine: Sendable {
    private let language: Language
    private let shown = Mutex(false)

    /// Nil when no progress should be shown.
    init?(language: Language, json: Bool) {
        guard !json, Console.stderrIsTerminal else { return nil }
        self.language = language
    }

    /// Reports `done` of `total` files read.
    func update(_ done: Int, _ total: Int) {
        shown.withLock { shown in
            shown = true
            Console.errorInPlace(language == .zh ? "读取证据内容 \(done)/\(total)…" : "Reading the evidence \(done)/\(total)…")
        }
    }

    /// Clears the line once the reading is over.
    func finish() {
        shown.withLock { shown in
            if shown { Console.errorInPlace("") }
            shown = false
        }
    }

    /// The callback for ``ReadingPass``, or nil.
    static func callback(_ line: ReadingProgressLine?) -> ReadingPass.Progress? {
        guard let line else { return nil }
        return { done, total in line.update(done, total) }
    }
}
