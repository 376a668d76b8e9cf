/// A case file read and validated: the complaint, where it came from, and each evidence
/// item's file resolved to a path on disk.
public struct LoadedCase: Sendable {
    /// The complaint as written.
    public var complaint: ComplaintCase
    /// The case file (`case.yaml` / `case.json`).
    public var path: String
    /// The folder holding the case file; item paths are relative to it.
    public var folder: String
    /// For each item of `complaint.evidence`, in order, its file on disk.
    public var resolvedPaths: [String]
    /// For each item, the line of its entry in the case file, when known.
    public var itemLines: [Int?]
    /// Problems that do not stop the case from being used.
    public var warnings: [CaseIssue]
    /// Evidence files outside the case folder or reached through a symbolic link, accepted
    /// because the case was loaded with `allowOutside` (empty otherwise: they are errors).
    public var outsideFiles: [OutsideEvidence] = []

    public init(complaint: ComplaintCase, path: String, folder: String, resolvedPaths: [String], itemLines: [Int?], warnings: [CaseIssue]) {
        self.complaint = complaint
        self.path = path
        self.folder = folder
        self.resolvedPaths = resolvedPaths
        self.itemLines = itemLines
        self.warnings = warnings
    }

    /// Each evidence item with its file on disk.
    public var items: [(item: ComplaintCase.Item, path: String)] {
        Array(zip(complaint.evidence, resolvedPaths))
    }
}
