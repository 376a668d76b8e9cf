internal import CDecoders

/// WebP integrity: the RIFF size must match the file, libwebpdemux must accept the chunk
/// structure, and libwebp decodes every frame's bitstream (still or animated, lossy or
/// lossless; at 1/8 output scale, so every macroblock is still decoded). Canvas and frame sizes
/// are checked against ``InspectionLimits/maxPixels`` from the headers before any decoding.
/// EXIF comes from the `EXIF` chunk through libexif.
final class WebPChecker: WholeFileChecker {
    private var head: [UInt8] = []
    /// Runs the C check (`ek_webp_check`); tests pass one that cannot start.
    typealias Decode = @Sendable (UnsafeBufferPointer<UInt8>, InspectionLimits, inout ek_webp_result) -> Void
    private let decode: Decode

    static let libwebp: Decode = { bytes, limits, result in
        var c = limits.decoderLimits
        ek_webp_check(bytes.baseAddress, bytes.count, &c, &result)
    }

    init(limits: InspectionLimits, expectedSize: UInt64 = 0, decode: @escaping Decode = WebPChecker.libwebp) {
        self.decode = decode
        super.init(limits: limits, expectedSize: expectedSize)
    }

    override func streamed(_ chunk: UnsafeRawBufferPointer) {
        if head.count < 12 { head.append(contentsOf: chunk.prefix(12 - head.count)) }
    }

    /// Streaming only: the RIFF header and its size against the file's.
    override func partialCheck(size: UInt64) -> CheckOutcome {
        var outcome = super.partialCheck(size: size)
        guard head.count == 12, head.starts(with: Array("RIFF".utf8)), head[8..<12].elementsEqual("WEBP".utf8) else {
            outcome.findings.append(.webpCorrupt("no RIFF/WEBP header"))
            return outcome
        }
        let riffEnd = (UInt64(head[4]) | UInt64(head[5]) << 8 | UInt64(head[6]) << 16 | UInt64(head[7]) << 24) + 8
        if riffEnd > size {
            outcome.findings.append(.webpCorrupt("the RIFF header announces \(riffEnd) bytes but the file has \(size) (truncated)"))
        } else if riffEnd < size {
            outcome.findings.append(.trailingData(size - riffEnd))
        }
        return outcome
    }

    override func fullCheck(size: UInt64) -> CheckOutcome {
        var outcome = CheckOutcome()
        var result = ek_webp_result()
        buffer.bytes.withUnsafeBufferPointer { bytes in decode(bytes, limits, &result) }
        if result.width > 0 && result.height > 0 {
            outcome.metadata.width = Int(result.width)
            outcome.metadata.height = Int(result.height)
        }
        switch result.status {
        case .valid, .repaired:
            if result.trailing_bytes > 0 { outcome.findings.append(.trailingData(result.trailing_bytes)) }
            if result.frames_decoded < result.frame_count {
                outcome.findings.append(.framesNotDecoded(decoded: Int(result.frames_decoded), of: Int(result.frame_count),
                                                          limit: limits.workBudget(size: UInt64(buffer.bytes.count))))
            }
        case .too_large:
            outcome.findings.append(.imageTooLarge(width: Int(result.width), height: Int(result.height)))
        case .corrupt, .password:
            outcome.findings.append(.webpCorrupt(string(fromCCharArray: result.message)))
        case .not_run, .work_limit:
            outcome.unfinished = UnfinishedCheck(result.status, format: "WebP", detail: string(fromCCharArray: result.message))
        }
        if result.exif_size > 0, result.exif_offset + result.exif_size <= UInt64(buffer.bytes.count) {
            let payload = buffer.bytes[Int(result.exif_offset)..<Int(result.exif_offset + result.exif_size)]
            // The WebP container stores a bare TIFF block; some writers keep JPEG's "Exif\0\0" prefix.
            let prefix: [UInt8] = Array("Exif".utf8) + [0, 0]
            let block = payload.starts(with: prefix) ? Array(payload) : prefix + payload
            block.withUnsafeBytes { EXIFReader.read($0, into: &outcome.metadata) }
        }
        CredibilityScan.webp(buffer.bytes, into: &outcome.metadata)
        return outcome
    }
}

extension Finding {
    static func webpCorrupt(_ detail: String) -> Finding {
        .error("webp.corrupt",
               zh: "WebP 图片已损坏或不完整（\(detail)），无法正常打开。请从原始来源（淘宝/天猫 App、聊天窗口或相册）重新保存原图。",
               en: "The WebP image is damaged or incomplete (\(detail)) and will not open properly. Save the original again from where it came from (the Taobao/Tmall app, the chat or the album).")
    }

    static func framesNotDecoded(decoded: Int, of total: Int, limit: UInt64) -> Finding {
        .info("image.frames-not-decoded",
              zh: "动图共 \(total) 帧，只解码检查了前 \(decoded) 帧（上限 \(limit) 像素），其余帧只检查了结构。",
              en: "The animation has \(total) frames; the first \(decoded) were decoded (limit \(limit) pixels), the rest were checked for structure only.")
    }
}
