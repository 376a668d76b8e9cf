internal import CTesseract
internal import Crypto
import Foundation

/// One Tesseract instance (chi_sim+eng), loaded once and reused for every image. Not
/// thread-safe: one per worker thread (``TextReader`` owns one).
final class OCREngine {
    private let api: OpaquePointer
    let preparation: ImagePreparation
    /// e.g. "tesseract 5.3.0 chi_sim+eng".
    let engineName: String
    /// SHA-256 (first 16 hex digits) of the language data files loaded: a new data package
    /// invalidates cached results.
    let languageDataDigest: String
    /// How many images this engine recognised (tests prove cache hits with it).
    private(set) var recognitions = 0

    static let languages = "chi_sim+eng"

    /// Most seconds one image may take; Tesseract stops at the deadline and the result is
    /// marked truncated.
    static let deadlineMilliseconds: Int32 = 30_000

    init(preparation: ImagePreparation) throws {
        OCREngine.prepareProcess()
        guard let api = TessBaseAPICreate() else {
            throw ReadingError(.ocrUnavailable, path: nil, detail: "TessBaseAPICreate failed")
        }
        // Silence Tesseract's own messages (resolution estimates, warnings) on stderr.
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        if TessBaseAPIInit3(api, nil, OCREngine.languages) != 0 {
            TessBaseAPIDelete(api)
            throw ReadingError(.ocrUnavailable, path: nil,
                               detail: "Tesseract language data \(OCREngine.languages) not found")
        }
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        self.api = api
        self.preparation = preparation
        languageDataDigest = OCREngine.digest(ofLanguageDataIn: TessBaseAPIGetDatapath(api).map { String(cString: $0) } ?? "")
        engineName = "tesseract \(String(cString: TessVersion())) \(OCREngine.languages)"
    }

    deinit {
        TessBaseAPIEnd(api)
        TessBaseAPIDelete(api)
    }

    /// How rendered PDF pages are prepared: already at 200 dpi (no scaling), automatic layout
    /// within one column.
    var pagePreparation: ImagePreparation {
        var page = preparation
        page.targetWidth = 0
        page.pageSegmentation = 4
        return page
    }

    /// Recognises the text of `image` (already decoded); returns the lines and whether the
    /// deadline cut recognition short, or nil when Leptonica could not prepare the image.
    func recognise(_ image: LeptImage, preparation: ImagePreparation? = nil) -> (lines: [String], truncated: Bool)? {
        let preparation = preparation ?? self.preparation
        guard let prepared = image.prepared(preparation) else { return nil }
        recognitions += 1
        TessBaseAPISetPageSegMode(api, TessPageSegMode(rawValue: UInt32(preparation.pageSegmentation)))
        TessBaseAPISetImage2(api, prepared.pix)
        TessBaseAPISetSourceResolution(api, 200)
        guard let monitor = TessMonitorCreate() else { return nil }
        defer { TessMonitorDelete(monitor) }
        TessMonitorSetDeadlineMSecs(monitor, OCREngine.deadlineMilliseconds)
        let status = TessBaseAPIRecognize(api, monitor)
        // Recognize returns non-zero when the deadline (or another stop) ended it; the text
        // recognised so far is still there.
        let truncated = status != 0
        guard let text = TessBaseAPIGetUTF8Text(api) else {
            TessBaseAPIClear(api)
            return ([], truncated)
        }
        let lines = TextLines.normalise(String(cString: text))
        TessDeleteText(text)
        TessBaseAPIClear(api)
        return (lines, truncated)
    }

    private static let digestLock = NSLock()
    nonisolated(unsafe) private static var digests: [String: String] = [:]

    /// The digest of chi_sim and eng traineddata in `datapath` (computed once per process).
    private static func digest(ofLanguageDataIn datapath: String) -> String {
        digestLock.lock()
        defer { digestLock.unlock() }
        if let known = digests[datapath] { return known }
        var hasher = SHA256()
        for language in languages.split(separator: "+") {
            let file = (datapath.hasSuffix("/") ? datapath : datapath + "/") + language + ".traineddata"
            if let handle = ByteFile(path: file) {
                var offset: UInt64 = 0
                while offset < handle.size {
                    let chunk = handle.read(at: offset, count: 1 << 20)
                    if chunk.isEmpty { break }
                    hasher.update(data: chunk)
                    offset += UInt64(chunk.count)
                }
            }
            hasher.update(data: Array(language.utf8))
        }
        let digest = hasher.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
        digests[datapath] = digest
        return digest
    }

    // MARK: Process-wide set-up (once)

    private static let processSetUp: Void = {
        // Leptonica writes its errors to stderr; we report our own (ReadingError).
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
        limitOpenMP()
    }()

    static func prepareProcess() { _ = processSetUp }

    /// Debian's Tesseract is built with OpenMP (libgomp) and runs parts of its LSTM with
    /// `#pragma omp parallel for num_threads(...)`. We already run one Tesseract per worker
    /// thread on every core, so its own threads only oversubscribe the CPU (measured here: 2
    /// OpenMP threads under load made one image take 30 s instead of 2). `OMP_THREAD_LIMIT=1`
    /// cannot be set from inside the process (libgomp reads it when it is loaded, before main),
    /// and `omp_set_num_threads` does not override a `num_threads` clause; setting the maximum
    /// number of active parallel levels to 0 does: every parallel region then runs on the
    /// calling thread alone. It is a process-wide OpenMP setting, called through dlsym so that
    /// a Tesseract built without OpenMP needs nothing.
    private static func limitOpenMP() {
        guard let handle = dlopen(nil, RTLD_NOW) else { return }
        defer { dlclose(handle) }
        if let symbol = dlsym(handle, "omp_set_max_active_levels") {
            typealias SetLevels = @convention(c) (Int32) -> Void
            unsafeBitCast(symbol, to: SetLevels.self)(0)
        }
    }
}
