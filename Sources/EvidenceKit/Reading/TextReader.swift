/// Reads text from images (OCR) and PDFs (text layer, OCR for scanned pages). Not thread-safe:
/// one per worker thread; creating one loads the language data once.
///
/// The engine is being built (issue 12); until it lands, ``init(options:)`` throws
/// ``ReadingError/Code/ocrUnavailable`` and ``read(path:file:)`` returns nil.
public final class TextReader {
    /// The options this reader was made with.
    public let options: ReadingOptions

    /// Loads the OCR engine with Chinese and English data.
    /// - Throws: ``ReadingError`` (``ReadingError/Code/ocrUnavailable``) when Tesseract or its
    ///   language data is missing.
    public init(options: ReadingOptions = ReadingOptions()) throws {
        self.options = options
        throw ReadingError(.ocrUnavailable, path: nil, detail: "the reading engine is not built yet")
    }

    /// Reads the text of `path`.
    /// - Parameters:
    ///   - path: the file.
    ///   - file: the inspection result of the same path (kind, mimeType, sha256, metadata).
    /// - Returns: nil when the file has no text to read by this reader (not an image or PDF).
    /// - Throws: ``ReadingError`` naming the file (too large, undecodable, damaged or encrypted PDF).
    public func read(path: String, file: InspectedFile) throws -> ReadText? {
        nil
    }
}
