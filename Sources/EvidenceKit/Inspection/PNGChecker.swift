internal import CDecoders

/// PNG integrity: libpng decodes every chunk as it streams past, with CRC errors in any chunk
/// treated as damage and a missing IEND as truncation. When the C checker cannot be created
/// the outcome is `check.not-run`, never a clean bill.
final class PNGChecker: ContentChecker {
    private let checker: OpaquePointer?
    private var failed = false
    private var credibility = PNGCredibilityScanner()

    /// Makes the C checker (`ek_png_checker_create`); nil when it could not be made.
    typealias Factory = @Sendable (InspectionLimits, UInt64) -> OpaquePointer?

    static let libpng: Factory = { limits, expectedSize in
        var c = limits.decoderLimits
        return ek_png_checker_create(&c, expectedSize)
    }

    /// - Parameters:
    ///   - limits: pixel limit and work budget.
    ///   - expectedSize: the file's size, which sets its work budget (0 when unknown: the base
    ///     allowance only).
    ///   - factory: makes the C checker (tests pass one that fails).
    init(limits: InspectionLimits, expectedSize: UInt64 = 0, factory: Factory = PNGChecker.libpng) {
        checker = factory(limits, expectedSize)
    }

    deinit { ek_png_checker_destroy(checker) }

    func consume(_ chunk: UnsafeRawBufferPointer) {
        credibility.feed(chunk)
        guard let checker, !failed, let base = chunk.baseAddress, chunk.count > 0 else { return }
        if ek_png_checker_feed(checker, base.assumingMemoryBound(to: UInt8.self), chunk.count) != 0 {
            failed = true
        }
    }

    func finish(size: UInt64) -> CheckOutcome {
        var outcome = CheckOutcome()
        guard let checker else {
            outcome.unfinished = .notRun(format: "PNG", reason: "libpng could not be set up: out of memory")
            return outcome
        }
        let sound = !failed && ek_png_checker_finish(checker) == 0
        let width = ek_png_checker_width(checker), height = ek_png_checker_height(checker)
        if width > 0 && height > 0 {
            outcome.metadata.width = Int(width)
            outcome.metadata.height = Int(height)
        }
        if !sound {
            let detail = String(cString: ek_png_checker_message(checker))
            let status = ek_png_checker_status(checker)
            if let unfinished = UnfinishedCheck(status, format: "PNG", detail: detail) {
                outcome.unfinished = unfinished
            } else if status == .too_large {
                outcome.findings.append(.imageTooLarge(width: Int(width), height: Int(height)))
            } else {
                outcome.findings.append(.error(
                    "png.corrupt",
                    zh: "PNG 图片已损坏（\(detail)），无法正常打开。请从原始来源重新导出或重新截图。",
                    en: "The PNG image is damaged (\(detail)) and will not open properly. Export or capture it again from the original source."))
            }
        } else if ek_png_checker_trailing_bytes(checker) > 0 {
            outcome.findings.append(.trailingData(ek_png_checker_trailing_bytes(checker)))
        }
        credibility.finish(into: &outcome.metadata)
        let warnings = ek_png_checker_warning_count(checker)
        if sound && warnings > 0 {
            let detail = String(cString: ek_png_checker_warning(checker))
            outcome.findings.append(.info(
                "png.warning",
                zh: "PNG 有 \(warnings) 处非致命问题（\(detail)）。",
                en: "The PNG has \(warnings) non-fatal issue(s) (\(detail))."))
        }
        return outcome
    }
}

extension Finding {
    static func imageTooLarge(width: Int, height: Int) -> Finding {
        .error("image.too-large",
               zh: "图片声明的尺寸 \(width)×\(height) 超出检查上限（疑似解压炸弹），未解码。请提供正常尺寸的原图。",
               en: "The image claims \(width)×\(height) pixels, beyond the checking limit (a possible decompression bomb); it was not decoded. Provide the photo at a normal size.")
    }

    static func trailingData(_ count: UInt64) -> Finding {
        .warning("format.trailing-data",
                 zh: "文件结尾之后还附加了 \(count) 字节的数据（可能藏有其他文件）。请提供未经处理的原始文件。",
                 en: "\(count) bytes follow the end of the image (another file may be hidden there). Provide the untouched original.")
    }
}
