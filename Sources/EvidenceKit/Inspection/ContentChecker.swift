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

    /// The defaults: 100 megapixels, 64 MiB, 1 MiB reads.
    public init(maxPixels: UInt64 = 100_000_000, maxBufferedBytes: Int = 64 << 20, chunkSize: Int = 1 << 20) {
        self.maxPixels = maxPixels
        self.maxBufferedBytes = maxBufferedBytes
        self.chunkSize = chunkSize
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
