import Crypto
import Foundation
@testable import EvidenceKit

/// A fresh folder under the system temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init(_ label: String = "evidencekit") {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/\(label)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes bytes to a file inside the folder (creating subfolders) and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let target = path + "/" + name
        let folder = (target as NSString).deletingLastPathComponent
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: target, contents: Data(bytes))
        return target
    }

    @discardableResult
    func write(_ name: String, text: String) -> String { write(name, Array(text.utf8)) }
}

/// The bytes of a committed fixture under `Fixtures/`.
func fixture(_ relativePath: String) -> [UInt8] {
    let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/" + relativePath)
    return [UInt8](try! Data(contentsOf: url))
}

/// The path of a committed fixture under `Fixtures/`.
func fixturePath(_ relativePath: String) -> String {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures/" + relativePath).path
}

/// Inspects one file with a fresh inspector.
func inspect(_ path: String) throws -> InspectedFile {
    try FileInspector().inspectFile(at: path)
}

/// The shared corpus beside the checkout (`../shared/corpus`), when present.
func sharedCorpus() -> String? {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/EvidenceKitTests/File.swift -> checkout
    let corpus = url.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
    return FileManager.default.fileExists(atPath: corpus) ? corpus : nil
}

extension InspectedFile {
    var codes: [String] { findings.map(\.code) }
}

/// PNG chunk helpers for building damaged PNGs from a valid one.
enum PNGBytes {
    /// Offsets of each chunk: (type, start of length field, data length).
    static func chunks(_ png: [UInt8]) -> [(type: String, offset: Int, length: Int)] {
        var result: [(String, Int, Int)] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8 | Int(png[offset + 3])
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            result.append((type, offset, length))
            offset += 12 + length
        }
        return result
    }
}

/// MP4 top-level boxes: (type, start, size).
func topLevelBoxes(_ bytes: [UInt8]) -> [(type: String, start: Int, size: Int)] {
    var result: [(String, Int, Int)] = []
    var offset = 0
    while offset + 8 <= bytes.count {
        let size = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
        guard size >= 8 else { break }
        result.append((type, offset, size))
        offset += size
    }
    return result
}

/// Lower-case hex SHA-256, computed independently of the code under test's streaming.
func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}
