/// What a payload file's content turned out to be when `verify` read it: the same type
/// detection (libmagic on the first chunk) and the same integrity checkers as `inspect`
/// (``ContentType/makeChecker(_:limits:expectedSize:)``, bounded by ``InspectionLimits``),
/// fed from the one streaming pass that also hashes the file.
struct ObservedContent: Sendable, Hashable {
    /// libmagic's MIME type of the content.
    var mimeType: String
    var kind: MediaKind
    /// `ok`, `corrupt` or `unacceptable`, decided as `inspect` decides it.
    var status: InspectedFile.Status
    /// Codes of every finding, most serious first.
    var findings: [String]
    /// Codes of the error findings (why it is corrupt or unacceptable).
    var errors: [String]
    /// EXIF or container capture time, when the content has one.
    var captureTime: String?
}

/// Reads payload contents for one bundle (one libmagic cookie: one thread).
final class PayloadContentReader {
    private let detector: TypeDetector
    private let limits: InspectionLimits

    /// Nil when libmagic's database cannot be loaded (``unavailableReason`` says why).
    init?(limits: InspectionLimits = InspectionLimits()) {
        do {
            detector = try TypeDetector()
        } catch {
            return nil
        }
        self.limits = limits
    }

    /// libmagic's own words when its database cannot be loaded (nil when it can).
    static var unavailableReason: String? {
        do {
            _ = try TypeDetector()
            return nil
        } catch let error as InspectionError {
            return error.detail
        } catch {
            return "\(error)"
        }
    }

    /// A session for one file of (declared) `expectedSize` bytes named `path`.
    func start(path: String, expectedSize: UInt64?) -> Session {
        Session(reader: self, path: path, expectedSize: expectedSize ?? 0)
    }

    /// One file's reading: ``consume(_:)`` every chunk in order, then ``finish(size:)``.
    final class Session {
        private let reader: PayloadContentReader
        private let path: String
        private let expectedSize: UInt64
        private var detection: TypeDetector.Detection?
        private var checker: ContentChecker?

        fileprivate init(reader: PayloadContentReader, path: String, expectedSize: UInt64) {
            self.reader = reader
            self.path = path
            self.expectedSize = expectedSize
        }

        /// The next chunk; the first one decides the type (as `inspect`'s first read does).
        func consume(_ chunk: UnsafeRawBufferPointer) {
            if detection == nil { detect(chunk) }
            checker?.consume(chunk)
        }

        private func detect(_ chunk: UnsafeRawBufferPointer) {
            let found = reader.detector.detect(chunk, describing: false)
            detection = found
            checker = ContentType.makeChecker(ContentType.check(for: found.mimeType), limits: reader.limits, expectedSize: expectedSize)
        }

        /// The verdict on the file, `size` bytes long.
        func finish(size: UInt64) -> ObservedContent {
            if detection == nil {
                var empty: UInt8 = 0
                withUnsafeMutableBytes(of: &empty) { detect(UnsafeRawBufferPointer(rebasing: $0[0..<0])) }
            }
            let outcome = checker?.finish(size: size) ?? CheckOutcome()
            var file = InspectedFile.placeholder(path: path)
            FileInspector.conclude(&file, size: size, detection: detection, outcome: outcome, describing: false)
            return ObservedContent(mimeType: file.mimeType, kind: file.kind, status: file.status,
                                   findings: file.findings.map(\.code),
                                   errors: file.findings.filter { $0.severity == .error }.map(\.code),
                                   captureTime: file.metadata.captureTime)
        }
    }
}
