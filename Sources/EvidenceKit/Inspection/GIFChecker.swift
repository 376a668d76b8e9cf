internal import CDecoders

/// GIF integrity: giflib reads every record and hands over every frame's LZW codes, which are
/// checked against the LZW dictionary (each code must name an entry that exists, and the codes
/// must cover every pixel of the frame). A file that ends early, a code the dictionary does not
/// hold, image data that stops short, or a missing trailer (`0x3B`) is damage. The logical
/// screen and each frame are checked against ``InspectionLimits/maxPixels`` from their
/// descriptors before any image data is read.
final class GIFChecker: WholeFileChecker {
    private var head: [UInt8] = []
    private var tail = TailWindow(capacity: 1)
    /// Runs the C check (`ek_gif_check`); tests pass one that cannot start.
    typealias Decode = @Sendable (UnsafeBufferPointer<UInt8>, InspectionLimits, inout ek_gif_result) -> Void
    private let decode: Decode

    static let giflib: Decode = { bytes, limits, result in
        var c = limits.decoderLimits
        ek_gif_check(bytes.baseAddress, bytes.count, &c, &result)
    }

    init(limits: InspectionLimits, expectedSize: UInt64 = 0, decode: @escaping Decode = GIFChecker.giflib) {
        self.decode = decode
        super.init(limits: limits, expectedSize: expectedSize)
    }

    override func streamed(_ chunk: UnsafeRawBufferPointer) {
        tail.append(chunk)
        if head.count < 6 { head.append(contentsOf: chunk.prefix(6 - head.count)) }
    }

    override func partialCheck(size: UInt64) -> CheckOutcome {
        var outcome = super.partialCheck(size: size)
        if head != Array("GIF87a".utf8) && head != Array("GIF89a".utf8) {
            outcome.findings.append(.gifCorrupt("no GIF87a/GIF89a header"))
        } else if tail.bytes != [0x3B] {
            outcome.findings.append(.gifCorrupt("the file does not end with the GIF trailer (truncated)"))
        }
        return outcome
    }

    override func fullCheck(size: UInt64) -> CheckOutcome {
        var outcome = CheckOutcome()
        var result = ek_gif_result()
        buffer.bytes.withUnsafeBufferPointer { bytes in decode(bytes, limits, &result) }
        if result.width > 0 && result.height > 0 {
            outcome.metadata.width = Int(result.width)
            outcome.metadata.height = Int(result.height)
        }
        switch result.status {
        case .valid, .repaired:
            if result.trailing_bytes > 0 { outcome.findings.append(.trailingData(result.trailing_bytes)) }
        case .too_large:
            outcome.findings.append(.imageTooLarge(width: Int(result.width), height: Int(result.height)))
        case .corrupt, .password:
            outcome.findings.append(.gifCorrupt(string(fromCCharArray: result.message)))
        case .not_run, .work_limit:
            outcome.unfinished = UnfinishedCheck(result.status, format: "GIF", detail: string(fromCCharArray: result.message))
        }
        return outcome
    }
}

extension Finding {
    static func gifCorrupt(_ detail: String) -> Finding {
        .error("gif.corrupt",
               zh: "GIF 图片已损坏或不完整（\(detail)），无法正常打开或动画会中断。请从原始来源（淘宝/天猫 App、聊天窗口或相册）重新保存原图。",
               en: "The GIF image is damaged or incomplete (\(detail)); it will not open or its animation breaks off. Save the original again from where it came from (the Taobao/Tmall app, the chat or the album).")
    }
}
