internal import CDecoders
internal import CTesseract
import Foundation

/// One image made ready for a channel: JPEG, PNG or GIF bytes within the profile's limits.
struct PreparedImage: Sendable {
    var bytes: [UInt8]
    var mimeType: String
    var width: Int
    var height: Int
    var transforms: [ExportReport.Transform]

    var fileExtension: String {
        switch mimeType {
        case "image/png": "png"
        case "image/gif": "gif"
        default: "jpg"
        }
    }
}

/// Converts photos and screenshots into what a channel takes, with Leptonica (decoding PNG,
/// JPEG, WebP and GIF; scaling; JPEG and PNG encoding). Re-encoded images carry no metadata at
/// all (Leptonica writes none), so their location is gone too; files kept as they are lose only
/// their GPS entries (``LocationStripper``) unless the location is to be kept.
enum PlatformImages {
    /// Images with more pixels than this are not decoded (the decoder's own bound).
    static let maxDecodePixels = 100_000_000
    /// JPEG qualities tried in turn until the file fits.
    static let qualities: [Int32] = [90, 82, 74, 66, 58, 50]

    /// Why an image could not be made ready.
    struct Failure: Error {
        var reason: String
    }

    /// Roles whose images are screenshots (text on flat colour: PNG keeps them sharp).
    static func isScreenshot(_ role: EvidenceRole) -> Bool {
        switch role {
        case .orderScreenshot, .listingScreenshot, .merchantInfo, .chatRecord, .paymentReceipt, .logisticsRecord: true
        default: false
        }
    }

    /// Makes `bytes` (of type `mimeType`) fit `profile`.
    /// - Parameters:
    ///   - alreadyConverted: transforms done before (HEIC decoded to PNG by the helper process).
    ///   - keepLocation: keep EXIF GPS in files copied as they are.
    static func prepare(_ bytes: [UInt8], mimeType: String, role: EvidenceRole, profile: ExportProfile,
                        keepLocation: Bool, alreadyConverted: [ExportReport.Transform] = []) throws(Failure) -> PreparedImage {
        guard let size = LeptImage.dimensions(bytes) else { throw Failure(reason: "unknown image format") }
        guard size.width * size.height <= maxDecodePixels else {
            throw Failure(reason: "\(size.width)x\(size.height) pixels is more than \(maxDecodePixels)")
        }
        // A photo stored sideways (EXIF orientation 2...8) is re-encoded upright even when it fits:
        // forms that strip EXIF, and viewers that ignore it, then show it as the phone did.
        let orientation = exifOrientation(bytes)
        let fits = size.width <= profile.maxSide && size.height <= profile.maxSide
            && size.width * size.height <= profile.maxPixels && bytes.count <= profile.maxFileBytes
        if fits, orientation == nil, alreadyConverted.isEmpty, profile.accepts(mimeType), ["image/jpeg", "image/png", "image/gif"].contains(mimeType) {
            if let kept = asIs(bytes, mimeType: mimeType, size: size, keepLocation: keepLocation) { return kept }
        }
        _ = setMsgSeverityOnce
        var transforms = alreadyConverted
        if mimeType == "image/gif" { transforms.append(.init(kind: "first-frame")) }
        let image = try decodeUpright(bytes, orientation: orientation, transforms: &transforms)
        var factor = min(1, Double(profile.maxSide) / Double(max(image.width, image.height)),
                         (Double(profile.maxPixels) / Double(image.width * image.height)).squareRoot())
        let preferPNG = profile.accepts("image/png") && (isScreenshot(role) || !profile.accepts("image/jpeg"))
        for _ in 0..<6 {
            guard let scaled = factor < 1 ? LeptImage(pixScale(image.pix, Float(factor), Float(factor))) : image else {
                throw Failure(reason: "scaling failed")
            }
            var steps = transforms
            if factor < 1 { steps.append(.init(kind: "scaled", width: scaled.width, height: scaled.height)) }
            steps.append(.init(kind: "metadata-removed"))
            if preferPNG, let png = encodePNG(scaled), png.count <= profile.maxFileBytes {
                let converted = mimeType == "image/png" ? [] : [ExportReport.Transform(kind: "converted", from: mimeType, to: "image/png")]
                return PreparedImage(bytes: png, mimeType: "image/png", width: scaled.width, height: scaled.height,
                                     transforms: merge(converted, steps))
            }
            if profile.accepts("image/jpeg"), let flat = flattened(scaled) {
                for quality in qualities {
                    guard let jpeg = encodeJPEG(flat, quality: quality) else { throw Failure(reason: "JPEG encoding failed") }
                    if jpeg.count <= profile.maxFileBytes {
                        let converted = mimeType == "image/jpeg" ? [] : [ExportReport.Transform(kind: "converted", from: mimeType, to: "image/jpeg")]
                        return PreparedImage(bytes: jpeg, mimeType: "image/jpeg", width: scaled.width, height: scaled.height,
                                             transforms: merge(converted, steps + [.init(kind: "recompressed", quality: Int(quality))]))
                    }
                }
            }
            factor = min(factor, 1) * 0.75
        }
        throw Failure(reason: "it does not fit in \(profile.maxFileBytes) bytes even scaled down")
    }

    /// The EXIF orientation of a JPEG, PNG or WebP photo (told from its first bytes) when it asks
    /// for a turn or a flip (2...8); nil when it is 1 (upright), absent, not 1...8, or the format
    /// carries none (GIF; HEIC is decoded upright by libheif, which applies `irot`/`imir`).
    static func exifOrientation(_ bytes: [UInt8]) -> Int? {
        let format: ek_image_format
        switch LocationStripper.format(of: bytes) {
        case .jpeg: format = .jpeg
        case .png: format = .png
        case .webp: format = .webp
        case nil: return nil
        }
        let value = bytes.withUnsafeBufferPointer { ek_exif_orientation($0.baseAddress, $0.count, format) }
        return (2...8).contains(value) ? Int(value) : nil
    }

    /// `bytes` decoded and turned upright (``upright(_:orientation:transforms:)``); the image as
    /// stored is released on return, so only one full-size copy outlives the turn.
    private static func decodeUpright(_ bytes: [UInt8], orientation: Int?, transforms: inout [ExportReport.Transform]) throws(Failure) -> LeptImage {
        guard let decoded = LeptImage.decode(bytes) else { throw Failure(reason: "the image could not be decoded") }
        return try upright(decoded, orientation: orientation, transforms: &transforms)
    }

    /// `image` as a viewer that honours EXIF `orientation` displays it (nil: as it is), with a
    /// `rotated` step (`from: exif-orientation-N`, `to: upright`) added to `transforms`.
    static func upright(_ image: LeptImage, orientation: Int?, transforms: inout [ExportReport.Transform]) throws(Failure) -> LeptImage {
        guard let orientation else { return image }
        let turned: LeptImage?
        switch orientation {
        case 2: turned = LeptImage(pixFlipLR(nil, image.pix))
        case 3: turned = LeptImage(pixRotateOrth(image.pix, 2))
        case 4: turned = LeptImage(pixFlipTB(nil, image.pix))
        case 5: turned = LeptImage(pixRotateOrth(image.pix, 1)).flatMap { LeptImage(pixFlipLR(nil, $0.pix)) }  // transpose
        case 6: turned = LeptImage(pixRotateOrth(image.pix, 1))
        case 7: turned = LeptImage(pixRotateOrth(image.pix, 1)).flatMap { LeptImage(pixFlipTB(nil, $0.pix)) }  // transverse
        case 8: turned = LeptImage(pixRotateOrth(image.pix, 3))
        default: turned = image
        }
        guard let turned else { throw Failure(reason: "turning it upright (EXIF orientation \(orientation)) failed") }
        transforms.append(.init(kind: "rotated", from: "exif-orientation-\(orientation)", to: "upright"))
        return turned
    }

    /// A "converted" step goes first, after any earlier conversion.
    private static func merge(_ converted: [ExportReport.Transform], _ steps: [ExportReport.Transform]) -> [ExportReport.Transform] {
        let earlier = steps.filter { $0.kind == "converted" }
        return earlier + (earlier.isEmpty ? converted : []) + steps.filter { $0.kind != "converted" }
    }

    /// The file as it is (GPS removed unless kept), or nil when it must be re-encoded.
    private static func asIs(_ bytes: [UInt8], mimeType: String, size: (width: Int, height: Int), keepLocation: Bool) -> PreparedImage? {
        if keepLocation || mimeType == "image/gif" {
            return PreparedImage(bytes: bytes, mimeType: mimeType, width: size.width, height: size.height, transforms: [])
        }
        switch LocationStripper.strip(bytes) {
        case .unchanged:
            return PreparedImage(bytes: bytes, mimeType: mimeType, width: size.width, height: size.height, transforms: [])
        case .stripped(let copy, _):
            return PreparedImage(bytes: copy, mimeType: mimeType, width: size.width, height: size.height,
                                 transforms: [.init(kind: "location-removed")])
        case .failed:
            return nil  // re-encoded instead: no metadata survives
        }
    }

    /// Leptonica prints its errors on stderr unless told not to; the library never prints.
    private static let setMsgSeverityOnce: Void = { _ = setMsgSeverity(Int32(L_SEVERITY_NONE)) }()

    /// 32-bit RGB without alpha (transparent areas on white), for JPEG.
    static func flattened(_ image: LeptImage) -> LeptImage? {
        guard let rgb = LeptImage(pixConvertTo32(image.pix)) else { return nil }
        if pixGetSpp(rgb.pix) == 4 { return LeptImage(pixAlphaBlendUniform(rgb.pix, 0xFFFF_FF00)) }
        return rgb
    }

    static func encodeJPEG(_ image: LeptImage, quality: Int32) -> [UInt8]? {
        var data: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard pixWriteMemJpeg(&data, &size, image.pix, quality, 0) == 0, let data else { return nil }
        defer { lept_free(data) }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    static func encodePNG(_ image: LeptImage) -> [UInt8]? {
        var data: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard pixWriteMemPng(&data, &size, image.pix, 0) == 0, let data else { return nil }
        defer { lept_free(data) }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}

/// An image decoded for a PDF page: 24-bit RGB words (0x00RRGGBB, cairo's RGB24) and, for photos,
/// the same pixels as JPEG so the PDF embeds the JPEG rather than raw pixels.
struct RasterImage: Sendable {
    var width: Int
    var height: Int
    var pixels: [UInt32]
    var jpeg: [UInt8]?
    /// Whether it was scaled down to `maxSide`.
    var scaled: Bool
}

extension PlatformImages {
    /// Decodes `bytes` (PNG, JPEG, WebP, GIF) for a PDF page, turned upright for its EXIF
    /// orientation (the step added to `transforms`), at most `maxSide` pixels on its long side.
    static func raster(_ bytes: [UInt8], maxSide: Int, photo: Bool, transforms: inout [ExportReport.Transform]) throws(Failure) -> RasterImage {
        guard let size = LeptImage.dimensions(bytes) else { throw Failure(reason: "unknown image format") }
        guard size.width * size.height <= maxDecodePixels else {
            throw Failure(reason: "\(size.width)x\(size.height) pixels is more than \(maxDecodePixels)")
        }
        _ = setMsgSeverityOnce
        var steps: [ExportReport.Transform] = []
        let image = try decodeUpright(bytes, orientation: exifOrientation(bytes), transforms: &steps)
        let factor = min(1, Double(maxSide) / Double(max(image.width, image.height)))
        guard let scaled = factor < 1 ? LeptImage(pixScale(image.pix, Float(factor), Float(factor))) : image,
              let flat = flattened(scaled) else { throw Failure(reason: "scaling failed") }
        let width = flat.width, height = flat.height
        let words = pixGetData(flat.pix)!, perLine = Int(pixGetWpl(flat.pix))
        var pixels = [UInt32](repeating: 0, count: width * height)
        for y in 0..<height {
            let line = words + y * perLine
            for x in 0..<width { pixels[y * width + x] = line[x] >> 8 }
        }
        transforms += steps
        return RasterImage(width: width, height: height, pixels: pixels, jpeg: photo ? encodeJPEG(flat, quality: 85) : nil,
                           scaled: factor < 1)
    }
}
