import EvidenceDesk
import EvidenceKit
import EvidenceTestSupport
import Foundation
import Testing

/// The two databases every desk test runs on.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A database URL for a fresh desk: nil (SQLite in the desk folder) or a new PostgreSQL database.
    func databaseURL() async throws -> String? {
        switch self {
        case .sqlite: return nil
        case .postgres: return try await PostgresCluster.sharedDatabase()
        }
    }
}

/// A desk in its own temporary folder, on one backend.
final class DeskSandbox: @unchecked Sendable {
    let folder = TemporaryDirectory("evidence-desk")
    let url: String?
    let backend: Backend

    init(_ backend: Backend) async throws {
        self.backend = backend
        url = try await backend.databaseURL()
    }

    var deskFolder: String { folder.file("desk") }

    func open() async throws -> Desk {
        try await Desk.open(folder: deskFolder, databaseURL: url)
    }

    /// `--database URL` for the built binary, or nothing for SQLite.
    var databaseArguments: [String] { url.map { ["--database", $0] } ?? [] }
}

/// Real bundles built in the tests from the quality-earbuds sample, packed by the library.
enum DeskFixtures {
    static let rules = try! RuleSet.bundled()

    /// Packs the sample with its order number and shop replaced; returns the bundle's path.
    static func bundle(in folder: TemporaryDirectory, name: String, order: String = "3712345678901234567",
                       shop: String = "某某数码旗舰店", format: BundleFormat = .zip) throws -> String {
        let caseFolder = folder.file("case-\(name)")
        try FileManager.default.copyItem(atPath: Repository.samples + "/quality-earbuds", toPath: caseFolder)
        var text = try String(contentsOfFile: caseFolder + "/case.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "order_id: \"3712345678901234567\"", with: "order_id: \"\(order)\"")
            .replacingOccurrences(of: "shop: 某某数码旗舰店", with: "shop: \(shop)")
        try text.write(toFile: caseFolder + "/case.yaml", atomically: true, encoding: .utf8)
        let loaded = try CaseFile.load(path: caseFolder, rules: rules)
        let output = folder.file(name + (format == .zip ? ".zip" : ".tar.gz"))
        _ = try BundlePacker().pack(loaded, rules: rules, to: output,
                                    options: PackOptions(format: format, allowIncomplete: true, sourceDateEpoch: 1_764_374_400, durable: false))
        try FileManager.default.removeItem(atPath: caseFolder)
        return output
    }

    /// A copy of `bundle` with one byte of a payload file's stored data flipped.
    static func tampered(_ bundle: String, in folder: TemporaryDirectory, name: String) throws -> String {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: bundle)))
        // The first local header whose name has "/data/" in it: flip a byte in the middle of its data.
        var at = 0
        while at + 30 < bytes.count {
            if bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x03, bytes[at + 3] == 0x04 {
                let compressed = Int(bytes[at + 18]) | Int(bytes[at + 19]) << 8 | Int(bytes[at + 20]) << 16 | Int(bytes[at + 21]) << 24
                let nameLength = Int(bytes[at + 26]) | Int(bytes[at + 27]) << 8
                let extraLength = Int(bytes[at + 28]) | Int(bytes[at + 29]) << 8
                let entryName = String(decoding: bytes[(at + 30)..<(at + 30 + nameLength)], as: UTF8.self)
                let dataStart = at + 30 + nameLength + extraLength
                if entryName.contains("/data/"), compressed > 16 {
                    bytes[dataStart + compressed / 2] ^= 0x5A
                    return folder.write(name, bytes)
                }
                at = dataStart + compressed
            } else {
                at += 1
            }
        }
        Issue.record("no payload entry found in \(bundle)")
        return folder.write(name, bytes)
    }

    /// A zip whose entry climbs out of the bag (`../evil`).
    static func hostile(in folder: TemporaryDirectory, name: String) -> String {
        let zip = TestZip([TestZip.Entry("bag/bagit.txt", Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8)),
                           TestZip.Entry("bag/../evil", Array("gotcha".utf8))])
        return folder.write(name, zip.bytes())
    }
}

/// Polls until `condition` holds; records a failure after 3000 polls (5 minutes) rather than hanging.
func eventually(_ what: String, _ condition: () async throws -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    for _ in 0..<3000 {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("never happened: \(what)", sourceLocation: sourceLocation)
}
