import CTesseract
@testable import EvidenceKit
import EvidenceTestSupport
import Foundation
import Testing

/// A photo as a phone stores it: the scene it shows upright is 20 pixels wide and 60 tall, blue,
/// with a red 8x8 block in its top-left corner; the stored pixels are laid out so that a viewer
/// honouring EXIF `orientation` shows that scene (TIFF 6.0 / EXIF 2.3 Orientation table).
enum OrientedPhoto {
    static let width = 20, height = 60, block = 8

    /// The stored size for `orientation`: 5...8 are stored with width and height swapped.
    static func storedSize(_ orientation: Int) -> (width: Int, height: Int) {
        orientation >= 5 ? (height, width) : (width, height)
    }

    /// Where the stored pixel (x, y) of a `w`x`h` stored image is shown, for each orientation
    /// (1: row 0 is the top, column 0 the left; 6: row 0 is the right side, column 0 the top...).
    static func shown(_ orientation: Int, x: Int, y: Int, w: Int, h: Int) -> (x: Int, y: Int) {
        switch orientation {
        case 2: (w - 1 - x, y)
        case 3: (w - 1 - x, h - 1 - y)
        case 4: (x, h - 1 - y)
        case 5: (y, x)
        case 6: (h - 1 - y, x)
        case 7: (h - 1 - y, w - 1 - x)
        case 8: (y, w - 1 - x)
        default: (x, y)
        }
    }

    /// The stored pixels for `orientation`, as a Leptonica image.
    static func stored(_ orientation: Int) -> LeptImage {
        let (w, h) = storedSize(orientation)
        let image = LeptImage(pixCreate(Int32(w), Int32(h), 32))!
        for y in 0..<h {
            for x in 0..<w {
                let at = shown(orientation, x: x, y: y, w: w, h: h)
                let red = at.x < block && at.y < block
                pixSetRGBPixel(image.pix, Int32(x), Int32(y), red ? 230 : 20, 20, red ? 20 : 230)
            }
        }
        return image
    }

    /// An APP1 "Exif" segment whose IFD0 holds one SHORT entry, Orientation (0x0112) = `value`.
    static func app1(orientation value: UInt16, bigEndian: Bool = true) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) -> [UInt8] { bigEndian ? u16(UInt16(v >> 16)) + u16(UInt16(v & 0xFFFF)) : u16(UInt16(v & 0xFFFF)) + u16(UInt16(v >> 16)) }
        let tiff = (bigEndian ? Array("MM".utf8) : Array("II".utf8)) + u16(42) + u32(8)
            + u16(1) + u16(0x0112) + u16(3) + u32(1) + u16(value) + [0, 0] + u32(0)
        return segment(Array("Exif".utf8) + [0, 0] + tiff)
    }

    /// An APP1 segment with `payload` (its length field set from it).
    static func segment(_ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// A JPEG of the stored pixels for `orientation`, `app1` inserted right after SOI (none: no EXIF).
    static func jpeg(storedFor orientation: Int, app1: [UInt8]?) -> [UInt8] {
        let plain = PlatformImages.encodeJPEG(stored(orientation), quality: 95)!
        guard let app1 else { return plain }
        return Array(plain[0..<2]) + app1 + Array(plain[2...])
    }

    /// A JPEG stored for `orientation` and tagged with it.
    static func tagged(_ orientation: Int, bigEndian: Bool = true) -> [UInt8] {
        jpeg(storedFor: orientation, app1: app1(orientation: UInt16(orientation), bigEndian: bigEndian))
    }

    /// The colour at the four corners of `bytes` decoded by Leptonica (5 pixels in from each edge):
    /// top-left, top-right, bottom-left, bottom-right, each "red", "blue" or the RGB read.
    static func corners(_ bytes: [UInt8]) -> [String] {
        guard let decoded = LeptImage.decode(bytes), let rgb = LeptImage(pixConvertTo32(decoded.pix)) else { return ["undecodable"] }
        let w = rgb.width, h = rgb.height
        return [(3, 3), (w - 4, 3), (3, h - 4), (w - 4, h - 4)].map { x, y in
            var r: Int32 = 0, g: Int32 = 0, b: Int32 = 0
            pixGetRGBPixel(rgb.pix, Int32(x), Int32(y), &r, &g, &b)
            return name(r: Int(r), g: Int(g), b: Int(b))
        }
    }

    static func name(r: Int, g: Int, b: Int) -> String {
        if r > 150, g < 100, b < 100 { return "red" }
        if b > 150, r < 100, g < 100 { return "blue" }
        return "rgb(\(r),\(g),\(b))"
    }

    /// What an upright view shows: the red block top left only.
    static let upright = ["red", "blue", "blue", "blue"]

    /// A PNG chunk (length, type, data, CRC-32).
    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in body {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return be(UInt32(data.count)) + body + be(crc)
    }
}

@Suite struct ExportOrientationTests {
    static let platform = ExportProfiles.builtIn.profile("platform")!

    static func rotatedSteps(_ transforms: [ExportReport.Transform]) -> [ExportReport.Transform] {
        transforms.filter { $0.kind == "rotated" }
    }

    @Test(arguments: 1...8)
    func aPlatformPhotoShowsAsAViewerHonouringItsTagWouldShowIt(orientation: Int) throws {
        let source = OrientedPhoto.tagged(orientation, bigEndian: orientation % 2 == 0)
        let image = try PlatformImages.prepare(source, mimeType: "image/jpeg", role: .productPhoto, profile: Self.platform,
                                               keepLocation: false)
        #expect(image.mimeType == "image/jpeg")
        #expect(image.width == OrientedPhoto.width && image.height == OrientedPhoto.height, "\(image.width)x\(image.height)")
        #expect(LeptImage.dimensions(image.bytes).map { [$0.width, $0.height] } == [OrientedPhoto.width, OrientedPhoto.height])
        #expect(OrientedPhoto.corners(image.bytes) == OrientedPhoto.upright)
        let rotated = Self.rotatedSteps(image.transforms)
        if orientation == 1 {
            // Upright already and within the limits: the file is kept as it is, tag and all.
            #expect(image.bytes == source)
            #expect(image.transforms.isEmpty)
        } else {
            #expect(rotated == [.init(kind: "rotated", from: "exif-orientation-\(orientation)", to: "upright")])
            // Re-encoded although it fits: no EXIF left to turn it a second time.
            #expect(PlatformImages.exifOrientation(image.bytes) == nil)
            #expect(image.transforms.map(\.kind) == ["rotated", "metadata-removed", "recompressed"])
        }
    }

    @Test(arguments: 1...8)
    func aPDFPageShowsThePhotoUpright(orientation: Int) throws {
        var transforms: [ExportReport.Transform] = [.init(kind: "converted", from: "image/heic", to: "image/png")]
        let raster = try PlatformImages.raster(OrientedPhoto.tagged(orientation), maxSide: 4096, photo: true, transforms: &transforms)
        #expect(raster.width == OrientedPhoto.width && raster.height == OrientedPhoto.height)
        let w = raster.width, h = raster.height
        let corners = [(3, 3), (w - 4, 3), (3, h - 4), (w - 4, h - 4)].map { x, y in
            let word = raster.pixels[y * w + x]
            return OrientedPhoto.name(r: Int(word >> 16 & 0xFF), g: Int(word >> 8 & 0xFF), b: Int(word & 0xFF))
        }
        #expect(corners == OrientedPhoto.upright)
        #expect(OrientedPhoto.corners(try #require(raster.jpeg)) == OrientedPhoto.upright, "the JPEG embedded in the PDF")
        let expected: [ExportReport.Transform] = orientation == 1 ? [] : [.init(kind: "rotated", from: "exif-orientation-\(orientation)", to: "upright")]
        #expect(transforms == [.init(kind: "converted", from: "image/heic", to: "image/png")] + expected)
    }

    @Test func scaledPhotosAreTurnedBeforeTheyAreScaled() throws {
        // A 30-pixel side limit: the upright 20x60 becomes 10x30, portrait (turned, then scaled).
        var small = Self.platform
        small.maxSide = 30
        let image = try PlatformImages.prepare(OrientedPhoto.tagged(6), mimeType: "image/jpeg", role: .productPhoto, profile: small,
                                               keepLocation: false)
        #expect(image.width == 10 && image.height == 30, "\(image.width)x\(image.height)")
        #expect(image.transforms.map(\.kind) == ["rotated", "scaled", "metadata-removed", "recompressed"])
        #expect(image.transforms.first { $0.kind == "scaled" }.map { [$0.width, $0.height] } == [10, 30])
    }

    /// Tags that are not an orientation: the value out of range, the wrong type, the entry or the
    /// IFD cut off or pointing past the block, a segment that is not EXIF at all.
    static let bogus: [(String, [UInt8])] = [
        ("value 99", OrientedPhoto.app1(orientation: 99)),
        ("value 0", OrientedPhoto.app1(orientation: 0)),
        ("little-endian value 9", OrientedPhoto.app1(orientation: 9, bigEndian: false)),
        ("type LONG", OrientedPhoto.segment(Array("Exif".utf8) + [0, 0] + Array("MM".utf8) + [0, 42, 0, 0, 0, 8,
                                                0, 1, 0x01, 0x12, 0, 4, 0, 0, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0])),
        ("entry cut off", OrientedPhoto.segment(Array("Exif".utf8) + [0, 0] + Array("MM".utf8) + [0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12])),
        ("IFD past the block", OrientedPhoto.segment(Array("Exif".utf8) + [0, 0] + Array("MM".utf8) + [0, 42, 0xFF, 0xFF, 0xFF, 0xF0])),
        ("header only", OrientedPhoto.segment(Array("Exif".utf8) + [0, 0])),
        ("not EXIF", OrientedPhoto.segment(Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>".utf8))),
    ]

    @Test func bogusOrTruncatedTagsAreIgnoredAndThePhotoIsExportedAsStored() throws {
        for (label, app1) in Self.bogus {
            let source = OrientedPhoto.jpeg(storedFor: 1, app1: app1)
            #expect(PlatformImages.exifOrientation(source) == nil, "\(label)")
            let image = try PlatformImages.prepare(source, mimeType: "image/jpeg", role: .productPhoto, profile: Self.platform,
                                                   keepLocation: false)
            #expect(image.width == OrientedPhoto.width && image.height == OrientedPhoto.height, "\(label)")
            #expect(OrientedPhoto.corners(image.bytes) == OrientedPhoto.upright, "\(label)")
            #expect(Self.rotatedSteps(image.transforms).isEmpty, "\(label): \(image.transforms)")
        }
        // A JPEG without any EXIF, and one whose tag says upright.
        #expect(PlatformImages.exifOrientation(OrientedPhoto.jpeg(storedFor: 1, app1: nil)) == nil)
        #expect(PlatformImages.exifOrientation(OrientedPhoto.tagged(1)) == nil)
        // Not an image at all, and empty.
        #expect(PlatformImages.exifOrientation(Array("Exif\0\0MM".utf8)) == nil)
        #expect(PlatformImages.exifOrientation([]) == nil)
    }

    @Test func theTagIsReadFromPNGAndWebPToo() throws {
        let payload = Array(OrientedPhoto.app1(orientation: 6).dropFirst(4 + 6))  // the bare TIFF block
        // PNG: an eXIf chunk (a bare TIFF block) before IDAT.
        let png = try #require(PlatformImages.encodePNG(OrientedPhoto.stored(6)))
        let tagged = Array(png[0..<33]) + OrientedPhoto.pngChunk("eXIf", payload) + Array(png[33...])
        #expect(PlatformImages.exifOrientation(tagged) == 6)
        let image = try PlatformImages.prepare(tagged, mimeType: "image/png", role: .productPhoto, profile: Self.platform, keepLocation: false)
        #expect(image.width == OrientedPhoto.width && image.height == OrientedPhoto.height)
        #expect(OrientedPhoto.corners(image.bytes) == OrientedPhoto.upright)
        #expect(Self.rotatedSteps(image.transforms).count == 1)
        // WebP: an EXIF chunk after the image data, bare or with the "Exif\0\0" some writers add.
        for exif in [payload, Array("Exif".utf8) + [0, 0] + payload] {
            let chunk = Array("EXIF".utf8) + [UInt8(exif.count & 0xFF), UInt8(exif.count >> 8), 0, 0] + exif + (exif.count % 2 == 1 ? [0] : [])
            let vp8: [UInt8] = Array("VP8L".utf8) + [5, 0, 0, 0, 0x2F, 0, 0, 0, 0, 0]
            let body = Array("WEBP".utf8) + vp8 + chunk
            let webp = Array("RIFF".utf8) + [UInt8(body.count & 0xFF), UInt8(body.count >> 8 & 0xFF), 0, 0] + body
            #expect(PlatformImages.exifOrientation(webp) == 6)
        }
        // A WebP whose chunk sizes run past the end is not read.
        #expect(PlatformImages.exifOrientation(Array("RIFF".utf8) + [40, 0, 0, 0] + Array("WEBPEXIF".utf8) + [0xFF, 0xFF, 0, 0, 1, 2]) == nil)
    }

    @Test func aCaseExportWritesUprightFilesAndRecordsTheTurn() throws {
        let dir = TemporaryDirectory("export-orientation")
        let files: [(String, [UInt8])] = [
            ("侧放.jpg", OrientedPhoto.tagged(6)),
            ("倒转.jpg", OrientedPhoto.tagged(8, bigEndian: false)),
            ("正常.jpg", OrientedPhoto.tagged(1)),
            ("无标签.jpg", OrientedPhoto.jpeg(storedFor: 1, app1: nil)),
            ("坏标签.jpg", OrientedPhoto.jpeg(storedFor: 1, app1: Self.bogus[0].1)),
        ]
        var yaml = "category: quality\norder_id: \"3712345678901234567\"\nreceived_at: 2026-11-05\nevidence:\n"
        for (name, bytes) in files {
            dir.write(name, bytes)
            yaml += "  - file: \(name)\n    role: product-photo\n"
        }
        let casePath = dir.write("case.yaml", text: yaml)
        var options = ExportOptions(channel: "platform")
        options.reading = nil
        options.force = true
        let out = dir.file("out")
        let report = try Exporter(rules: try RuleSet.bundled()).export(casePath, to: out, options: options)
        let images = report.files.filter { $0.mimeType.hasPrefix("image/") }
        #expect(images.count == files.count)
        for (file, (name, source)) in zip(images, files) {
            #expect([file.width, file.height] == [OrientedPhoto.width, OrientedPhoto.height], "\(name): export.json size")
            let written = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/" + file.name)))
            #expect(OrientedPhoto.corners(written) == OrientedPhoto.upright, "\(name)")
            let rotated = Self.rotatedSteps(file.sources[0].transforms)
            switch name {
            case "侧放.jpg": #expect(rotated.map(\.from) == ["exif-orientation-6"])
            case "倒转.jpg": #expect(rotated.map(\.from) == ["exif-orientation-8"])
            default:
                #expect(rotated.isEmpty, "\(name): \(file.sources[0].transforms)")
                #expect(written == source, "\(name) fits and is upright: kept as it is")
            }
        }
        // export.json says the same, in its snake_case shape; the originals are untouched.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/export.json"))) as? [String: Any])
        let first = try #require((json["files"] as? [[String: Any]])?.first)
        #expect(first["width"] as? Int == 20 && first["height"] as? Int == 60)
        let steps = try #require(((first["sources"] as? [[String: Any]])?.first?["transforms"]) as? [[String: Any]])
        #expect(steps.contains { $0["kind"] as? String == "rotated" && $0["from"] as? String == "exif-orientation-6" && $0["to"] as? String == "upright" })
        for (name, bytes) in files {
            #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file(name)))) == bytes, "\(name) unchanged")
        }
        // The PDF channels put the same photos on their pages upright, and say so per item.
        var pdfOptions = options
        pdfOptions.channel = "12315"
        pdfOptions.date = "2026-11-10"
        let pdf = try Exporter(rules: try RuleSet.bundled()).export(casePath, to: dir.file("pdf"), options: pdfOptions)
        let items = try #require(pdf.files.first { $0.mimeType == "application/pdf" }).sources
        #expect(items.map { Self.rotatedSteps($0.transforms).compactMap(\.from) }
                == [["exif-orientation-6"], ["exif-orientation-8"], [], [], []], "\(items.map(\.transforms))")
    }
}
