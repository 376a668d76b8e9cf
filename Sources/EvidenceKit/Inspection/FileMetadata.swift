/// What could be read about a file's content besides its type.
public struct FileMetadata: Sendable, Codable, Hashable {
    /// Pixel width of an image.
    public var width: Int?
    /// Pixel height of an image.
    public var height: Int?
    /// EXIF DateTimeOriginal as written by the camera, `YYYY-MM-DDTHH:MM:SS`, with the EXIF
    /// offset (`+08:00`) appended when the camera recorded one.
    public var captureTime: String?
    /// Camera make and model from EXIF.
    public var cameraModel: String?
    /// Whether EXIF holds GPS coordinates (a privacy point: the photo reveals a place).
    public var hasGPS: Bool?
    /// Number of pages of a PDF.
    public var pageCount: Int?
    /// Whether a PDF is encrypted.
    public var encrypted: Bool?
    /// Duration of a video in seconds.
    public var durationSeconds: Double?
    /// Encoding of a text file: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `gb18030`, `ascii`.
    public var textEncoding: String?
    /// For an archive: whether it is an OFD document (a zip whose root holds `OFD.xml`).
    public var isOFD: Bool?

    /// Creates empty metadata.
    public init() {}

    /// snake_case, as every EvidenceKit document (``EvidenceJSON``).
    enum CodingKeys: String, CodingKey, CaseIterable {
        case width, height, encrypted
        case captureTime = "capture_time"
        case cameraModel = "camera_model"
        case hasGPS = "has_gps"
        case pageCount = "page_count"
        case durationSeconds = "duration_seconds"
        case textEncoding = "text_encoding"
        case isOFD = "is_ofd"
    }
}
