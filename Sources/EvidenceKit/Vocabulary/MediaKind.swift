/// The broad kind of a file, decided from its content (never from its name).
public enum MediaKind: String, Sendable, Codable, CaseIterable {
    /// Photos and screenshots: JPEG, PNG, HEIC/HEIF, WebP, GIF...
    case image
    /// Videos: MP4, MOV, 3GP...
    case video
    /// Paged documents: PDF, and OFD e-invoices.
    case document
    /// Chat exports and other text: txt, html, json, csv.
    case text
    /// Archives other than OFD (zip, tar, 7z, rar...): not acceptable as evidence.
    case archive
    /// Programs and scripts: never acceptable as evidence.
    case executable
    /// Anything else.
    case other

    /// The label users see.
    public var label: LocalizedText {
        switch self {
        case .image: LocalizedText(zh: "图片", en: "image")
        case .video: LocalizedText(zh: "视频", en: "video")
        case .document: LocalizedText(zh: "文档", en: "document")
        case .text: LocalizedText(zh: "文本", en: "text")
        case .archive: LocalizedText(zh: "压缩包", en: "archive")
        case .executable: LocalizedText(zh: "可执行文件/脚本", en: "executable/script")
        case .other: LocalizedText(zh: "其他", en: "other")
        }
    }
}
