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
    /// EXIF GPS latitude in degrees (north positive), when it is readable as a number.
    public var gpsLatitude: Double?
    /// EXIF GPS longitude in degrees (east positive), when it is readable as a number.
    public var gpsLongitude: Double?
    /// EXIF BodySerialNumber (0xA431): the camera's serial number, which ties photos to one device.
    public var cameraSerial: String?
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
    /// Whether the image holds an EXIF block at all (JPEG, WebP, HEIC/HEIF; absent for other
    /// formats and for files too large to check whole). A photo without EXIF was usually re-saved
    /// or sent through a chat app without 原图 (``Finding`` `credibility.metadata-stripped`).
    public var hasEXIF: Bool?
    /// EXIF Software (IFD0, tag 0x0131) as written: a phone's firmware version (`MIUI`,
    /// `HDR+ 1.0`, `18.1`) or the program that last saved the image.
    public var software: String?
    /// XMP `xmp:CreatorTool` as written (JPEG, PNG, WebP).
    public var creatorTool: String?
    /// The editing program that EXIF Software, XMP (`xmp:CreatorTool`, `stEvt:softwareAgent`,
    /// `photoshop:History`) or a PNG `Software` text names, from the editor list compiled into
    /// EvidenceKit (`Inspection/credibility.json`), e.g. `美图秀秀 (Meitu)`. Absent when none
    /// is named: that does not prove the image was not edited.
    public var editedWith: String?
    /// The implicit AI-generated-content label of GB 45438-2025 found in the image's XMP (TC260
    /// namespace `http://www.tc260.org.cn/ns/AIGC/1.0/`).
    public var aigcLabel: AIGCLabel?
    /// True when a C2PA manifest store (a JUMBF box labelled `c2pa`) is embedded: JPEG APP11,
    /// PNG `caBX`, WebP `C2PA`, HEIF `uuid` box. Its signature is not validated. Absent when none
    /// was found.
    public var c2paManifest: Bool?

    /// Creates empty metadata.
    public init() {}

    /// snake_case, as every EvidenceKit document (``EvidenceJSON``).
    enum CodingKeys: String, CodingKey, CaseIterable {
        case width, height, encrypted
        case captureTime = "capture_time"
        case cameraModel = "camera_model"
        case hasGPS = "has_gps"
        case gpsLatitude = "gps_latitude"
        case gpsLongitude = "gps_longitude"
        case cameraSerial = "camera_serial"
        case pageCount = "page_count"
        case durationSeconds = "duration_seconds"
        case textEncoding = "text_encoding"
        case isOFD = "is_ofd"
        case hasEXIF = "has_exif"
        case software
        case creatorTool = "creator_tool"
        case editedWith = "edited_with"
        case aigcLabel = "aigc_label"
        case c2paManifest = "c2pa_manifest"
    }
}

/// The implicit label GB 45438-2025 requires in AI-generated content's metadata, as TC260's
/// practice guide writes it: an XMP property `AIGC` in the namespace
/// `http://www.tc260.org.cn/ns/AIGC/1.0/` whose value is a JSON object (`Label`,
/// `ContentProducer`, `ProduceID`, `ContentPropagator`, `PropagateID`, reserved codes). Each
/// field is as written (at most 256 characters); absent when the value was not readable JSON.
public struct AIGCLabel: Sendable, Codable, Hashable {
    /// `Label`: the generator's own classification (`1` AI-generated, `2` possibly, `3` suspected).
    public var label: String?
    /// `ContentProducer`: who generated it (often a code holding the company's unified social credit code).
    public var contentProducer: String?
    /// `ProduceID`: the generator's id for this content.
    public var produceID: String?
    /// `ContentPropagator`: the platform that passed it on.
    public var contentPropagator: String?
    /// `PropagateID`: the propagator's id for it.
    public var propagateID: String?

    /// Creates a label (all fields absent by default).
    public init(label: String? = nil, contentProducer: String? = nil, produceID: String? = nil,
                contentPropagator: String? = nil, propagateID: String? = nil) {
        self.label = label
        self.contentProducer = contentProducer
        self.produceID = produceID
        self.contentPropagator = contentPropagator
        self.propagateID = propagateID
    }

    /// snake_case, as every EvidenceKit document.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case label
        case contentProducer = "content_producer"
        case produceID = "produce_id"
        case contentPropagator = "content_propagator"
        case propagateID = "propagate_id"
    }
}
