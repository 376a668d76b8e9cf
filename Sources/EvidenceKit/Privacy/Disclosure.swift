import Foundation

/// What a bundle shows about the person sending it (这份证据包会透露的信息), for the shopper to
/// see before sending: the complainant fields filled in, photos that hold a GPS position,
/// camera serial numbers, phone numbers and addresses visible in text exports and in text read
/// from screenshots, and files taken from outside the case folder. A value built by
/// ``Disclosure/assess(case:inputs:)``; `pack` puts it in its report (human and `--json`).
public struct Disclosure: Sendable, Codable, Hashable {
    /// Coordinates are shown rounded to this many degrees (0.01° is about 1 km): EvidenceKit
    /// has no offline place data, so no city name is given.
    public static let coordinateStep = 0.01

    /// One complainant field filled in the case file (`name`, `phone`, `address`).
    public struct Field: Sendable, Codable, Hashable {
        public var field: String
        public var value: String
    }

    /// A photo that holds a GPS position.
    public struct Location: Sendable, Codable, Hashable {
        /// The file as listed in the case.
        public var file: String
        /// Latitude rounded to ``Disclosure/coordinateStep`` (north positive); nil when the GPS
        /// tags are there but not readable as numbers.
        public var latitude: Double?
        /// Longitude rounded likewise (east positive).
        public var longitude: Double?
        /// The rounding applied to the coordinates, in degrees (the photo holds the exact ones).
        public var roundedTo: Double
        /// True when the bundle holds a copy without the position (`--strip-location`).
        public var removed: Bool
        /// Whether EvidenceKit can remove the position (JPEG, PNG, WebP; not HEIC/AVIF).
        public var removable: Bool
        /// For photos whose position cannot be removed here (HEIC/AVIF, or any photo when
        /// removal was not asked for): what to do.
        public var advice: LocalizedText?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case file, latitude, longitude, removed, removable, advice
            case roundedTo = "rounded_to"
        }
    }

    /// A camera serial number (EXIF BodySerialNumber): it ties the photos to one device.
    public struct Serial: Sendable, Codable, Hashable {
        public var file: String
        public var serial: String
    }

    /// A phone number or an address visible in a file's text.
    public struct TextMatch: Sendable, Codable, Hashable {
        /// Where the text was seen: `text` for a text export's own content, else the content
        /// reading's source (`ocr`, `pdf-text`, ...).
        public enum Source: String, Sendable, Codable, CaseIterable {
            case text
            case reading
        }

        public var file: String
        /// The text as it appears (a masked number stays masked: `138****2046`).
        public var text: String
        public var source: Source
    }

    /// Complainant fields filled in (each goes into `evidence.json` and `index.html`).
    public var complainant: [Field]
    /// Photos holding a GPS position.
    public var locations: [Location]
    /// Camera serial numbers.
    public var cameraSerials: [Serial]
    /// 11-digit mainland mobile numbers (also masked forms such as `138****2046`).
    public var phoneNumbers: [TextMatch]
    /// Postal addresses (省/市/区 ... 路/街 ... 号/室).
    public var addresses: [TextMatch]
    /// Evidence taken from outside the case folder or through a symbolic link (`--allow-outside`).
    public var outsideFiles: [OutsideEvidence]

    /// Whether the bundle shows none of the above.
    public var isEmpty: Bool {
        complainant.isEmpty && locations.isEmpty && cameraSerials.isEmpty && phoneNumbers.isEmpty && addresses.isEmpty && outsideFiles.isEmpty
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case complainant, locations, addresses
        case cameraSerials = "camera_serials"
        case phoneNumbers = "phone_numbers"
        case outsideFiles = "outside_files"
    }

    /// One evidence file as it goes into the bundle.
    public struct Input: Sendable {
        /// The file as listed in the case.
        public var file: String
        /// Its inspection (metadata, content reading) — of the copy when it was transformed.
        public var inspected: InspectedFile
        /// The text of a text export, when it was read (bounded).
        public var text: String?
        /// With `--strip-location`: the position the original held (nil, nil when unreadable).
        public var removedLocation: (latitude: Double?, longitude: Double?)?
        /// Set when the file came from outside the case folder.
        public var outside: OutsideEvidence?

        /// Creates an input.
        public init(file: String, inspected: InspectedFile, text: String? = nil,
                    removedLocation: (latitude: Double?, longitude: Double?)? = nil, outside: OutsideEvidence? = nil) {
            self.file = file
            self.inspected = inspected
            self.text = text
            self.removedLocation = removedLocation
            self.outside = outside
        }
    }

    /// What a bundle made of `inputs` for `complaint` shows.
    /// - Parameters:
    ///   - complaint: the case (its complainant fields).
    ///   - inputs: every evidence file, in evidence-list order.
    ///   - stripping: whether `--strip-location` was asked (changes the advice for photos kept).
    public static func assess(case complaint: ComplaintCase, inputs: [Input], stripping: Bool = false) -> Disclosure {
        var fields: [Field] = []
        if let person = complaint.complainant {
            for (name, value) in [("name", person.name), ("phone", person.phone), ("address", person.address)] {
                if let value, !value.trimmingCharacters(in: .whitespaces).isEmpty { fields.append(Field(field: name, value: value)) }
            }
        }
        var locations: [Location] = []
        var serials: [Serial] = []
        var phones: [TextMatch] = []
        var addresses: [TextMatch] = []
        for input in inputs {
            let metadata = input.inspected.metadata
            if let removed = input.removedLocation {
                locations.append(Location(file: input.file, latitude: round(removed.latitude), longitude: round(removed.longitude),
                                          roundedTo: coordinateStep, removed: true, removable: true, advice: nil))
            } else if metadata.hasGPS == true {
                locations.append(Location(file: input.file, latitude: round(metadata.gpsLatitude), longitude: round(metadata.gpsLongitude),
                                          roundedTo: coordinateStep, removed: false, removable: removable(input.inspected),
                                          advice: advice(for: input.inspected, stripping: stripping)))
            }
            if let serial = metadata.cameraSerial { serials.append(Serial(file: input.file, serial: serial)) }
            var seen: Set<String> = []
            func add(_ text: String, source: TextMatch.Source) {
                for phone in TextScan.phoneNumbers(in: text) where seen.insert("p" + phone).inserted {
                    phones.append(TextMatch(file: input.file, text: phone, source: source))
                }
                for address in TextScan.addresses(in: text) where seen.insert("a" + address).inserted {
                    addresses.append(TextMatch(file: input.file, text: address, source: source))
                }
            }
            if let text = input.text { add(text, source: .text) }
            if let reading = input.inspected.reading {
                add(reading.facts.map(\.line).joined(separator: "\n"), source: .reading)
            }
        }
        return Disclosure(complainant: fields, locations: locations, cameraSerials: serials, phoneNumbers: phones,
                          addresses: addresses, outsideFiles: inputs.compactMap(\.outside))
    }

    private static func round(_ value: Double?) -> Double? {
        value.map { ($0 / coordinateStep).rounded() * coordinateStep }.map { Double(String(format: "%.2f", $0)) ?? $0 }
    }

    private static func removable(_ file: InspectedFile) -> Bool {
        ["image/jpeg", "image/png", "image/webp"].contains(file.mimeType)
    }

    private static func advice(for file: InspectedFile, stripping: Bool) -> LocalizedText {
        let heif = file.mimeType.hasPrefix("image/hei") || file.mimeType == "image/avif"
        if heif {
            return LocalizedText(
                zh: "HEIC/AVIF 照片的位置无法在这里移除（不会悄悄修改）。请在手机上导出不含位置的副本：iPhone 在“分享”→“选项”中关闭“位置”；安卓相册分享前关闭“位置信息”；然后在 case.yaml 中改用该副本。",
                en: "The location of a HEIC/AVIF photo cannot be removed here (nothing is changed silently). Export a copy without it on the phone: on iPhone, Share → Options → turn off Location; in Android galleries, turn off location before sharing; then name the copy in case.yaml.")
        }
        if stripping || !removable(file) {
            return LocalizedText(zh: "此格式的位置无法自动移除：请导出不含位置的副本。",
                                 en: "The location cannot be removed from this format automatically: export a copy without it.")
        }
        return LocalizedText(zh: "如不想透露拍摄地点，请去除照片位置后重新打包（只去掉 GPS 信息，图像不变，原文件不改）。",
                             en: "To keep the place private, pack again removing photo locations (only the GPS tags go; the image and your original file stay as they are).")
    }
}

/// Phone numbers and addresses in text: 11-digit mainland mobile numbers (`13812342046`,
/// `138 1234 2046`, `138-1234-2046`, masked `138****2046`) and addresses with a province,
/// city, district or county and a road/street with a number (`…省…市…区…路 88 号 …室`).
enum TextScan {
    private static let phone = try! NSRegularExpression(
        pattern: #"(?<![0-9A-Za-z])(?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9*]{4}){2}(?![0-9A-Za-z])"#)
    private static let address = try! NSRegularExpression(
        pattern: #"[\p{Han}0-9A-Za-z]{0,16}?(?:省|自治区|市|区|县|州)[\p{Han}0-9A-Za-z\-]{0,30}?(?:路|街|巷|弄|大道|道|村)[\p{Han}0-9A-Za-z\- ]{0,12}?号(?:[\p{Han}0-9A-Za-z\- ]{0,8}?(?:室|栋|幢|单元|楼|座|层))*"#)
    /// Words that lead into an address in a sentence (dropped from the match).
    private static let leads = ["收货地址", "收件地址", "寄件地址", "地址", "寄到", "送到", "发到", "住在", "位于"]

    static func phoneNumbers(in text: String) -> [String] {
        matches(phone, in: text).filter { candidate in
            let digits = candidate.filter { $0.isNumber || $0 == "*" }
            let core = digits.hasPrefix("86") && digits.count == 13 ? String(digits.dropFirst(2)) : digits
            // 11 characters; a masked form keeps its first 3 and last 4 digits.
            guard core.count == 11 else { return false }
            let stars = core.filter { $0 == "*" }.count
            return stars == 0 || (core.prefix(3).allSatisfy(\.isNumber) && core.suffix(4).allSatisfy(\.isNumber) && stars >= 4)
        }
    }

    static func addresses(in text: String) -> [String] {
        matches(address, in: text).map { found in
            var value = Substring(found)
            for lead in leads {
                if let range = value.range(of: lead) { value = value[range.upperBound...] }
            }
            while let first = value.first, "：:是为在".contains(first) { value = value.dropFirst() }
            return String(value)
        }.filter { $0.count >= 6 }
    }

    private static func matches(_ expression: NSRegularExpression, in text: String) -> [String] {
        let whole = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: whole).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }
}

/// Keeps the bytes of a small file as the packer streams it (nothing is read twice), so that
/// the privacy report can scan text exports: at most ``maxBytes`` per file, dropped as soon as
/// the file turns out not to be text.
struct TextCapture {
    static let maxBytes = 1 << 20
    private var bytes: [UInt8] = []
    private var keeping = false

    /// Starts a file of `declared` bytes.
    mutating func begin(declared: UInt64) {
        bytes = []
        keeping = declared <= UInt64(Self.maxBytes)
    }

    mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        guard keeping else { return }
        if bytes.count + chunk.count > Self.maxBytes {
            keeping = false
            bytes = []
            return
        }
        bytes.append(contentsOf: chunk)
    }

    /// The text of the file just read, when it is a text export; clears the buffer.
    mutating func finish(_ file: InspectedFile) -> String? {
        defer { bytes = []; keeping = false }
        guard keeping, file.kind == .text else { return nil }
        return ExportText.decode(bytes[...], limit: Self.maxBytes)?.0
    }
}
