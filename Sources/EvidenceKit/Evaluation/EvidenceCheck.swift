import Foundation

/// `evidence check` as a library call: inspects each file once, evaluates completeness and
/// deadlines, and returns a ``CheckReport``. Never prints.
public enum EvidenceCheck {
    /// One file to check, with its role.
    public struct Input: Sendable {
        public var item: ComplaintCase.Item
        /// The path to read.
        public var path: String
        public var roleSource: CheckReport.RoleSource

        public init(item: ComplaintCase.Item, path: String, roleSource: CheckReport.RoleSource) {
            self.item = item
            self.path = path
            self.roleSource = roleSource
        }
    }

    /// Checks a loaded case file.
    /// - Parameters:
    ///   - describing: fill each file's libmagic description (``InspectedFile/description``),
    ///     which the JSON report shows and the human one does not.
    ///   - reading: read what each file says (OCR, PDF text, exports) for the cross-checks and
    ///     the facts in the report; nil reads nothing. The case file's roles always win.
    ///   - readingProgress: called with files read and files in all, from any thread.
    public static func run(_ loaded: LoadedCase, rules: RuleSet, today: CivilDate, describing: Bool = true,
                           reading: ReadingOptions? = nil,
                           readingProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> CheckReport {
        let inputs = loaded.items.map { Input(item: $0.item, path: $0.path, roleSource: .caseFile) }
        let inspected = try ReadingPass.inspectFiles(inputs.map(\.path), describing: describing, reading: reading,
                                                     progress: readingProgress)
        return try report(complaint: loaded.complaint, caseFile: loaded.path, inputs: inputs, inspected: inspected,
                          warnings: loaded.warnings, rules: rules, today: today)
    }

    /// Checks files given without a case file (`--category C FILE...`, `--file ROLE=PATH`).
    /// - Parameters:
    ///   - complaint: the case (category, order number); its evidence list is filled in here.
    ///   - guessed: files or folders whose roles are guessed (folders are walked).
    ///   - given: files with the role the user gave.
    ///   - describing: as for ``run(_:rules:today:describing:reading:readingProgress:)``.
    ///   - reading: read what each file says; the guessed roles then come from the content
    ///     first (``InspectedFile/suggestedRole``: content, then metadata, then the name).
    ///   - readingProgress: called with files read and files in all, from any thread.
    public static func runQuick(_ complaint: ComplaintCase, guessed: [String], given: [(EvidenceRole, String)],
                                rules: RuleSet, today: CivilDate, describing: Bool = true,
                                reading: ReadingOptions? = nil,
                                readingProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> CheckReport {
        let walked = try ReadingPass.inspect(paths: guessed, describing: describing, reading: reading, progress: readingProgress)
        let givenFiles = try ReadingPass.inspectFiles(given.map(\.1), describing: describing, reading: reading, progress: readingProgress)
        var inputs: [Input] = []
        var inspected: [InspectedFile] = []
        for file in walked {
            inputs.append(Input(item: ComplaintCase.Item(file: file.path, role: file.suggestedRole), path: file.path, roleSource: .guessed))
            inspected.append(file)
        }
        for ((role, path), file) in zip(given, givenFiles) {
            inputs.append(Input(item: ComplaintCase.Item(file: path, role: role), path: path, roleSource: .given))
            inspected.append(file)
        }
        var filled = complaint
        filled.evidence = inputs.map(\.item)
        return try report(complaint: filled, caseFile: nil, inputs: inputs, inspected: inspected, warnings: [], rules: rules, today: today)
    }

    static func report(complaint: ComplaintCase, caseFile: String?, inputs: [Input], inspected: [InspectedFile],
                       warnings: [CaseIssue], rules: RuleSet, today: CivilDate) throws -> CheckReport {
        let items = zip(inputs, inspected).map { EvaluatedItem(item: $0.0.item, file: $0.1) }
        let assessment = try CompletenessEvaluator.assess(category: complaint.category, items: items, rules: rules)
        let files = zip(zip(inputs, inspected), assessment.items).map { pair, verdict in
            let (input, file) = pair
            return CheckReport.FileEntry(
                file: input.item.file, path: input.path, role: input.item.role, roleSource: input.roleSource, kind: file.kind,
                mimeType: file.mimeType, status: file.status, size: file.size, sha256: file.sha256,
                captureTime: file.metadata.captureTime, counts: verdict.counts, reason: verdict.reason, message: verdict.message,
                usedFor: verdict.usedFor, findings: file.findings.filter { $0.severity != .info },
                roleAssessment: roleAssessment(of: input, file: file), reading: file.reading)
        }
        let evidenceWarnings = EvidenceCrossCheck.check(complaint, items: items, rolesGiven: inputs.map { $0.roleSource != .guessed })
        return CheckReport(caseFile: caseFile, complaint: complaint, assessment: assessment, files: files,
                           timeAdvice: DeadlineAdvisor.advise(complaint, items: items, today: today),
                           caseWarnings: warnings, today: today, evidenceWarnings: evidenceWarnings)
    }

    /// How an input's role was decided: the case file's or the command line's role is certain
    /// (basis `case`); a guess keeps what inspection based it on (nil when it did not say).
    static func roleAssessment(of input: Input, file: InspectedFile) -> RoleAssessment? {
        switch input.roleSource {
        case .caseFile:
            return RoleAssessment(role: input.item.role, basis: .caseFile, confidence: 1, cues: [])
        case .given:
            return RoleAssessment(role: input.item.role, basis: .caseFile, confidence: 1, cues: ["given"])
        case .guessed:
            return file.roleAssessment
        }
    }

    /// Today's date on this machine's calendar.
    public static func currentDate() -> CivilDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)) ?? CivilDate(dayNumber: 0)
    }
}
