import Crypto
import Foundation
@testable import EvidenceKit

// The one place every test target gets its temporary folders, fixtures and the checkout's
// paths from (EvidenceKitUnitTests, EvidenceCLITests, EvidenceInteropTests).

/// A fresh folder under the system temporary directory, removed by `remove()` or when the value
/// goes away. Each test makes its own, so tests can run in parallel.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "evidencekit") {
        path = FileManager.default.temporaryDirectory.path + "/\(label)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { remove() }

    /// The path of `name` inside the folder (nothing is created).
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes bytes to a file inside the folder (creating subfolders) and returns its path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) -> String {
        let target = file(name)
        let folder = (target as NSString).deletingLastPathComponent
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: target, contents: Data(bytes))
        return target
    }

    @discardableResult
    public func write(_ name: String, text: String) -> String { write(name, Array(text.utf8)) }

    /// Removes the folder now (a `defer { folder.remove() }` also keeps the value alive until then).
    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The checkout this test build comes from, found from this source file's location.
public enum Repository {
    /// The package root (the folder holding Package.swift).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/EvidenceTestSupport/File.swift -> checkout
        return url.path
    }()

    /// `relative` under the package root.
    public static func path(_ relative: String) -> String { root + "/" + relative }

    public static func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// The committed sample cases (`Samples/`).
    public static let samples = path("Samples")

    /// The shared third-party corpus beside the checkout (`../shared/corpus`); nil when absent
    /// (tests that need it are `.enabled(if: Repository.sharedCorpus != nil)`).
    public static let sharedCorpus: String? = {
        let corpus = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        return FileManager.default.fileExists(atPath: corpus) ? corpus : nil
    }()

    /// A JSON Schema under `Docs/json/`.
    public static func schema(_ name: String) -> String { path("Docs/json/" + name) }
}

/// The bytes of a committed fixture under `Tests/EvidenceTestSupport/Fixtures/`.
public func fixture(_ relativePath: String) -> [UInt8] {
    [UInt8](try! Data(contentsOf: URL(fileURLWithPath: fixturePath(relativePath))))
}

/// The path of a committed fixture under `Tests/EvidenceTestSupport/Fixtures/`.
public func fixturePath(_ relativePath: String) -> String {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures/" + relativePath).path
}

/// Inspects one file with a fresh inspector.
public func inspect(_ path: String) throws -> InspectedFile {
    try FileInspector().inspectFile(at: path)
}

extension InspectedFile {
    /// The finding codes, in order.
    public var codes: [String] { findings.map(\.code) }
}

/// Lower-case hex SHA-256, computed independently of the code under test's streaming.
public func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}
