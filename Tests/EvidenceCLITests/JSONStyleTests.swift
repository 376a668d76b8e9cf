import Foundation
import EvidenceTestSupport
import Testing

/// One key style in every `--json` and `--json-lines` output and in `evidence.json`: snake_case
/// keys, a `format_version` on every document the CLI prints.
struct JSONStyleTests {
    /// Keys that are not snake_case, with their paths; dictionaries keyed by ids (`purposes`:
    /// role ids) are values, not keys of the format, and are skipped.
    static func offendingKeys(_ value: Any, path: String = "") -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, child -> [String] in
                let here = path + "." + key
                let bad = key.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) == nil ? [here] : []
                return bad + (key == "purposes" ? [] : offendingKeys(child, path: here))
            }
        }
        if let array = value as? [Any] { return array.flatMap { offendingKeys($0, path: path + "[]") } }
        return []
    }

    /// The documents printed: one per line for `--json-lines`, else one.
    static func documents(_ result: CLI.Result, lines: Bool) throws -> [[String: Any]] {
        let texts = lines ? result.stdout.split(separator: "\n").map { Data($0.utf8) } : [result.stdoutData]
        return try texts.map { try #require(try JSONSerialization.jsonObject(with: $0) as? [String: Any]) }
    }

    @Test func everyOutputHasSnakeCaseKeysAndAFormatVersion() throws {
        let dir = TemporaryDirectory("json-style")
        defer { dir.remove() }
        try FileManager.default.copyItem(atPath: Repository.samples + "/quality-earbuds", toPath: dir.file("case"))
        try FileManager.default.copyItem(atPath: Repository.samples + "/quality-earbuds", toPath: dir.file("fresh"))
        try FileManager.default.removeItem(atPath: dir.file("fresh/case.yaml"))
        let bundle = dir.file("q.zip")
        let runs: [[String]] = [
            ["inspect", "--json", dir.file("case")],
            ["rules", "--json"], ["rules", "quality", "--json"],
            ["init", "--json", dir.file("fresh")],
            ["check", "--json", dir.file("case")],
            ["pack", dir.file("case"), "-o", bundle, "--json"],
            ["verify", "--json", bundle, bundle],
            ["verify", "--json-lines", bundle, bundle],
        ]
        for arguments in runs {
            let result = try CLI.run(arguments, environment: ["SOURCE_DATE_EPOCH": "1764374400"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let documents = try Self.documents(result, lines: arguments.contains("--json-lines"))
            #expect(documents.count == (arguments.contains("--json-lines") ? 2 : 1))
            for document in documents {
                #expect(document["format_version"] as? String == "1", "\(arguments)")
                #expect(Self.offendingKeys(document).isEmpty, "\(arguments): \(Self.offendingKeys(document))")
            }
        }
        let manifest = try ProcessRunner.run("/usr/bin/unzip", ["-p", bundle, "q/evidence.json"])
        let evidence = try #require(try JSONSerialization.jsonObject(with: manifest.stdoutData) as? [String: Any])
        #expect(evidence["format_version"] as? String == "1")
        #expect(Self.offendingKeys(evidence).isEmpty, "\(Self.offendingKeys(evidence))")
    }
}
