import Foundation
import Testing

/// The Python tools the tests run against real outputs: jsonschema, bagit-python,
/// bagit-profile and Pillow, pinned in the Makefile's `PY_PACKAGES` and installed into `.build/venv`
/// (`make venv`, which `make test` runs first). There is no other Python environment.
public enum PythonTools {
    public static let venv = Repository.path(".build/venv")

    /// The virtual environment's python once it has every package; nil (and the tests that need
    /// it fail) when it cannot be made.
    public static let python: String? = {
        let python = venv + "/bin/python"
        func ready() -> Bool {
            FileManager.default.isExecutableFile(atPath: python)
                && (try? ProcessRunner.run(python, ["-c", "import jsonschema, referencing, bagit, bagit_profile, PIL"]))?.status == 0
        }
        if ready() { return python }
        // The Makefile's recipe; flock keeps parallel test processes from building it twice.
        try? FileManager.default.createDirectory(atPath: Repository.path(".build"), withIntermediateDirectories: true)
        _ = try? ProcessRunner.run("/usr/bin/env", ["flock", Repository.path(".build/venv.lock"), "make", "-s", "-C", Repository.root, "venv"])
        return ready() ? python : nil
    }()

    /// bagit-python's command line in the same environment.
    public static var bagit: String { venv + "/bin/bagit.py" }

    /// Validates JSON documents (or `.jsonl` files, line by line) with `Docs/json/validate.py`.
    /// - Returns: the validator's exit status (0 valid, 1 invalid, 2 no such schema or no
    ///   validator) and its messages.
    public static func validate(schema: String, files: [String]) throws -> ProcessResult {
        guard FileManager.default.fileExists(atPath: Repository.schema(schema)) else {
            return ProcessResult(status: 2, stdoutData: Data(), stderr: "Docs/json/\(schema) does not exist")
        }
        guard let python else {
            return ProcessResult(status: 2, stdoutData: Data(), stderr: "jsonschema is not available: run `make venv`")
        }
        return try ProcessRunner.run(python, [Repository.path("Docs/json/validate.py"), schema] + files)
    }
}

/// Expects every document to be valid against `schema` (a file name under `Docs/json/`); a
/// missing schema or validator is a failure, never a pass.
public func expectSchemaValid(_ schema: String, _ files: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let result = try PythonTools.validate(schema: schema, files: files)
    #expect(result.status == 0, "\(schema): \(result.stderr)\(result.stdout)", sourceLocation: sourceLocation)
}
