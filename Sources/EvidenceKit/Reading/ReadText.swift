/// Text read from a file's content, in reading order.
public struct ReadText: Sendable, Codable, Hashable {
    /// Where the text came from.
    public enum Source: String, Sendable, Codable {
        /// OCR of an image.
        case ocr
        /// The text layer of a PDF.
        case pdfText = "pdf-text"
        /// OCR of PDF pages that have no text layer (scans), possibly mixed with text-layer pages.
        case pdfOCR = "pdf-ocr"
    }

    /// Where the text came from.
    public var source: Source
    /// Non-empty lines, trimmed, in reading order (top to bottom).
    public var lines: [String]
    /// e.g. "tesseract 5.3.0 chi_sim+eng" or "poppler 22.02.0".
    public var engine: String
    /// True when a bound (pages, pixels, time budget) cut the reading short.
    public var truncated: Bool

    /// Creates a result.
    public init(source: Source, lines: [String], engine: String, truncated: Bool) {
        self.source = source
        self.lines = lines
        self.engine = engine
        self.truncated = truncated
    }
}

/// How a ``TextReader`` reads.
public struct ReadingOptions: Sendable {
    /// False: PDFs still give their text layer; images give nil.
    public var ocr: Bool = true
    /// Whether results are looked up in and stored into the cache (see ``TextReader``).
    public var cache: Bool = true
    /// The cache folder; nil: `$XDG_CACHE_HOME/evidence`, or `~/.cache/evidence`.
    public var cacheDirectory: String? = nil
    /// The most PDF pages read (text layer or OCR); later pages are skipped and the result is
    /// marked `truncated`.
    public var maxPDFPages: Int = 3

    /// The defaults: OCR on, cache on in the user's cache folder, 3 PDF pages.
    public init() {}
}
