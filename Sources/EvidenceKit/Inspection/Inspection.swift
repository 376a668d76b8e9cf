import Foundation
import Synchronization

/// Inspects many files at once, one worker per core, each with its own libmagic cookie (and,
/// when reading is asked for, its own ``TextReader``).
public enum Inspection {
    /// Called after each file with how many are done and how many there are (from any worker
    /// thread; for a progress line).
    public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

    /// Inspects files and folders.
    /// - Parameters:
    ///   - paths: files or folders; folders are walked recursively.
    ///   - limits: bounds for hostile files.
    ///   - jobs: how many files to read at once (default: the number of cores).
    ///   - describing: fill each file's libmagic description (see ``FileInspector/init(limits:describing:)``).
    ///   - reading: also read what each file says (``InspectedFile/reading``): screenshots and
    ///     scans by OCR, PDFs by their text layer, chat and bill exports by their structure; nil
    ///     (the default) reads nothing and roles come from metadata and names only.
    ///   - progress: called after each file.
    /// - Returns: one ``InspectedFile`` per file found, in walk order.
    /// - Throws: ``InspectionError`` for a path that does not exist or a missing libmagic database.
    public static func inspect(paths: [String], limits: InspectionLimits = InspectionLimits(),
                               jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                               describing: Bool = true, reading: ReadingOptions? = nil,
                               progress: Progress? = nil) throws -> [InspectedFile] {
        let items = try EvidenceWalker.items(for: paths)
        let targets = items.compactMap { item -> EvidencePath? in
            if case .file(let path) = item { return path }
            return nil
        }
        let inspected = try inspect(targets, limits: limits, jobs: jobs, describing: describing, reading: reading, progress: progress)
        var next = inspected.makeIterator()
        return items.map { item in
            switch item {
            case .file: next.next()!
            case .skipped(let file): file
            }
        }
    }

    /// Inspects regular files in parallel, keeping their order.
    /// - Parameters: as ``inspect(paths:limits:jobs:describing:reading:progress:)``, for files only.
    public static func inspectFiles(_ paths: [String], limits: InspectionLimits = InspectionLimits(),
                                    jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                                    describing: Bool = true, reading: ReadingOptions? = nil,
                                    progress: Progress? = nil) throws -> [InspectedFile] {
        try inspect(paths.map(EvidencePath.init), limits: limits, jobs: jobs, describing: describing, reading: reading, progress: progress)
    }

    /// - Parameters:
    ///   - makeInspector: how a worker makes its inspector (tests make it fail to start).
    ///   - makeReader: how a worker makes its reader (tests simulate missing language data).
    static func inspect(_ paths: [EvidencePath], limits: InspectionLimits, jobs: Int, describing: Bool,
                        reading: ReadingOptions? = nil, progress: Progress? = nil,
                        makeInspector: @Sendable (InspectionLimits, Bool) throws -> FileInspector = FileInspector.init,
                        makeReader: @escaping @Sendable (ReadingOptions) throws -> TextReader = { try TextReader(options: $0) }) throws -> [InspectedFile] {
        guard !paths.isEmpty else { return [] }
        _ = try TypeDetector()  // fail early and clearly when libmagic's database is missing
        let results = Mutex<[InspectedFile?]>(Array(repeating: nil, count: paths.count))
        let cursor = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let workers = max(1, min(jobs, paths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            guard let inspector = try? makeInspector(limits, describing) else { return }
            var pass = reading.map { ContentPass(options: $0, makeReader: makeReader) }
            while true {
                let index = cursor.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < paths.count else { return }
                var file = inspector.inspectFile(at: paths[index])
                if pass != nil {
                    pass!.read(&file, at: paths[index])
                } else {
                    ContentPass.assignRole(&file)
                }
                results.withLock { $0[index] = file }
                let finished = done.wrappingAdd(1, ordering: .relaxed).newValue
                progress?(finished, paths.count)
            }
        }
        return results.withLock { $0 }.enumerated().map { index, file in
            file ?? InspectedFile.notInspected(path: paths[index].display, reason: "no file inspector could be started")
        }
    }
}

/// One worker's reading: its ``TextReader`` (made when the first file needs it, kept for the
/// worker's files), which files to read, and how a reading turns into the file's role.
struct ContentPass {
    let options: ReadingOptions
    private var reader: TextReader?
    /// Why no OCR reader could be made (then PDFs are read by a text-layer-only reader).
    private var unavailable: ReadingError?
    private var triedReader = false
    private let makeReader: (ReadingOptions) throws -> TextReader

    init(options: ReadingOptions, makeReader: @escaping (ReadingOptions) throws -> TextReader = { try TextReader(options: $0) }) {
        self.options = options
        self.makeReader = makeReader
    }

    /// Sets the file's role from its name and metadata (no reading).
    static func assignRole(_ file: inout InspectedFile) {
        let assessment = RoleGuesser.assess(path: file.path, kind: file.kind, metadata: file.metadata, reading: file.reading)
        file.roleAssessment = assessment
        file.suggestedRole = assessment.role
    }

    /// Reads what `file` says when it is worth reading, then sets its role.
    mutating func read(_ file: inout InspectedFile, at path: EvidencePath) {
        defer { Self.assignRole(&file) }
        guard file.status == .ok, file.size > 0 else { return }
        let isPDF = file.mimeType == "application/pdf"
        let camera = file.metadata.cameraModel != nil || file.metadata.captureTime != nil
        let isImage = file.kind == .image && !isPDF && !camera
        let isText = file.kind == .text
        guard isPDF || isImage || isText else { return }
        guard path.isUTF8 else { return }  // the reader opens by name; such names are already flagged
        let name = path.display
        if isText {
            readExport(&file, path: name)
            return
        }
        if isImage && !options.ocr { return }
        let reader = textReader()
        if let unavailable, isImage || reader == nil {
            // Never a silent pass: the file needed reading and could not be read.
            Self.add(Finding(code: "reading.unavailable", severity: .warning, message: Self.unavailableMessage(unavailable, path: name)), to: &file)
            return
        }
        guard let reader else { return }
        do {
            if let text = try reader.read(path: name, file: file) {
                file.reading = ContentInterpreter.interpret(text)
            }
        } catch let error as ReadingError {
            Self.add(Self.finding(for: error), to: &file)
        } catch {
            Self.add(Finding(code: ReadingError.Code.fileUnreadable.rawValue, severity: .warning,
                             message: ReadingError(.fileUnreadable, path: name, detail: "\(error)").message), to: &file)
        }
    }

    private mutating func readExport(_ file: inout InspectedFile, path: String) {
        guard let handle = ByteFile(path: path) else {
            Self.add(Self.finding(for: ReadingError(.fileUnreadable, path: path, detail: String(cString: strerror(errno)))), to: &file)
            return
        }
        let bytes = handle.read(at: 0, count: ContentInterpreter.maxExportBytes + 1)
        file.reading = ContentInterpreter.readExport(bytes: bytes, name: file.name)
    }

    /// The worker's reader; when OCR cannot start, a text-layer-only one (PDFs) and the reason kept.
    private mutating func textReader() -> TextReader? {
        if triedReader { return reader }
        triedReader = true
        do {
            reader = try makeReader(options)
        } catch let error as ReadingError {
            unavailable = error
            var textOnly = options
            textOnly.ocr = false
            reader = try? TextReader(options: textOnly)
        } catch {
            unavailable = ReadingError(.ocrUnavailable, path: nil, detail: "\(error)")
        }
        return reader
    }

    static func unavailableMessage(_ error: ReadingError, path: String) -> LocalizedText {
        let m = error.message
        return LocalizedText(zh: "\(path)：未读取其中的文字，角色只能按文件名判断。\(m.zh)",
                             en: "\(path): its text was not read, so its role is guessed from its name only. \(m.en)")
    }

    /// A reading error as a finding on the file: never an error (the file itself is intact).
    static func finding(for error: ReadingError) -> Finding {
        let severity: Finding.Severity = switch error.code {
        case .imageTooLarge, .fileTooLarge, .imageFormatUnsupported: .info
        case .ocrUnavailable, .imageUnreadable, .pdfUnreadable, .pdfEncrypted, .fileUnreadable: .warning
        }
        return Finding(code: error.code.rawValue, severity: severity, message: error.message)
    }

    /// Adds a finding, keeping the most serious first (and the order among equals).
    static func add(_ finding: Finding, to file: inout InspectedFile) {
        let at = file.findings.firstIndex { $0.severity < finding.severity } ?? file.findings.count
        file.findings.insert(finding, at: at)
    }
}
