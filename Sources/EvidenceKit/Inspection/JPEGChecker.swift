internal import CDecoders
import Foundation

/// JPEG integrity: libjpeg-turbo decodes every entropy-coded block (at 1/8 scale), and any of
/// its "corrupt data" warnings (premature end, bad Huffman code, broken segment length) marks
/// the file as damaged. EXIF comes from libexif on the same bytes.
final class JPEGChecker: WholeFileChecker {
    private var tail = TailWindow(capacity: 2)
    /// Runs the C check (`ek_jpeg_check`); tests pass one that cannot start.
    typealias Decode = @Sendable (UnsafeBufferPointer<UInt8>, InspectionLimits, inout ek_jpeg_result) -> Void
    private let decode: Decode

    static let libjpeg: Decode = { bytes, limits, result in
        var c = limits.decoderLimits
        ek_jpeg_check(bytes.baseAddress, bytes.count, &c, &result)
    }

    init(limits: InspectionLimits, expectedSize: UInt64 = 0, decode: @escaping Decode = JPEGChecker.libjpeg) {
        self.decode = decode
        super.init(limits: limits, expectedSize: expectedSize)
    }

    override func streamed(_ chunk: UnsafeRawBufferPointer) { tail.append(chunk) }

    override func partialCheck(size: UInt64) -> CheckOutcome {
        var outcome = super.partialCheck(size: size)
        if tail.bytes != [0xFF, 0xD9] { outcome.findings.append(.jpegCorrupt("no end-of-image marker (truncated)")) }
        return outcome
    }

    override func fullCheck(size: UInt64) -> CheckOutcome {
        var outcome = CheckOutcome()
        var result = ek_jpeg_result()
        buffer.bytes.withUnsafeBufferPointer { bytes in decode(bytes, limits, &result) }
        if result.width > 0 && result.height > 0 {
            outcome.metadata.width = Int(result.width)
            outcome.metadata.height = Int(result.height)
        }
        let detail = string(fromCCharArray: result.message)
        switch result.status {
        case .valid, .repaired:
            if result.trailing_bytes > 0 {
                let start = buffer.bytes.count - Int(min(result.trailing_bytes, UInt64(buffer.bytes.count)))
                let padding = buffer.bytes[start...].prefix(16).prefix { $0 == 0 }.count
                if buffer.bytes[(start + padding)...].starts(with: [0xFF, 0xD8, 0xFF]) {
                    // MPO, Ultra HDR gain maps and depth maps append further JPEGs: normal for phones.
                    outcome.findings.append(.info(
                        "jpeg.secondary-image",
                        zh: "照片末尾附带了第二张 JPEG（多图/HDR 增益图/景深图，手机常见）。",
                        en: "A second JPEG follows the photo (multi-picture, HDR gain map or depth map: common on phones)."))
                } else {
                    outcome.findings.append(.trailingData(result.trailing_bytes))
                }
            }
        case .too_large:
            outcome.findings.append(.imageTooLarge(width: Int(result.width), height: Int(result.height)))
        case .corrupt, .password:
            outcome.findings.append(.jpegCorrupt(detail))
        case .not_run, .work_limit:
            outcome.unfinished = UnfinishedCheck(result.status, format: "JPEG", detail: detail)
        }
        buffer.bytes.withUnsafeBufferPointer { bytes in
            EXIFReader.read(UnsafeRawBufferPointer(bytes), into: &outcome.metadata)
        }
        CredibilityScan.jpeg(buffer.bytes, into: &outcome.metadata)
        return outcome
    }
}

extension Finding {
    static func jpegCorrupt(_ detail: String) -> Finding {
        .error("jpeg.corrupt",
               zh: "JPEG 图片已损坏或不完整（\(detail)），打开时会缺损或花屏。请从手机相册重新导出原图。",
               en: "The JPEG image is damaged or incomplete (\(detail)); it shows grey or garbled areas. Export the original again from the phone's album.")
    }
}

/// EXIF through libexif: capture time, camera, GPS presence.
enum EXIFReader {
    /// Reads EXIF from a JPEG file or an `Exif\0\0`-prefixed TIFF block and fills `metadata`.
    static func read(_ bytes: UnsafeRawBufferPointer, into metadata: inout FileMetadata) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var exif = ek_exif_result()
        ek_exif_read(base.assumingMemoryBound(to: UInt8.self), bytes.count, &exif)
        metadata.hasEXIF = exif.found != 0
        guard exif.found != 0 else { return }
        let software = cString(exif.software)
        if !software.isEmpty { metadata.software = software }
        let original = cString(exif.date_time_original)
        if let time = captureTime(original, offset: cString(exif.offset_time_original)) {
            metadata.captureTime = time
        }
        let make = cString(exif.make), model = cString(exif.model)
        let camera = model.lowercased().hasPrefix(make.lowercased()) || make.isEmpty ? model : "\(make) \(model)"
        if !camera.isEmpty { metadata.cameraModel = camera }
        metadata.hasGPS = exif.has_gps != 0
        if exif.has_position != 0 {
            metadata.gpsLatitude = exif.latitude
            metadata.gpsLongitude = exif.longitude
        }
        let serial = cString(exif.body_serial)
        if !serial.isEmpty { metadata.cameraSerial = serial }
    }

    /// `2026:11:05 14:03:22` (+ `+08:00`) → `2026-11-05T14:03:22+08:00`; nil when not a real time.
    static func captureTime(_ value: String, offset: String) -> String? {
        let parts = value.split(whereSeparator: { $0 == ":" || $0 == " " }).map(String.init)
        guard parts.count == 6, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let hour = Int(parts[3]), let minute = Int(parts[4]), let second = Int(parts[5]),
              (1970...2100).contains(year), (1...12).contains(month), (1...31).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        var text = "\(parts[0])-\(parts[1])-\(parts[2])T\(parts[3]):\(parts[4]):\(parts[5])"
        let isOffset = offset.count == 6 && (offset.first == "+" || offset.first == "-")
        if isOffset { text += offset }
        return text
    }

    private static func cString<T>(_ tuple: T) -> String {
        string(fromCCharArray: tuple).trimmingCharacters(in: .whitespaces)
    }
}
