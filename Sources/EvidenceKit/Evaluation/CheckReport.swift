/// The result of `evidence check`: every file and whether it counts, every requirement and
/// whether it is met, time advice, and the verdict. Encodes as the documented `--json`
/// document (`Docs/json/check.md`).
public struct CheckReport: Sendable, Codable {
    /// How an item got its role.
    public enum RoleSource: String, Sendable, Codable {
        /// Written in the case file.
        case caseFile = "case"
        /// Given on the command line (`--file ROLE=PATH`).
        case given
        /// Guessed from the file's name and content.
        case guessed
    }

    /// One evidence file: inspection and evaluation together.
    public struct FileEntry: Sendable, Codable {
        /// The name as the case gives it.
        public var file: String
        /// The path that was read.
        public var path: String
        public var role: EvidenceRole
        public var roleSource: RoleSource
        public var kind: MediaKind
        public var mimeType: String
        public var status: InspectedFile.Status
        public var size: UInt64
        public var sha256: String
        public var captureTime: String?
        /// Whether it counts towards the category.
        public var counts: Bool
        /// Why not, when it does not.
        public var reason: ItemVerdict.Reason?
        public var message: LocalizedText?
        /// Requirements it helped satisfy.
        public var usedFor: [String]
        /// Inspection findings (errors and warnings).
        public var findings: [Finding]
        /// How ``role`` was decided, with a confidence: `case` (1.0) for a case file's or the
        /// command line's role, else what the guess was based on (content, metadata, name).
        public var roleAssessment: RoleAssessment? = nil
        /// What the content says (the role its text shows and the facts with their lines), when it was read.
        public var reading: ContentReading? = nil

        enum CodingKeys: String, CodingKey {
            case file, path, role, kind, status, size, sha256, counts, reason, message, findings, reading
            case roleSource = "role_source"
            case roleAssessment = "role_assessment"
            case mimeType = "mime_type"
            case captureTime = "capture_time"
            case usedFor = "used_for"
        }
    }

    public var tool: String = ToolInfo.name
    public var version: String = ToolInfo.version
    /// The case file, when the case came from one.
    public var caseFile: String?
    public var `case`: ComplaintCase
    public var category: String
    public var categoryLabel: LocalizedText
    public var rulesVersion: String
    /// The day deadlines were counted from.
    public var today: String
    public var status: CompletenessResult.Status
    /// The summary recorded in bundles.
    public var completeness: CompletenessResult
    public var requirements: [RequirementReport]
    public var files: [FileEntry]
    public var timeAdvice: [TimeAdvice]
    /// Warnings about the case file.
    public var caseWarnings: [CaseIssue]
    /// True when any file is corrupt, unacceptable or unreadable.
    public var evidenceProblems: Bool
    /// What the evidence says that does not fit the case or the other evidence (another order
    /// number, another amount...): warnings that change neither the verdict nor the exit code.
    public var evidenceWarnings: [EvidenceWarning]

    enum CodingKeys: String, CodingKey {
        case tool, version, category, today, status, completeness, requirements, files
        case `case` = "case"
        case caseFile = "case_file"
        case categoryLabel = "category_label"
        case rulesVersion = "rules_version"
        case timeAdvice = "time_advice"
        case caseWarnings = "case_warnings"
        case evidenceProblems = "evidence_problems"
        case evidenceWarnings = "evidence_warnings"
    }

    /// Creates a report.
    public init(caseFile: String?, complaint: ComplaintCase, assessment: CompletenessEvaluator.Assessment, files: [FileEntry],
                timeAdvice: [TimeAdvice], caseWarnings: [CaseIssue], today: CivilDate, evidenceWarnings: [EvidenceWarning] = []) {
        self.caseFile = caseFile
        self.case = complaint
        let result = assessment.result
        category = assessment.category.id
        categoryLabel = assessment.category.label
        rulesVersion = assessment.rulesVersion
        self.today = today.description
        status = result.status
        completeness = result
        requirements = assessment.requirements
        self.files = files
        self.timeAdvice = timeAdvice
        self.caseWarnings = caseWarnings
        evidenceProblems = files.contains { [.corrupt, .unacceptable, .unreadable].contains($0.status) }
        self.evidenceWarnings = evidenceWarnings
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tool = try c.decode(String.self, forKey: .tool)
        version = try c.decode(String.self, forKey: .version)
        caseFile = try c.decodeIfPresent(String.self, forKey: .caseFile)
        self.case = try c.decode(ComplaintCase.self, forKey: .case)
        category = try c.decode(String.self, forKey: .category)
        categoryLabel = try c.decode(LocalizedText.self, forKey: .categoryLabel)
        rulesVersion = try c.decode(String.self, forKey: .rulesVersion)
        today = try c.decode(String.self, forKey: .today)
        status = try c.decode(CompletenessResult.Status.self, forKey: .status)
        completeness = try c.decode(CompletenessResult.self, forKey: .completeness)
        requirements = try c.decode([RequirementReport].self, forKey: .requirements)
        files = try c.decode([FileEntry].self, forKey: .files)
        timeAdvice = try c.decode([TimeAdvice].self, forKey: .timeAdvice)
        caseWarnings = try c.decode([CaseIssue].self, forKey: .caseWarnings)
        evidenceProblems = try c.decode(Bool.self, forKey: .evidenceProblems)
        evidenceWarnings = try c.decodeIfPresent([EvidenceWarning].self, forKey: .evidenceWarnings) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tool, forKey: .tool)
        try c.encode(version, forKey: .version)
        try c.encodeIfPresent(caseFile, forKey: .caseFile)
        try c.encode(self.case, forKey: .case)
        try c.encode(category, forKey: .category)
        try c.encode(categoryLabel, forKey: .categoryLabel)
        try c.encode(rulesVersion, forKey: .rulesVersion)
        try c.encode(today, forKey: .today)
        try c.encode(status, forKey: .status)
        try c.encode(completeness, forKey: .completeness)
        try c.encode(requirements, forKey: .requirements)
        try c.encode(files, forKey: .files)
        try c.encode(timeAdvice, forKey: .timeAdvice)
        try c.encode(caseWarnings, forKey: .caseWarnings)
        try c.encode(evidenceProblems, forKey: .evidenceProblems)
        try c.encode(evidenceWarnings, forKey: .evidenceWarnings)
    }
}
