/// The result of `evidence inspect`: every file, plus counts. Encodes as the documented
/// `--json` document (see `Docs/json/inspect.md`).
public struct InspectionReport: Sendable, Codable {
    /// Counts of files per status.
    public struct Summary: Sendable, Codable, Hashable {
        public var files: Int
        public var ok: Int
        public var corrupt: Int
        public var unacceptable: Int
        public var unreadable: Int
        public var skipped: Int
        public var warnings: Int
        public var bytes: UInt64
    }

    /// The tool that made the report.
    public var tool: String = ToolInfo.name
    /// Its version.
    public var version: String = ToolInfo.version
    /// The inspected files, in walk order.
    public var files: [InspectedFile]
    /// Counts.
    public var summary: Summary

    /// Builds a report from inspected files.
    public init(files: [InspectedFile]) {
        self.files = files
        summary = Summary(
            files: files.count,
            ok: files.count { $0.status == .ok },
            corrupt: files.count { $0.status == .corrupt },
            unacceptable: files.count { $0.status == .unacceptable },
            unreadable: files.count { $0.status == .unreadable },
            skipped: files.count { $0.status == .skipped },
            warnings: files.reduce(0) { $0 + $1.findings.count { $0.severity == .warning } },
            bytes: files.reduce(0) { $0 + $1.size })
    }

    /// True when no file is corrupt, unacceptable or unreadable.
    public var allReadable: Bool { summary.corrupt + summary.unacceptable + summary.unreadable == 0 }
}
