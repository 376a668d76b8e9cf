internal import CPangoCairo
import Foundation

/// A PDF being written with Cairo, its text laid out with Pango (line breaking for Chinese,
/// font fallback; Noto CJK from Debian's fonts-noto-cjk): A4 pages with a running cursor, text
/// that flows on to the next page, table rows, images fitted to the page, other PDFs' pages, and
/// a footer on every page. No PDF operator is written by hand.
final class PDFCanvas {
    static let a4 = (width: 595.28, height: 841.89)
    static let margin = 56.0
    static let footerBand = 36.0
    static let serif = "Noto Serif CJK SC"
    static let sans = "Noto Sans CJK SC"

    private let surface: OpaquePointer
    private let context: OpaquePointer
    private(set) var page = 0
    private var pageOpen = false
    private var pageSize = PDFCanvas.a4
    /// The cursor, in points from the top of the page.
    private(set) var y = PDFCanvas.margin
    /// The footer of the pages begun from now on (one or two lines, given the page number).
    var footer: (Int) -> [String] = { _ in [] }
    /// The footer of the current page (taken from ``footer`` when the page began).
    private var pageFooter: (Int) -> [String] = { _ in [] }

    var contentWidth: Double { pageSize.width - 2 * Self.margin }
    var bottom: Double { pageSize.height - Self.margin - Self.footerBand / 2 }

    /// A PDF written to `path`, or measured only when `path` is nil (page numbers of a first pass).
    init(path: String?, title: String) throws(PlatformImages.Failure) {
        guard let surface = cairo_pdf_surface_create(path, Self.a4.width, Self.a4.height),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw PlatformImages.Failure(reason: "cairo could not create the PDF")
        }
        self.surface = surface
        context = cairo_create(surface)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "\(ToolInfo.name) \(ToolInfo.version)")
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Ends the last page and writes the file; the status cairo reports.
    func finish() throws(PlatformImages.Failure) {
        if pageOpen { endPage() }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PlatformImages.Failure(reason: String(cString: cairo_status_to_string(status)))
        }
    }

    /// Starts a new A4 page (ending the current one).
    func newPage() {
        if pageOpen { endPage() }
        beginPage(size: Self.a4)
    }

    private func beginPage(size: (width: Double, height: Double)) {
        pageSize = size
        pageFooter = footer
        cairo_pdf_surface_set_size(surface, size.width, size.height)
        page += 1
        pageOpen = true
        y = Self.margin
    }

    private func endPage() {
        let lines = pageFooter(page)
        var at = pageSize.height - Self.footerBand + 6
        for line in lines {
            let layout = makeLayout(line, font: "\(Self.sans) 7", width: pageSize.width - 2 * 24)
            cairo_set_source_rgb(context, 0.3, 0.3, 0.3)
            cairo_move_to(context, 24, at)
            pango_cairo_show_layout(context, layout)
            at += Double(pixelHeight(layout))
            g_object_unref(UnsafeMutableRawPointer(layout))
        }
        cairo_set_source_rgb(context, 0, 0, 0)
        cairo_show_page(context)
        pageOpen = false
    }

    private func makeLayout(_ text: String, font: String, width: Double, align: PangoAlignment = PANGO_ALIGN_LEFT) -> OpaquePointer {
        let layout = pango_cairo_create_layout(context)!
        let description = pango_font_description_from_string(font)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_alignment(layout, align)
        pango_layout_set_text(layout, text, -1)
        return layout
    }

    private func pixelHeight(_ layout: OpaquePointer) -> Int32 {
        var width: Int32 = 0, height: Int32 = 0
        pango_layout_get_pixel_size(layout, &width, &height)
        return height
    }

    /// Lays out `text` from the cursor, line by line on to further pages as needed.
    /// - Parameters:
    ///   - font: a Pango font description ("Noto Serif CJK SC Bold 16").
    ///   - align: `left`, `center` or `right`.
    func paragraph(_ text: String, font: String, align: String = "left", indent: Double = 0, spaceAfter: Double = 6) {
        if !pageOpen { newPage() }
        let alignment = align == "center" ? PANGO_ALIGN_CENTER : align == "right" ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT
        let layout = makeLayout(text, font: font, width: contentWidth - indent, align: alignment)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let scale = Double(PANGO_SCALE)
        let iterator = pango_layout_get_iter(layout)
        defer { pango_layout_iter_free(iterator) }
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, nil, &logical)
            let top = Double(logical.y) / scale, height = Double(logical.height) / scale
            let baseline = Double(pango_layout_iter_get_baseline(iterator)) / scale
            if y + height > bottom { newPage() }
            cairo_move_to(context, Self.margin + indent + Double(logical.x) / scale, y + baseline - top)
            pango_cairo_show_layout_line(context, pango_layout_iter_get_line_readonly(iterator))
            y += height
        } while pango_layout_iter_next_line(iterator) != 0
        y += spaceAfter
    }

    /// Moves the cursor down.
    func space(_ points: Double) { y += points }

    /// One table row: `cells` in columns of `widths` (fractions of the content width), with a
    /// border; starts a new page (and draws `header` first) when the row does not fit.
    func tableRow(_ cells: [String], widths: [Double], bold: Bool = false, header: (() -> Void)? = nil) {
        if !pageOpen { newPage() }
        let font = "\(Self.sans)\(bold ? " Bold" : "") 8"
        let padding = 3.0
        let layouts = zip(cells, widths).map { makeLayout($0, font: font, width: $1 * contentWidth - 2 * padding) }
        defer { for layout in layouts { g_object_unref(UnsafeMutableRawPointer(layout)) } }
        let height = Double(layouts.map(pixelHeight).max() ?? 10) + 2 * padding
        if y + height > bottom {
            newPage()
            header?()
        }
        var x = Self.margin
        for (layout, width) in zip(layouts, widths) {
            cairo_rectangle(context, x, y, width * contentWidth, height)
            cairo_set_line_width(context, 0.5)
            cairo_stroke(context)
            cairo_move_to(context, x + padding, y + padding)
            pango_cairo_show_layout(context, layout)
            x += width * contentWidth
        }
        y += height
    }

    /// A new page holding `image`, fitted below the cursor's heading (never enlarged more than twice).
    func image(_ image: RasterImage) {
        if !pageOpen { newPage() }
        guard let picture = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(image.width), Int32(image.height)),
              cairo_surface_status(picture) == CAIRO_STATUS_SUCCESS else { return }
        defer { cairo_surface_destroy(picture) }
        cairo_surface_flush(picture)
        let stride = Int(cairo_image_surface_get_stride(picture))
        let data = cairo_image_surface_get_data(picture)!
        image.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<image.height {
                let target = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
                target.update(from: pixels.baseAddress! + row * image.width, count: image.width)
            }
        }
        cairo_surface_mark_dirty(picture)
        if let jpeg = image.jpeg, let copy = malloc(jpeg.count) {
            jpeg.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: jpeg.count) }
            cairo_surface_set_mime_data(picture, "image/jpeg", copy.assumingMemoryBound(to: UInt8.self), UInt(jpeg.count),
                                        { free($0) }, copy)
        }
        let boxWidth = contentWidth, boxHeight = bottom - y
        let scale = min(boxWidth / Double(image.width), boxHeight / Double(image.height), 2)
        let x = Self.margin + (boxWidth - Double(image.width) * scale) / 2
        cairo_save(context)
        cairo_translate(context, x, y)
        cairo_scale(context, scale, scale)
        cairo_set_source_surface(context, picture, 0, 0)
        cairo_paint(context)
        cairo_restore(context)
        y = bottom
    }

    /// Appends every page of `pdf` at its own size, with a band below for the footer (the
    /// original page is drawn whole, nothing covers it). Returns the pages it took.
    func append(_ pdf: PDFPages, maxPages: Int) -> Int {
        if pageOpen { endPage() }
        let count = min(pdf.count, maxPages)
        for index in 0..<count {
            let size = pdf.size(index)
            beginPage(size: (size.width, size.height + Self.footerBand))
            cairo_save(context)
            pdf.render(index, on: context)
            cairo_restore(context)
            y = bottom
            endPage()
        }
        return count
    }
}
