import ArgumentParser
import EvidenceKit
import EvidenceServer
import Foundation

/// Options every command shares.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document on stdout instead of the human report.")
    var json = false

    @Option(name: .long, help: "Language of messages: zh or en (default from LANG/LC_ALL).")
    var lang: Language?

    var language: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }
}

extension Language: ExpressibleByArgument {}

/// Writes to stdout and stderr without Foundation's global `stderr`.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes text to stdout as it is (no line end added).
    static func raw(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Rewrites the current stderr line (progress on a terminal).
    static func errorInPlace(_ text: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    /// Whether stderr is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// One line of compact, key-sorted JSON (for `--json-lines`), as a versioned document.
    static func jsonLine<T: Encodable>(_ value: T, exitCode: Int32? = nil) throws -> String {
        String(decoding: try EvidenceJSON.encoder(pretty: false).encode(JSONDocument(value: value, exitCode: exitCode)), as: UTF8.self)
    }

    /// Writes a value as a pretty, key-sorted, versioned JSON document on stdout.
    static func json<T: Encodable>(_ value: T, exitCode: Int32? = nil) throws {
        let data = try EvidenceJSON.encoder().encode(JSONDocument(value: value, exitCode: exitCode))
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

/// Terminal column width of text: CJK and full-width characters take two columns.
func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
        let v = scalar.value
        if scalar.properties.generalCategory == .nonspacingMark || v == 0x200B { return width }
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
        return width + (wide ? 2 : 1)
    }
}

func padded(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - displayWidth(text)))
}

/// `1.2 MB`-style sizes.
func humanSize(_ bytes: UInt64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000 && unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
}
