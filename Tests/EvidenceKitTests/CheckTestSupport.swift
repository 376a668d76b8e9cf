import Foundation
@testable import EvidenceKit

/// A unique temporary folder holding a case built from the committed fixtures.
struct CaseFolder {
    let path: String

    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("check").path

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("evidencekit-check-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Copies a fixture (`photo-a.jpg`...) into the folder under `name`.
    @discardableResult
    func copy(_ fixture: String, as name: String) throws -> String {
        let target = path + "/" + name
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CaseFolder.fixtures + "/" + fixture, toPath: target)
        return target
    }

    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        let target = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Writes a case.yaml for `category` listing `(fixture, name, role)` files.
    @discardableResult
    func makeCase(_ category: String, _ files: [(String, String, String)], extra: String = "received_at: 2026-11-05\n") throws -> String {
        var yaml = "category: \(category)\norder_id: \"3712345678901234567\"\n" + extra + "evidence:\n"
        for (fixture, name, role) in files {
            try copy(fixture, as: name)
            yaml += "  - file: \(name)\n    role: \(role)\n"
        }
        return try write(yaml, to: "case.yaml")
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

func check(_ casePath: String, today: String = "2026-11-08") throws -> CheckReport {
    let rules = try RuleSet.bundled()
    return try EvidenceCheck.run(try CaseFile.load(path: casePath, rules: rules), rules: rules, today: CivilDate(today)!)
}
