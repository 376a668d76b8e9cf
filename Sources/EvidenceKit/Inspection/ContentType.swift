/// What a MIME type from libmagic means for evidence: its ``MediaKind`` and which integrity
/// check reads it.
enum ContentType {
    enum Check: String { case png, jpeg, webp, gif, heif, video, pdf, zip, text, none }

    /// The integrity checker for a kind of content (nil when there is none).
    static func makeChecker(_ check: Check, limits: InspectionLimits, expectedSize: UInt64 = 0) -> ContentChecker? {
        switch check {
        case .png: PNGChecker(limits: limits, expectedSize: expectedSize)
        case .jpeg: JPEGChecker(limits: limits, expectedSize: expectedSize)
        case .webp: WebPChecker(limits: limits, expectedSize: expectedSize)
        case .gif: GIFChecker(limits: limits, expectedSize: expectedSize)
        case .heif: HEIFChecker(limits: limits, expectedSize: expectedSize)
        case .video: VideoChecker(limits: limits)
        case .pdf: PDFChecker(limits: limits, expectedSize: expectedSize)
        case .zip: ZipChecker(limits: limits, expectedSize: expectedSize)
        case .text: TextChecker()
        case .none: nil
        }
    }

    static func check(for mime: String) -> Check {
        switch mime {
        case "image/png": .png
        case "image/jpeg": .jpeg
        case "image/webp": .webp
        case "image/gif": .gif
        case "image/heic", "image/heif", "image/avif", "image/heic-sequence", "image/heif-sequence": .heif
        case "video/mp4", "video/quicktime", "video/3gpp", "video/3gpp2", "video/x-m4v", "audio/mp4": .video
        case "application/pdf": .pdf
        case "application/zip": .zip
        default: kind(for: mime) == .text ? .text : .none
        }
    }

    private static let executableTypes: Set<String> = [
        "application/x-executable", "application/x-pie-executable", "application/x-sharedlib",
        "application/x-dosexec", "application/x-mach-binary", "application/x-msdownload",
        "application/vnd.microsoft.portable-executable", "application/x-object", "application/x-elf",
        "application/x-coredump", "application/javascript", "text/javascript", "application/x-sh",
        "application/x-bat", "text/x-msdos-batch", "application/x-shellscript", "application/java-archive",
        "application/vnd.android.package-archive", "application/x-java-applet", "application/x-httpd-php",
    ]

    private static let archiveTypes: Set<String> = [
        "application/zip", "application/x-tar", "application/gzip", "application/x-gzip",
        "application/x-7z-compressed", "application/x-rar", "application/vnd.rar", "application/x-rar-compressed",
        "application/x-bzip2", "application/x-xz", "application/zstd", "application/x-lzip", "application/x-lzma",
        "application/x-compress", "application/x-cpio", "application/x-iso9660-image", "application/x-xar",
        "application/vnd.ms-cab-compressed", "application/x-archive", "application/x-lha", "application/x-arj",
    ]

    /// The broad kind for a MIME type (OFD is decided later, from the zip's entries).
    static func kind(for mime: String) -> MediaKind {
        if executableTypes.contains(mime) || mime.hasPrefix("text/x-script") || mime.hasPrefix("text/x-shellscript")
            || ["text/x-python", "text/x-perl", "text/x-ruby", "text/x-php", "text/x-lua", "text/x-tcl", "text/x-awk"].contains(mime) {
            return .executable
        }
        if archiveTypes.contains(mime) { return .archive }
        if mime == "image/svg+xml" { return .other }  // may carry scripts
        if mime.hasPrefix("image/") { return .image }
        if mime.hasPrefix("video/") || mime == "audio/mp4" { return .video }
        if mime == "application/pdf" { return .document }
        if mime.hasPrefix("text/") || ["application/json", "application/xml", "application/csv"].contains(mime) { return .text }
        return .other
    }

    /// MIME types a file with this extension is expected to have; nil for unknown extensions.
    static func expectedTypes(forExtension ext: String) -> Set<String>? {
        let video: Set<String> = ["video/mp4", "video/quicktime", "video/x-m4v", "video/3gpp", "video/3gpp2"]
        let text: Set<String> = ["text/plain", "text/html", "text/csv", "application/json", "text/xml", "application/xml", "application/csv"]
        switch ext.lowercased() {
        case "jpg", "jpeg", "jfif", "jpe": return ["image/jpeg"]
        case "png": return ["image/png"]
        case "heic", "heif", "hif": return ["image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"]
        case "avif": return ["image/avif"]
        case "webp": return ["image/webp"]
        case "gif": return ["image/gif"]
        case "bmp": return ["image/bmp", "image/x-ms-bmp"]
        case "tif", "tiff": return ["image/tiff"]
        case "pdf": return ["application/pdf"]
        case "ofd", "zip": return ["application/zip"]
        case "mp4", "m4v", "mov", "3gp", "3g2": return video
        case "txt", "log", "csv", "json", "html", "htm", "xml": return text
        default: return nil
        }
    }
}
