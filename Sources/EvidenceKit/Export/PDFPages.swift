internal import CPoppler

/// A PDF evidence file opened with poppler-glib, whose pages are drawn as they are (vectors,
/// text and images) onto the evidence PDF's cairo context (``EvidencePDF``).
final class PDFPages {
    private let document: OpaquePointer

    /// Opens `bytes`; nil with poppler's words when the file cannot be opened (damaged, encrypted).
    static func open(_ bytes: [UInt8]) -> Result<PDFPages, PlatformImages.Failure> {
        _ = PDFText.quietLogs
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return .failure(.init(reason: "empty file")) }
            let gbytes = g_bytes_new(base, gsize(buffer.count))  // a copy, owned by the document
            defer { g_bytes_unref(gbytes) }
            var error: UnsafeMutablePointer<GError>? = nil
            guard let document = poppler_document_new_from_bytes(gbytes, nil, &error) else {
                let message = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
                if error != nil { g_error_free(error) }
                return .failure(.init(reason: message))
            }
            return .success(PDFPages(document))
        }
    }

    private init(_ document: OpaquePointer) { self.document = document }

    deinit { g_object_unref(UnsafeMutableRawPointer(document)) }

    var count: Int { Int(poppler_document_get_n_pages(document)) }

    /// The size of page `index` in points.
    func size(_ index: Int) -> (width: Double, height: Double) {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return (595.28, 841.89) }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        return (width > 1 && width < 14_400 ? width : 595.28, height > 1 && height < 14_400 ? height : 841.89)
    }

    /// Draws page `index` onto `context` (a cairo_t) at the origin, in points.
    func render(_ index: Int, on context: OpaquePointer) {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        poppler_page_render_for_printing(page, context)
    }
}
