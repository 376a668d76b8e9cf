import Foundation
import EvidenceKit

/// A case built from the committed fixtures (`Fixtures/check/`) in its own temporary folder.
public struct CaseFolder {
    private let directory: TemporaryDirectory
    public var path: String { directory.path }

    public static let fixtures = fixturePath("check")

    public init() throws {
        directory = TemporaryDirectory("evidencekit-check")
    }

    /// Copies a fixture (`photo-a.jpg`...) into the folder under `name`.
    @discardableResult
    public func copy(_ fixture: String, as name: String) throws -> String {
        let target = path + "/" + name
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CaseFolder.fixtures + "/" + fixture, toPath: target)
        return target
    }

    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        directory.write(name, text: text)
    }

    /// Writes a case.yaml for `category` listing `(fixture, name, role)` files.
    @discardableResult
    public func makeCase(_ category: String, _ files: [(String, String, String)], extra: String = "received_at: 2026-11-05\n") throws -> String {
        var yaml = "category: \(category)\norder_id: \"3712345678901234567\"\n" + extra + "evidence:\n"
        for (fixture, name, role) in files {
            try copy(fixture, as: name)
            yaml += "  - file: \(name)\n    role: \(role)\n"
        }
        return try write(yaml, to: "case.yaml")
    }

    /// Removes the folder now (otherwise it goes when the last copy of this value does).
    public func remove() { directory.remove() }
}

/// Runs the completeness check on a case file with the bundled rules, as `evidence check` does.
public func check(_ casePath: String, today: String = "2026-11-08") throws -> CheckReport {
    let rules = try RuleSet.bundled()
    return try EvidenceCheck.run(try CaseFile.load(path: casePath, rules: rules), rules: rules, today: CivilDate(today)!)
}
