// Cairo (the image surface the scanned pages are rendered into) is declared by whichever C module
// Clang read cairo.h for first; CPangoCairo is named too so that a whole-module (release) build finds it.
internal import CPangoCairo
internal import CPoppler
internal import CTesseract
import Foundation

/// A PDF's text through poppler-glib: the text layer of the first pages, and pages without
/// one (scans) rendered through cairo and given to the OCR engine.
enum PDFText {
    /// Rendering resolution for OCR: 200 dpi puts 10-12 pt text at 28-33 px high.
    static let renderDPI = 200.0
    /// Most pixels of one rendered page (a huge page size is rendered at a lower resolution).
    static let maxRenderPixels = 25_000_000
    /// A page whose text layer has fewer characters than this is treated as a scan.
    static let minTextCharacters = 8

    /// "poppler 22.12.0".
    static var engineName: String { "poppler \(String(cString: poppler_get_version()))" }

    static let quietLogs: Void = {
        // poppler-glib reports syntax errors of damaged files through GLib's log; the caller
        // gets a ReadingError instead of stderr noise.
        _ = g_log_set_handler("Poppler", GLogLevelFlags(rawValue: -1), { _, _, _, _ in }, nil)
    }()

    /// Reads `bytes` (a PDF). `ocr` is nil when OCR is off: scanned pages then give no text.
    static func read(_ bytes: [UInt8], path: String, maxPages: Int, ocr: OCREngine?) throws -> ReadText {
        _ = quietLogs
        return try bytes.withUnsafeBufferPointer { buffer -> ReadText in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                throw ReadingError(.pdfUnreadable, path: path, detail: "empty file")
            }
            let gbytes = g_bytes_new_static(base, gsize(buffer.count))
            defer { g_bytes_unref(gbytes) }
            var error: UnsafeMutablePointer<GError>? = nil
            guard let document = poppler_document_new_from_bytes(gbytes, nil, &error) else {
                let message = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
                let encrypted = error.map { $0.pointee.domain == poppler_error_quark() && $0.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) } ?? false
                if error != nil { g_error_free(error) }
                throw ReadingError(encrypted ? .pdfEncrypted : .pdfUnreadable, path: path, detail: message)
            }
            defer { g_object_unref(UnsafeMutableRawPointer(document)) }
            let pageCount = Int(poppler_document_get_n_pages(document))
            var lines: [String] = []
            var truncated = pageCount > maxPages
            var usedOCR = false
            for index in 0..<min(pageCount, max(0, maxPages)) {
                guard let page = poppler_document_get_page(document, Int32(index)) else { continue }
                defer { g_object_unref(UnsafeMutableRawPointer(page)) }
                var pageLines: [String] = []
                pageLines = textRows(page)
                if pageLines.joined().count < minTextCharacters, let ocr, isScan(page) {
                    if let image = render(page) {
                        if let (ocrLines, cut) = ocr.recognise(image, preparation: ocr.pagePreparation) {
                            pageLines = ocrLines
                            truncated = truncated || cut
                            usedOCR = true
                        }
                    }
                }
                lines += pageLines
            }
            let engine = usedOCR ? "\(engineName) + \(ocr!.engineName)" : engineName
            return ReadText(source: usedOCR ? .pdfOCR : .pdfText, lines: lines, engine: engine, truncated: truncated)
        }
    }

    /// The page's text layer as visual rows, top to bottom. poppler orders text by blocks
    /// (a column of labels, then the column of their values); a receipt or bill reads as rows
    /// ("交易号 2026..."), as OCR gives them, so poppler's lines are regrouped: lines whose
    /// boxes overlap vertically by more than half form one row, ordered left to right.
    private static func textRows(_ page: OpaquePointer) -> [String] {
        guard let raw = poppler_page_get_text(page) else { return [] }
        defer { g_free(raw) }
        let text = String(cString: raw)
        var rects: UnsafeMutablePointer<PopplerRectangle>? = nil
        var count: guint = 0
        let hasLayout = poppler_page_get_text_layout(page, &rects, &count) != 0
        defer { if rects != nil { g_free(rects) } }
        let scalars = Array(text.unicodeScalars)
        guard hasLayout, let rects, Int(count) == scalars.count else { return TextLines.normalise(text) }
        struct Segment { var text: String; var top: Double; var bottom: Double; var left: Double }
        var segments: [Segment] = []
        var current = "", top = Double.infinity, bottom = -Double.infinity, left = Double.infinity
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, top.isFinite, bottom.isFinite { segments.append(Segment(text: trimmed, top: top, bottom: bottom, left: left)) }
            current = ""; top = .infinity; bottom = -.infinity; left = .infinity
        }
        for (i, scalar) in scalars.enumerated() {
            if scalar == "\n" { flush(); continue }
            current.unicodeScalars.append(scalar)
            if scalar.properties.isWhitespace { continue }
            let r = rects[i]
            top = min(top, min(r.y1, r.y2)); bottom = max(bottom, max(r.y1, r.y2)); left = min(left, min(r.x1, r.x2))
        }
        flush()
        // Rows: segments sorted by top, joined while they overlap the row vertically by half.
        var rows: [[Segment]] = []
        for segment in segments.sorted(by: { ($0.top, $0.left) < ($1.top, $1.left) }) {
            if let last = rows.last, let first = last.first {
                let rowTop = last.map(\.top).min()!, rowBottom = last.map(\.bottom).max()!
                let overlap = min(rowBottom, segment.bottom) - max(rowTop, segment.top)
                let smaller = min(rowBottom - rowTop, segment.bottom - segment.top)
                if smaller > 0, overlap > smaller / 2, first.text != segment.text || first.left != segment.left {
                    rows[rows.count - 1].append(segment)
                    continue
                }
            }
            rows.append([segment])
        }
        return rows.flatMap { row in
            TextLines.normalise(row.sorted { $0.left < $1.left }.map(\.text).joined(separator: "  "))
        }
    }

    /// Whether the page shows an image covering at least a quarter of it (what a scanned page
    /// is). Pages without text and without such an image (vector drawings, Type 3 glyphs) are
    /// not rendered: a crafted Type 3 font that draws itself keeps cairo busy for minutes.
    private static func isScan(_ page: OpaquePointer) -> Bool {
        var widthPt = 0.0, heightPt = 0.0
        poppler_page_get_size(page, &widthPt, &heightPt)
        guard widthPt > 0, heightPt > 0 else { return false }
        let mappings = poppler_page_get_image_mapping(page)
        defer { poppler_page_free_image_mapping(mappings) }
        var node = mappings
        while let current = node {
            if let mapping = current.pointee.data?.assumingMemoryBound(to: PopplerImageMapping.self) {
                let area = abs(mapping.pointee.area.x2 - mapping.pointee.area.x1) * abs(mapping.pointee.area.y2 - mapping.pointee.area.y1)
                if area >= widthPt * heightPt / 4 { return true }
            }
            node = current.pointee.next
        }
        return false
    }

    /// The page rendered on white at ``renderDPI`` (lower for huge pages), as a Leptonica image.
    private static func render(_ page: OpaquePointer) -> LeptImage? {
        var widthPt = 0.0, heightPt = 0.0
        poppler_page_get_size(page, &widthPt, &heightPt)
        guard widthPt > 0, heightPt > 0, widthPt.isFinite, heightPt.isFinite else { return nil }
        var scale = renderDPI / 72
        let pixels = widthPt * heightPt * scale * scale
        if pixels > Double(maxRenderPixels) { scale *= (Double(maxRenderPixels) / pixels).squareRoot() }
        let width = Int32(max(1, (widthPt * scale).rounded())), height = Int32(max(1, (heightPt * scale).rounded()))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else { return nil }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        poppler_page_render(page, cr)
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface),
              let image = LeptImage(pixCreate(width, height, 32)) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let wpl = Int(pixGetWpl(image.pix))
        guard let target = pixGetData(image.pix) else { return nil }
        // cairo RGB24 is 0x00RRGGBB per native 32-bit word; Leptonica's 32 bpp is 0xRRGGBBAA.
        for y in 0..<Int(height) {
            let source = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            let row = target + y * wpl
            for x in 0..<Int(width) { row[x] = source[x] << 8 }
        }
        pixSetResolution(image.pix, Int32(renderDPI), Int32(renderDPI))
        return image
    }
}
