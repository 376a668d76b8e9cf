import Foundation
import EvidenceTestSupport
import Testing

/// `Benchmarks/run.sh --smoke`: the benchmark script end to end on a tiny generated corpus
/// with the debug binary, one run per comparison. It checks that the script, the corpus
/// generator and every comparison still work (a renamed option or a refused corpus file would
/// stop it); it measures nothing. The full run is `make bench`, never part of `make test`.
struct BenchmarkSmokeTests {
    static let toolsPresent: Bool = ["/usr/bin/time", "/usr/bin/openssl", "/usr/bin/file", "/usr/bin/bsdtar", "/usr/bin/zip", "/usr/bin/unzip"]
        .allSatisfy { FileManager.default.isExecutableFile(atPath: $0) } && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    @Test(.enabled(if: toolsPresent, "python3, openssl, file, bsdtar, zip, unzip or /usr/bin/time missing: benchmark smoke run skipped"))
    func smokeRunPrintsEveryRow() async throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let script = Repository.path("Benchmarks/run.sh")
        let table = folder + "/table.md"
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = (environment["PATH"] ?? "") + ":/usr/local/bin:/usr/bin:/bin"
        environment["TMPDIR"] = folder
        let result = try await ProcessRunner.runDetached("/bin/bash", [script, "--smoke", "--bin", CLI.executable,
                                                        "--corpus", folder + "/corpus", "--results", table],
                                          environment: environment)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores"), "\(result.output)")

        let rows = try String(contentsOfFile: table, encoding: .utf8).split(separator: "\n").map(String.init)
        let always = ["pack (media) vs openssl dgst -sha256", "pack (media) vs bsdtar --format zip (store)",
                      "verify (media bundle) vs openssl dgst -sha256", "inspect (many) vs file --mime-type",
                      "check (many, one case) vs file --mime-type", "seal (media bundle) vs verify (media bundle)"]
        for label in always {
            let row = try #require(rows.first { $0.hasPrefix("| \(label) |") }, "no row for \(label):\n\(rows.joined(separator: "\n"))")
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            // cells: label, ratio (min, max), target, ours, theirs, peak RSS, verdict
            let ratio = Double(cells[1].split(separator: " ")[0]) ?? -1
            #expect(ratio > 0, "\(row)")
            #expect(cells[3].hasSuffix(" s") && cells[4].hasSuffix(" s"), "\(row)")
            #expect(cells[6] == "met" || cells[6] == "MISSED", "\(row)")
        }
        // Reference rows (no target): the copy floor and the pack with the bundle file's SHA-256.
        for label in ["pack (media) vs cat > file + fdatasync (floor)", "pack --sha256 (media) vs openssl dgst -sha256",
                      "seal: local authority, one request (curl) vs openssl ts -query",
                      "serve: 20 concurrent uploads (10 MB photos) vs inspect"] {
            let row = try #require(rows.first { $0.hasPrefix("| \(label) |") }, "no row for \(label):\n\(rows.joined(separator: "\n"))")
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect((Double(cells[1].split(separator: " ")[0]) ?? -1) > 0 && cells[2] == "(reference)", "\(row)")
        }
        let memoryRows = rows.filter { $0.hasPrefix("| peak RSS, ") }
        // The big pack and the two generated bombs (each verified and refused, else the script
        // fails), plus the shared corpus's bombs when that folder is present.
        #expect(memoryRows.contains { $0.hasPrefix("| peak RSS, pack of the big file |") }, "\(rows.joined(separator: "\n"))")
        #expect(memoryRows.contains { $0.hasPrefix("| peak RSS, serve (uploads) |") }, "\(rows.joined(separator: "\n"))")
        #expect(memoryRows.contains { $0.contains("verify bomb lying.zip") } && memoryRows.contains { $0.contains("verify bomb overlap.zip") },
                "\(rows.joined(separator: "\n"))")
        #expect(memoryRows.allSatisfy { $0.contains(" MiB |") }, "\(memoryRows)")
        // The corpus folder was given, so it is kept; the script's own scratch folder is gone.
        #expect(FileManager.default.fileExists(atPath: folder + "/corpus/media/unboxing.mp4"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("evidence-bench.") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
