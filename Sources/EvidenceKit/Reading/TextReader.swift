internal import CTesseract
internal import Crypto
import Foundation

/// Reads text from images (OCR) and PDFs (text layer, OCR for scanned pages). Not thread-safe:
/// one per worker thread; creating one loads the language data once.
///
/// - Images (PNG, JPEG, WebP, GIF, TIFF, BMP) are decoded by Leptonica after their header says
///   they are at most ``maxImagePixels`` pixels (a bigger one is refused without being decoded),
///   turned grey, scaled to half a phone screenshot's width, inverted when dark (dark mode) and
///   recognised by Tesseract 5 (chi_sim+eng), with a deadline per image.
/// - PDFs: poppler's text layer of the first ``ReadingOptions/maxPDFPages`` pages; pages without
///   one are rendered at 200 dpi and recognised.
/// - Results are cached by content (see ``ReadingOptions/cache``): reading the same bytes again
///   costs a file read and a SHA-256.
///
/// Tesseract's own OpenMP threads are turned off for the whole process when the first reader is
/// made (parallelism comes from one reader per worker thread).
public final class TextReader {
    /// The options this reader was made with.
    public let options: ReadingOptions
    /// Images with more pixels than this are refused (``ReadingError/Code/imageTooLarge``).
    public static let maxImagePixels = 40_000_000
    /// Images wider or taller than this are refused.
    public static let maxImageSide = 30_000
    /// Image files larger than this are refused.
    public static let maxImageBytes: UInt64 = 64 << 20
    /// PDF files larger than this are refused.
    public static let maxPDFBytes: UInt64 = 256 << 20

    private let ocr: OCREngine?
    private let cache: ReadCache?
    private let recipe: String
    private var storesSinceEviction = 0

    /// Loads the OCR engine with Chinese and English data (not when ``ReadingOptions/ocr`` is off).
    /// - Throws: ``ReadingError`` (``ReadingError/Code/ocrUnavailable``) when Tesseract or its
    ///   language data is missing.
    public convenience init(options: ReadingOptions = ReadingOptions()) throws {
        try self.init(options: options, preparation: ImagePreparation())
    }

    /// A reader with another image preparation (benchmarks compare them).
    @_spi(Bench) public init(options: ReadingOptions, preparation: ImagePreparation) throws {
        self.options = options
        if options.ocr {
            let engine = try OCREngine(preparation: preparation)
            ocr = engine
            recipe = "ocr=\(engine.engineName);data=\(engine.languageDataDigest);prep=v\(ImagePreparation.version),\(preparation.cacheTag);pdf=\(PDFText.engineName),pages=\(options.maxPDFPages)"
        } else {
            ocr = nil
            recipe = "ocr=off;pdf=\(PDFText.engineName),pages=\(options.maxPDFPages)"
        }
        cache = options.cache ? ReadCache(directory: options.cacheDirectory) : nil
    }

    /// How many images (or scanned PDF pages) this reader gave to Tesseract; cache hits add none.
    @_spi(Bench) public var recognitions: Int { ocr?.recognitions ?? 0 }

    /// Reads the text of `path`.
    /// - Parameters:
    ///   - path: the file.
    ///   - file: the inspection result of the same path (kind, mimeType, sha256, metadata).
    /// - Returns: nil when the file has no text to read by this reader (not an image or PDF; or
    ///   an image while OCR is off).
    /// - Throws: ``ReadingError`` naming the file (too large, undecodable, damaged or encrypted PDF).
    public func read(path: String, file: InspectedFile) throws -> ReadText? {
        let isPDF = file.mimeType == "application/pdf"
        let isImage = !isPDF && file.kind == .image
        guard isPDF || (isImage && ocr != nil) else { return nil }
        let limit = isPDF ? TextReader.maxPDFBytes : TextReader.maxImageBytes
        guard let handle = ByteFile(path: path) else {
            throw ReadingError(.fileUnreadable, path: path, detail: String(cString: strerror(errno)))
        }
        guard handle.size <= limit else {
            throw ReadingError(.fileTooLarge, path: path, detail: "\(handle.size) bytes, limit \(limit)")
        }
        let bytes = handle.read(at: 0, count: Int(handle.size))
        let key = ReadCache.key(content: bytes, recipe: recipe)
        if let cache, let cached = cache.lookup(key) { return cached }
        let text = isPDF
            ? try PDFText.read(bytes, path: path, maxPages: options.maxPDFPages, ocr: ocr)
            : try readImage(bytes, path: path, mimeType: file.mimeType)
        if let cache {
            cache.store(text, key: key)
            if storesSinceEviction % 256 == 0 { cache.evictIfNeeded() }
            storesSinceEviction += 1
        }
        return text
    }

    private func readImage(_ bytes: [UInt8], path: String, mimeType: String) throws -> ReadText {
        guard let ocr else { throw ReadingError(.ocrUnavailable, path: path, detail: "OCR is off") }
        guard let (width, height) = LeptImage.dimensions(bytes) else {
            throw ReadingError(.imageFormatUnsupported, path: path, detail: mimeType)
        }
        guard width <= TextReader.maxImageSide, height <= TextReader.maxImageSide,
              width * height <= TextReader.maxImagePixels else {
            throw ReadingError(.imageTooLarge, path: path,
                               detail: "\(width)x\(height) pixels, limit \(TextReader.maxImagePixels / 1_000_000) million")
        }
        guard let image = LeptImage.decode(bytes) else {
            throw ReadingError(.imageUnreadable, path: path, detail: "Leptonica could not decode \(mimeType)")
        }
        guard let (lines, truncated) = ocr.recognise(image) else {
            throw ReadingError(.imageUnreadable, path: path, detail: "the image could not be prepared for recognition")
        }
        return ReadText(source: .ocr, lines: lines, engine: ocr.engineName, truncated: truncated)
    }
}
