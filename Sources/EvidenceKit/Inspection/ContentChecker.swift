/// A format-specific integrity and metadata check that sees a file's bytes exactly once, as
/// they stream past during inspection.
protocol ContentChecker: AnyObject {
    /// Takes the next chunk of the file.
    func consume(_ chunk: UnsafeRawBufferPointer)
    /// Ends the file and gives the verdict.
    func finish(size: UInt64) -> CheckOutcome
}

/// What a ``ContentChecker`` concluded.
struct CheckOutcome {
    var findings: [Finding] = []
    var metadata = FileMetadata()
    /// Set when the check gave no verdict: it could not start, or its work budget ran out.
    /// ``FileInspector`` turns it into a finding that names the file and a non-ok status.
    var unfinished: UnfinishedCheck?

    /// The codes of the findings, the unfinished check's included (the fuzz entry's verdict).
    var codes: [String] { findings.map(\.code) + (unfinished.map { [$0.code] } ?? []) }
}

/// A check that could not give its verdict. Either way nothing is known about the file's
/// integrity, so it must never count as "ok".
enum UnfinishedCheck: Sendable, Hashable {
    /// The checker could not start (out of memory, the C library refused to initialise).
    case notRun(format: String, reason: String)
    /// The decoder stopped when the file's work budget ran out (``InspectionLimits``): too many
    /// scans, frames, objects or boxes for what the file's size pays for.
    case workLimit(format: String, detail: String)

    var code: String {
        switch self {
        case .notRun: "check.not-run"
        case .workLimit: "check.work-limit"
        }
    }

    /// The finding for the file called `name`.
    func finding(name: String) -> Finding {
        switch self {
        case .notRun(let format, let reason):
            .error("check.not-run",
                   zh: "\(name)：\(format) 完整性检查未能运行（\(reason)），无法判断文件是否完好，因此不能计为有效证据。请稍后重试；若仍如此，请在内存更充足的机器上检查。",
                   en: "\(name): the \(format) integrity check could not run (\(reason)), so whether the file is intact is unknown and it cannot count as evidence. Try again; if it persists, check it on a machine with more free memory.")
        case .workLimit(let format, let detail):
            .error("check.work-limit",
                   zh: "\(name)：\(format) 解码工作量超出上限（\(detail)），检查已停止，文件是否完好未知，因此不能计为有效证据。正常的照片和截图不会这样；请从原始来源重新导出（例如另存为普通 JPEG 或 PNG，或重新截图）。",
                   en: "\(name): decoding this \(format) would take more work than allowed (\(detail)); the check was stopped, so whether the file is intact is unknown and it cannot count as evidence. Normal photos and screenshots never do this: export it again from the original (save it as a plain JPEG or PNG, or take the screenshot again).")
        }
    }
}

/// Limits that keep inspection bounded on hostile files.
public struct InspectionLimits: Sendable, Hashable {
    /// Images with more pixels than this are refused as "too large to check" (decompression bombs).
    public var maxPixels: UInt64
    /// Files checked as a whole (JPEG, HEIC, PDF, zip) are held in memory up to this size;
    /// larger ones get only the streaming checks.
    public var maxBufferedBytes: Int
    /// Size of each read.
    public var chunkSize: Int
    /// The decoding work every file may cost, in pixels decoded (a JPEG scan counts the pixels
    /// of the components it covers again, an animation counts every frame; a PNG counts the bytes
    /// of image data it inflates). A file may spend this plus ``workPerByte`` for each of its
    /// bytes; past that its check stops with `check.work-limit` (an animated WebP decodes only
    /// its first frames, `image.frames-not-decoded`). So a small file cannot cost seconds of CPU.
    public var maxWork: UInt64
    /// The decoding work each byte of a file pays for (see ``maxWork``).
    public var workPerByte: UInt64
    /// JPEG: the most progressive scans read (libjpeg-turbo's TurboJPEG refuses more than 500;
    /// encoders write about 10).
    public var maxJPEGScans: UInt32
    /// GIF and WebP: the most frames in one animation.
    public var maxFrames: UInt32
    /// PDF: the most objects (the trailer's `/Size`) and pages qpdf is asked to resolve.
    public var maxPDFObjects: UInt32
    /// PDF: the most pages (the page tree's `/Count`, then the pages walked).
    public var maxPDFPages: UInt32
    /// MP4/MOV/HEIF: the most boxes read at one level of the box tree.
    public var maxBoxes: Int

    /// The defaults: 100 megapixels, 64 MiB, 1 MiB reads; 400 million pixels of work plus 64 per
    /// byte, 500 JPEG scans, 10,000 frames, 1,000,000 PDF objects, 100,000 PDF pages and 100,000
    /// boxes per level.
    public init(maxPixels: UInt64 = 100_000_000, maxBufferedBytes: Int = 64 << 20, chunkSize: Int = 1 << 20,
                maxWork: UInt64 = 400_000_000, workPerByte: UInt64 = 64, maxJPEGScans: UInt32 = 500,
                maxFrames: UInt32 = 10_000, maxPDFObjects: UInt32 = 1_000_000, maxPDFPages: UInt32 = 100_000,
                maxBoxes: Int = 100_000) {
        self.maxPixels = maxPixels
        self.maxBufferedBytes = maxBufferedBytes
        self.chunkSize = chunkSize
        self.maxWork = maxWork
        self.workPerByte = workPerByte
        self.maxJPEGScans = maxJPEGScans
        self.maxFrames = maxFrames
        self.maxPDFObjects = maxPDFObjects
        self.maxPDFPages = maxPDFPages
        self.maxBoxes = maxBoxes
    }
}

/// A check that needs the whole file in memory (a decoder or parser over the bytes: JPEG,
/// HEIF, PDF, zip, WebP, GIF). The file is kept as it streams past, up to
/// ``InspectionLimits/maxBufferedBytes``; a larger file gets only the streaming checks
/// (``partialCheck(size:)``, which reports `check.partial`) and the whole-file check
/// (``fullCheck(size:)``, over ``buffer``) otherwise. Subclasses override `fullCheck`, and
/// `streamed` and `partialCheck` when they keep streaming state (e.g. a head or tail window).
class WholeFileChecker: ContentChecker {
    let limits: InspectionLimits
    private(set) var buffer: BoundedBuffer

    /// - Parameters:
    ///   - limits: the inspection limits (buffer size, pixel count).
    ///   - expectedSize: the file's size when known, to reserve the buffer once.
    init(limits: InspectionLimits, expectedSize: UInt64 = 0) {
        self.limits = limits
        buffer = BoundedBuffer(limit: limits.maxBufferedBytes, expectedSize: expectedSize)
    }

    final func consume(_ chunk: UnsafeRawBufferPointer) {
        buffer.append(chunk)
        streamed(chunk)
    }

    final func finish(size: UInt64) -> CheckOutcome {
        buffer.overflowed ? partialCheck(size: size) : fullCheck(size: size)
    }

    /// Sees every chunk too (after it was kept); for streaming state.
    func streamed(_ chunk: UnsafeRawBufferPointer) {}

    /// The verdict when the file was too large to keep: `check.partial`, plus what the
    /// subclass's streaming state can tell.
    func partialCheck(size: UInt64) -> CheckOutcome {
        CheckOutcome(findings: [.tooLargeForFullCheck(limits.maxBufferedBytes)])
    }

    /// The verdict over the whole file in ``buffer``.
    func fullCheck(size: UInt64) -> CheckOutcome {
        preconditionFailure("\(type(of: self)) must override fullCheck(size:)")
    }
}

/// Keeps a copy of the streamed bytes up to a limit, for checks that need the whole file.
struct BoundedBuffer {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    private(set) var overflowed = false

    /// - Parameters:
    ///   - limit: the most bytes kept; beyond it the buffer is dropped and `overflowed` set.
    ///   - expectedSize: the file's size when known (0 if not): memory for it is reserved at
    ///     once when it is within the limit, so that the copy is made once, not regrown.
    init(limit: Int, expectedSize: UInt64 = 0) {
        self.limit = limit
        if expectedSize > 0 && expectedSize <= UInt64(limit) { bytes.reserveCapacity(Int(expectedSize)) }
    }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        guard !overflowed else { return }
        if bytes.count + chunk.count > limit {
            overflowed = true
            bytes = []
            return
        }
        bytes.append(contentsOf: chunk)
    }
}

/// Keeps the last `capacity` bytes seen, for end-of-file markers.
struct TailWindow {
    let capacity: Int
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { self.capacity = capacity }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        if chunk.count >= capacity {
            bytes = Array(chunk[(chunk.count - capacity)...])
        } else {
            bytes.append(contentsOf: chunk)
            if bytes.count > capacity { bytes.removeFirst(bytes.count - capacity) }
        }
    }
}

extension Finding {
    static func tooLargeForFullCheck(_ limit: Int) -> Finding {
        .info("check.partial",
              zh: "文件超过 \(limit >> 20) MiB，只做了流式检查（类型、哈希、首尾结构）。",
              en: "The file is over \(limit >> 20) MiB: only streaming checks were made (type, hash, start and end structure).")
    }
}
