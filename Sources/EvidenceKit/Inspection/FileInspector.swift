internal import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Inspects evidence files. Each file is read exactly once, in chunks: the first chunk feeds
/// libmagic, every chunk feeds SHA-256 and the format's integrity check (and, when a caller
/// asks, its own consumer, e.g. an archive writer). Memory stays flat whatever the file size.
///
/// An inspector owns a libmagic cookie and must stay on one thread; ``Inspection/inspect(paths:limits:jobs:describing:)``
/// makes one per worker.
public final class FileInspector {
    private let detector: TypeDetector
    private let limits: InspectionLimits
    private let describing: Bool
    private var buffer: UnsafeMutableRawBufferPointer

    /// Creates an inspector.
    /// - Parameters:
    ///   - limits: bounds that keep hostile files cheap.
    ///   - describing: fill ``InspectedFile/description`` with libmagic's description (a second
    ///     libmagic query per file); when false it stays empty. Type, kind, status and role do
    ///     not depend on it.
    /// - Throws: ``InspectionError`` when libmagic's database is missing.
    public init(limits: InspectionLimits = InspectionLimits(), describing: Bool = true) throws {
        detector = try TypeDetector()
        self.limits = limits
        self.describing = describing
        buffer = .allocate(byteCount: limits.chunkSize, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Files at least this large are hashed on a second thread.
    static let pipelineThreshold = 4 << 20
    private var pipeline: HashingPipeline?

    private func hashingPipeline() -> HashingPipeline {
        if let pipeline { return pipeline }
        let created = HashingPipeline(slotCount: 4, slotSize: limits.chunkSize)
        pipeline = created
        return created
    }

    /// Inspects one regular file.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - displayPath: the path to report (defaults to `path`).
    ///   - consumer: called with every chunk, in order, after it has been hashed and checked.
    /// - Returns: the inspection; unreadable files give a value with status `unreadable`.
    public func inspectFile(at path: String, displayPath: String? = nil,
                            consumer: ((UnsafeRawBufferPointer) throws -> Void)? = nil) rethrows -> InspectedFile {
        try inspectFile(opening: { open(path, Self.openFlags) }, shown: displayPath ?? path, consumer: consumer)
    }

    /// Inspects a file whose name may not be valid UTF-8 (found while walking a folder).
    func inspectFile(at path: EvidencePath) -> InspectedFile {
        var file = inspectFile(opening: { path.open(flags: Self.openFlags) }, shown: path.display, consumer: nil)
        if !path.isUTF8 {
            file.findings.append(.nameNotUTF8(shown: path.display))
            file.findings.sort { $0.severity > $1.severity }
        }
        return file
    }

    private static let openFlags = O_RDONLY | O_CLOEXEC | O_NONBLOCK

    private func inspectFile(opening openFile: () -> Int32, shown: String,
                             consumer: ((UnsafeRawBufferPointer) throws -> Void)?) rethrows -> InspectedFile {
        var file = InspectedFile.placeholder(path: shown)
        let descriptor = openFile()
        guard descriptor >= 0 else {
            file.status = .unreadable
            file.findings = [.unreadable(path: shown, reason: String(cString: strerror(errno)))]
            return file
        }
        defer { close(descriptor) }
        var before = stat()
        guard fstat(descriptor, &before) == 0, before.st_mode & S_IFMT == S_IFREG else {
            file.status = .unreadable
            file.findings = [.notRegularFile(path: shown)]
            return file
        }
        file.modificationTime = Double(before.st_mtim.tv_sec) + Double(before.st_mtim.tv_nsec) / 1e9

        // Large files hash on a second thread while this one reads, checks (and archives).
        let pipeline: HashingPipeline? = before.st_size >= Self.pipelineThreshold ? hashingPipeline() : nil
        var hasher = SHA256()
        var size: UInt64 = 0
        var checker: ContentChecker?
        var detection: TypeDetector.Detection?
        var readError: Int32?
        defer { if let pipeline, file.sha256.isEmpty { _ = pipeline.finishFile() } }
        while true {
            let target = pipeline?.nextBuffer() ?? buffer
            let count = read(descriptor, target.baseAddress, target.count)
            if count < 0 {
                pipeline?.submit(0)
                if errno == EINTR { continue }
                readError = errno
                break
            }
            let chunk = UnsafeRawBufferPointer(rebasing: target[0..<count])
            if let pipeline { pipeline.submit(count) } else { hasher.update(bufferPointer: chunk) }
            if detection == nil {
                let found = detector.detect(chunk, describing: describing)
                detection = found
                checker = makeChecker(for: found.mimeType, expectedSize: UInt64(max(before.st_size, 0)))
            }
            if count == 0 { break }
            size += UInt64(count)
            checker?.consume(chunk)
            try consumer?(chunk)
        }
        if let readError {
            file.status = .unreadable
            file.findings = [.unreadable(path: shown, reason: String(cString: strerror(readError)))]
            return file
        }
        var after = stat()
        fstat(descriptor, &after)
        let digest = pipeline?.finishFile() ?? hasher.finalize()
        file.sha256 = hexString(digest)  // String(format:) per byte cost ~6% of inspecting small files
        var outcome = checker?.finish(size: size) ?? CheckOutcome()
        if size != UInt64(before.st_size) || after.st_size != before.st_size
            || after.st_mtim.tv_sec != before.st_mtim.tv_sec || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec {
            outcome.findings.append(.changedWhileReading(path: shown))
        }
        Self.conclude(&file, size: size, detection: detection, outcome: outcome, describing: describing)
        file.suggestedRole = RoleGuesser.guess(path: shown, kind: file.kind, metadata: file.metadata)
        return file
    }

    /// Fills in what the content says once a file has streamed past: type and kind from the
    /// detection, the checker's findings and metadata, the type findings (extension, executable,
    /// archive) and the status. Shared with `verify`, which reads payload files the same way.
    static func conclude(_ file: inout InspectedFile, size: UInt64, detection: TypeDetector.Detection?,
                         outcome: CheckOutcome, describing: Bool) {
        var outcome = outcome
        file.size = size
        file.mimeType = detection?.mimeType ?? "application/octet-stream"
        file.description = detection?.description ?? (describing ? "data" : "")
        file.kind = ContentType.kind(for: file.mimeType)
        if size == 0 { outcome.findings.append(.emptyFile) }
        file.metadata = outcome.metadata
        if let unfinished = outcome.unfinished { outcome.findings.append(unfinished.finding(name: file.name)) }
        if file.kind == .archive, outcome.metadata.isOFD == true { file.kind = .document }
        file.findings = outcome.findings + typeFindings(for: file)
        file.findings += Credibility.findings(for: file)
        file.findings.sort { $0.severity > $1.severity }
        file.status = status(of: file)
    }

    private func makeChecker(for mime: String, expectedSize: UInt64) -> ContentChecker? {
        ContentType.makeChecker(ContentType.check(for: mime), limits: limits, expectedSize: expectedSize)
    }

    private static func typeFindings(for file: InspectedFile) -> [Finding] {
        var findings: [Finding] = []
        let ext = (file.name as NSString).pathExtension
        let unrecognized = file.mimeType == "application/octet-stream"
        if file.size > 0, let expected = ContentType.expectedTypes(forExtension: ext), !expected.contains(file.mimeType) {
            findings.append(unrecognized
                ? .unrecognizedContent(name: file.name, ext: ext)
                : .extensionMismatch(name: file.name, ext: ext, mime: file.mimeType))
        } else if file.size > 0 && unrecognized {
            findings.append(.unknownContent(name: file.name))
        }
        switch file.kind {
        case .executable: findings.append(.executable(mime: file.mimeType))
        case .archive: findings.append(.archiveNotAccepted(mime: file.mimeType))
        default: break
        }
        return findings
    }

    private static func status(of file: InspectedFile) -> InspectedFile.Status {
        // A check that could not run or finish knows nothing about the file: never "ok".
        let unchecked: Set<String> = ["file.changed-while-reading", "check.not-run", "check.work-limit"]
        if file.findings.contains(where: { unchecked.contains($0.code) }) { return .unreadable }
        if file.kind == .executable || file.kind == .archive { return .unacceptable }
        if file.findings.contains(where: { $0.severity == .error }) { return .corrupt }
        return .ok
    }
}

extension InspectedFile {
    /// The value a file starts from before it is read: not yet known, so not "ok" (status
    /// `unreadable` until the inspection concludes).
    static func placeholder(path: String) -> InspectedFile {
        let name = (path as NSString).lastPathComponent
        return InspectedFile(
            path: path, name: name, hidden: name.hasPrefix("."), size: 0, sha256: "",
            mimeType: "", description: "", kind: .other, status: .unreadable, findings: [],
            metadata: FileMetadata(), suggestedRole: .other, modificationTime: 0)
    }

    /// A file no inspector could be made for (libmagic could not start on any worker): it was
    /// never read, and says so with `check.not-run`.
    static func notInspected(path: String, reason: String) -> InspectedFile {
        var file = placeholder(path: path)
        file.findings = [UnfinishedCheck.notRun(format: "type and integrity", reason: reason).finding(name: path)]
        return file
    }
}
