// evidence-read-bench: measures the text-reading engine (Docs/PERFORMANCE.md "Reading",
// Docs/ACCURACY.md). Not installed for users; `make bench` and the accuracy script run it.
//
//   evidence-read-bench accuracy [--labels FILE] [--prep SPEC] [--only TEXT] [--cache DIR] [--exports] [--json]
//       OCR every labelled fixture (Tests/Fixtures/screenshots/labels.json), cache off unless
//       --cache, and report per fixture and in total: key lines found, facts found, exact order
//       numbers, seconds; then the understanding (ContentInterpreter + RoleGuesser, file names
//       included as the inspection pass would use them): role accuracy, exact order-number
//       recall, every labelled fact, and the confusions. --exports adds the generated chat and
//       bill exports (ExportSamples.swift).
//   evidence-read-bench read [--no-ocr] FILE...
//       What the reader gives for each file (source, line count, first lines) or its error code.
//   evidence-read-bench time [--prep SPEC] [--repeat N] [--cache DIR] FILE...
//       Seconds per file (median of N reads, cache off unless --cache), plus the reader's
//       start-up time. With --cache, the first pass fills the cache and the timed passes hit it.
//
// SPEC is comma-separated key=value: grey=none|luminance|min-channel, invert=0|1, width=N,
// cn=0|1 (contrast normalisation), psm=N. Unset keys keep the engine's defaults.
@_spi(Bench) import EvidenceKit
import Foundation

struct Failure: Error, CustomStringConvertible { var description: String }

func preparation(_ spec: String?) throws -> ImagePreparation {
    var p = ImagePreparation()
    guard let spec, !spec.isEmpty else { return p }
    for pair in spec.split(separator: ",") {
        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard kv.count == 2 else { throw Failure(description: "bad --prep item \(pair)") }
        switch kv[0] {
        case "grey": guard let g = ImagePreparation.Grey(rawValue: kv[1]) else { throw Failure(description: "grey: \(kv[1])") }; p.grey = g
        case "invert": p.invertDark = kv[1] == "1"
        case "width": p.targetWidth = Int(kv[1]) ?? p.targetWidth
        case "cn": p.contrastNormalise = kv[1] == "1"
        case "psm": p.pageSegmentation = Int(kv[1]) ?? p.pageSegmentation
        default: throw Failure(description: "unknown --prep key \(kv[0])")
        }
    }
    return p
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// CPU seconds of the calling thread (robust to other processes competing for the cores).
func cpuNow() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func squeeze(_ s: String) -> String { String(s.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)) }

/// Runs of digits in `line` (split at anything else).
func digitRuns(_ line: String) -> [String] {
    line.split(whereSeparator: { !("0"..."9").contains($0) }).map(String.init)
}

struct Labels: Decodable {
    struct Fixture: Decodable {
        var file: String
        var role: String
        var facts: [String: String]
        var key_lines: [String]
        var variant: String
        var lang: String
        var theme: String?
        var bubble: String?
    }
    var fixtures: [Fixture]
}

var args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    let value = args[i + 1]
    args.removeSubrange(i...(i + 1))
    return value
}
@MainActor func flag(_ name: String) -> Bool {
    guard let i = args.firstIndex(of: name) else { return false }
    args.remove(at: i)
    return true
}

do {
    guard let command = args.first else { throw Failure(description: "usage: evidence-read-bench accuracy|time ...") }
    args.removeFirst()
    let prep = try preparation(option("--prep"))
    let inspector = try FileInspector(describing: false)
    switch command {
    case "accuracy":
        let labelsPath = option("--labels") ?? "Tests/Fixtures/screenshots/labels.json"
        let only = option("--only")
        let json = flag("--json")
        let withExports = flag("--exports")
        let folder = (labelsPath as NSString).deletingLastPathComponent
        let labels = try JSONDecoder().decode(Labels.self, from: Data(contentsOf: URL(fileURLWithPath: labelsPath)))
        var options = ReadingOptions()
        let cacheDir = option("--cache")
        options.cache = cacheDir != nil
        options.cacheDirectory = cacheDir
        let t0 = now()
        let reader = try TextReader(options: options, preparation: prep)
        let startup = now() - t0
        var understanding = Understanding()
        var keyFound = 0, keyTotal = 0, factFound = 0, factTotal = 0, orderFound = 0, orderTotal = 0
        var seconds: [Double] = [], cpuSeconds: [Double] = []
        var byVariant: [String: (found: Int, total: Int)] = [:]
        var rows: [[String: Any]] = []
        for fixture in labels.fixtures where only.map({ fixture.file.contains($0) }) ?? true {
            let path = folder + "/" + fixture.file
            let inspected = try inspector.inspectFile(at: path)
            let start = now(), cpuStart = cpuNow()
            let text = try reader.read(path: path, file: inspected)
            let elapsed = now() - start
            seconds.append(elapsed)
            cpuSeconds.append(cpuNow() - cpuStart)
            let lines = text?.lines ?? []
            let all = squeeze(lines.joined(separator: "\n"))
            let missingKeys = fixture.key_lines.filter { !all.contains(squeeze($0)) }
            let missingFacts = fixture.facts.sorted { $0.key < $1.key }.filter { !all.contains(squeeze($0.value)) }.map { "\($0.key)=\($0.value)" }
            keyFound += fixture.key_lines.count - missingKeys.count
            keyTotal += fixture.key_lines.count
            factFound += fixture.facts.count - missingFacts.count
            factTotal += fixture.facts.count
            var v = byVariant[fixture.variant] ?? (0, 0)
            v.found += fixture.facts.count - missingFacts.count + fixture.key_lines.count - missingKeys.count
            v.total += fixture.facts.count + fixture.key_lines.count
            byVariant[fixture.variant] = v
            var orderExact: Bool? = nil
            if let number = fixture.facts["order_number"] {
                orderTotal += 1
                orderExact = lines.contains { digitRuns($0).contains(number) }
                if orderExact! { orderFound += 1 }
            }
            let reading = text.map { ContentInterpreter.interpret($0) }
            let assessed = RoleGuesser.assess(path: path, kind: inspected.kind, metadata: inspected.metadata, reading: reading)
            let verdict = understanding.add(file: fixture.file, expectedRole: fixture.role, expectedFacts: fixture.facts,
                                            assessed: assessed, reading: reading)
            rows.append(["file": fixture.file, "seconds": elapsed, "role": assessed.role.rawValue, "role_confidence": assessed.confidence,
                         "role_cues": assessed.cues, "wrong_facts": verdict.wrongFacts, "missing_key_lines": missingKeys,
                         "missing_facts": missingFacts, "order_number_exact": orderExact as Any, "lines": lines])
            if !json {
                let mark = missingKeys.isEmpty && missingFacts.isEmpty ? "ok  " : "MISS"
                print(String(format: "%@ %6.2f s  %@", mark, elapsed, fixture.file)
                      + (missingKeys.isEmpty ? "" : "  keys: \(missingKeys)") + (missingFacts.isEmpty ? "" : "  text lacks: \(missingFacts)")
                      + "  role \(assessed.role.rawValue) (\(assessed.basis.rawValue) \(assessed.confidence))"
                      + (verdict.roleRight ? "" : " WRONG, expected \(fixture.role)")
                      + (verdict.wrongFacts.isEmpty ? "" : "  facts wrong: \(verdict.wrongFacts)"))
            }
        }
        let sorted = seconds.sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        let summary: [String: Any] = [
            "preparation": "\(prep)", "startup_seconds": startup, "files": seconds.count,
            "key_lines": [keyFound, keyTotal], "facts": [factFound, factTotal], "order_numbers_exact": [orderFound, orderTotal],
            "seconds_total": seconds.reduce(0, +), "seconds_median": median, "cpu_seconds_total": cpuSeconds.reduce(0, +),
            "by_variant": byVariant.mapValues { [$0.found, $0.total] },
        ]
        if json {
            let data = try JSONSerialization.data(withJSONObject: ["summary": summary, "fixtures": rows], options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(String(format: "key lines %d/%d, facts %d/%d, exact order numbers %d/%d; %d files, %.1f s total (%.1f s CPU), median %.2f s, start-up %.2f s",
                         keyFound, keyTotal, factFound, factTotal, orderFound, orderTotal, seconds.count, seconds.reduce(0, +),
                         cpuSeconds.reduce(0, +), median, startup))
            for (variant, v) in byVariant.sorted(by: { $0.key < $1.key }) { print("  \(variant): \(v.found)/\(v.total)") }
            if withExports { try understanding.addExports() }
            understanding.printSummary()
        }
    case "read":
        // Prints what the reader gives for each file, or the error code (hostile-input sweeps).
        var options = ReadingOptions()
        options.cache = false
        options.ocr = !flag("--no-ocr")
        let reader = try TextReader(options: options, preparation: prep)
        for path in args {
            let start = now()
            do {
                let file = try inspector.inspectFile(at: path)
                if let text = try reader.read(path: path, file: file) {
                    print(String(format: "%.2f s  %@  %@ %d lines%@  %@", now() - start, path, text.source.rawValue, text.lines.count,
                                 text.truncated ? " (truncated)" : "", text.lines.prefix(3).joined(separator: " | ")))
                } else {
                    print(String(format: "%.2f s  %@  nothing to read (%@)", now() - start, path, file.mimeType))
                }
            } catch let error as ReadingError {
                print(String(format: "%.2f s  %@  %@: %@", now() - start, path, error.code.rawValue, error.detail))
            }
        }
    case "time":
        let repeatCount = Int(option("--repeat") ?? "3") ?? 3
        let cacheDir = option("--cache")
        var options = ReadingOptions()
        options.cache = cacheDir != nil
        options.cacheDirectory = cacheDir
        let t0 = now()
        let reader = try TextReader(options: options, preparation: prep)
        print(String(format: "start-up %.3f s", now() - t0))
        let files = try args.map { ($0, try inspector.inspectFile(at: $0)) }
        if cacheDir != nil { for (path, file) in files { _ = try reader.read(path: path, file: file) } }
        let before = reader.recognitions
        var perFile: [Double] = []
        for (path, file) in files {
            var times: [Double] = [], cpu: [Double] = []
            var lineCount = 0
            for _ in 0..<repeatCount {
                let start = now(), cpuStart = cpuNow()
                lineCount = try reader.read(path: path, file: file)?.lines.count ?? 0
                times.append(now() - start)
                cpu.append(cpuNow() - cpuStart)
            }
            let median = times.sorted()[times.count / 2]
            perFile.append(median)
            print(String(format: "%.4f s (%.4f s CPU)  %d lines  %@", median, cpu.sorted()[cpu.count / 2], lineCount, path))
        }
        let mean = perFile.isEmpty ? 0 : perFile.reduce(0, +) / Double(perFile.count)
        print(String(format: "mean %.4f s per file; recognitions during the timed passes: %d", mean, reader.recognitions - before))
    default:
        throw Failure(description: "unknown command \(command)")
    }
} catch let error as EvidenceKitError {
    FileHandle.standardError.write(Data("evidence-read-bench: \(error.message.en)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("evidence-read-bench: \(error)\n".utf8))
    exit(1)
}
