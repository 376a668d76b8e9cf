import EvidenceKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One fuzz target: a parser that reads bytes a stranger may have written.
///
/// Every target is a total function of its input: it may refuse, never crash, hang or write
/// outside its own scratch folder. The same code runs under libFuzzer (`make fuzz`) and when
/// the committed seeds and crash reproducers are replayed by `make test`.
enum FuzzTarget: String, CaseIterable {
    /// `evidence verify` on the bytes as a bundle file (zip, tar or tar.gz, sniffed by content).
    case verify
    /// `case.yaml` / `case.json` parsing and validation against the bundled rules.
    case `case`
    /// A rules file (`--rules`), JSON or YAML.
    case rules
    /// The per-format checks `inspect` runs after libmagic has named the type.
    case png, jpeg, webp, gif, heif, video, pdf, zip, text
    /// A seal's token (`signatures/….tsr`) read and checked with OpenSSL, the same bytes also
    /// read as its PEM chain file: hostile DER and PEM.
    case seal

    /// Runs the target on one input.
    /// - Returns: a one-line verdict (the replay prints it, so tests can see the parser was reached).
    @discardableResult
    func run(_ bytes: UnsafeRawBufferPointer) -> String {
        switch self {
        case .verify:
            return Self.verifyBundle(bytes)
        case .case:
            return Self.parseCase(bytes)
        case .seal:
            let input = Array(bytes)
            let report = SealVerification.check(token: input, chain: input, tagManifestSHA256: String(repeating: "ab", count: 32),
                                                trust: SealTrust(systemStore: false))
            return report.status.rawValue
        case .rules:
            do {
                let rules = try RuleSet.parse(String(decoding: bytes, as: UTF8.self), path: "rules.yaml")
                return "ok \(rules.categories.count) categories"
            } catch {
                return error.code.rawValue
            }
        default:
            let result = ContentCheck.run(bytes, as: ContentCheck.Format(rawValue: rawValue)!)
            return result.codes.isEmpty ? "ok" : result.codes.joined(separator: " ")
        }
    }

    // MARK: - Scratch space (one folder per process, made once)

    /// A folder of this process's own: the bundle file the verifier reads, and the files a
    /// fuzzed case file may name (so that item resolution and role checks are reached).
    nonisolated(unsafe) private static var scratch: String = {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(base)/evidence-fuzz-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "cannot create a scratch folder under \(base)")
        let folder = String(cString: made!)
        for name in ["订单截图.png", "photo.jpg", "chat.txt", "receipt.pdf", "video.mp4", "photos/a.jpg"] {
            let path = folder + "/case/" + name
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                     withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        }
        atexit { try? FileManager.default.removeItem(atPath: FuzzTarget.scratch) }
        return folder
    }()

    private static let bundledRules = try? RuleSet.bundled()

    private static let verifier = BundleVerifier { manifest in
        guard let rules = FuzzTarget.bundledRules else { throw CocoaError(.fileReadUnknown) }
        return try CompletenessEvaluator.evaluate(
            category: manifest.case.category, items: manifest.items.map(EvaluatedItem.init(manifestItem:)), rules: rules)
    }

    private static func verifyBundle(_ bytes: UnsafeRawBufferPointer) -> String {
        let path = scratch + "/bundle"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(descriptor >= 0, "cannot write \(path)")
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            precondition(count > 0, "cannot write \(path)")
            written += count
        }
        close(descriptor)
        let report = verifier.verify(path)
        return ([report.status.rawValue] + report.problems.map(\.code.rawValue)).joined(separator: " ")
    }

    private static func parseCase(_ bytes: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let loaded = try CaseFile.parse(text, path: scratch + "/case/case.yaml", folder: scratch + "/case", rules: bundledRules)
            return "ok \(loaded.items.count) items"
        } catch let error as CaseFileError {
            return error.issues.map(\.code.rawValue).joined(separator: " ")
        } catch {
            return "\(error)"
        }
    }
}
