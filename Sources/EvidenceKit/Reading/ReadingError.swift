/// Why a file's text could not be read, or why reading cannot start.
public struct ReadingError: Error, Sendable, CustomStringConvertible {
    /// Machine-readable reasons.
    public enum Code: String, Sendable, Codable {
        /// Tesseract or its language data (chi_sim, eng) is not installed.
        case ocrUnavailable = "reading.ocr-unavailable"
        /// The image is larger than the pixel limit; it was not decoded.
        case imageTooLarge = "reading.image-too-large"
        /// The image could not be decoded.
        case imageUnreadable = "reading.image-unreadable"
        /// The PDF could not be opened (damaged or not a PDF).
        case pdfUnreadable = "reading.pdf-unreadable"
        /// The PDF is encrypted with a password.
        case pdfEncrypted = "reading.pdf-encrypted"
        /// The file could not be read from disk.
        case fileUnreadable = "reading.file-unreadable"
    }

    /// The reason.
    public var code: Code
    /// The file concerned (nil for ``Code/ocrUnavailable``).
    public var path: String?
    /// Low-level detail (the library's own words or the limit hit).
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, path: String?, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    /// What went wrong and what to do, in both languages.
    public var message: LocalizedText {
        let p = path ?? ""
        switch code {
        case .ocrUnavailable:
            return LocalizedText(
                zh: "无法启动文字识别（\(detail)）。请安装 Tesseract 及中英文语言数据：运行 make build，或 apt-get install libtesseract-dev tesseract-ocr-chi-sim tesseract-ocr-eng；也可以关闭文字识别。",
                en: "Cannot start text recognition (\(detail)). Install Tesseract and its Chinese and English data: run `make build` or `apt-get install libtesseract-dev tesseract-ocr-chi-sim tesseract-ocr-eng`; or turn text recognition off.")
        case .imageTooLarge:
            return LocalizedText(
                zh: "\(p)：图片尺寸过大（\(detail)），未读取其中的文字。请提供原始截图，或裁剪成较小的图片。",
                en: "\(p): the image is too large (\(detail)); its text was not read. Provide the original screenshot or crop it to a smaller image.")
        case .imageUnreadable:
            return LocalizedText(
                zh: "\(p)：无法解码图片（\(detail)），未读取其中的文字。请重新导出或截图。",
                en: "\(p): the image cannot be decoded (\(detail)); its text was not read. Export or capture it again.")
        case .pdfUnreadable:
            return LocalizedText(
                zh: "\(p)：无法打开 PDF（\(detail)），未读取其中的文字。请从原处重新下载该文件。",
                en: "\(p): the PDF cannot be opened (\(detail)); its text was not read. Download the file again from where it came from.")
        case .pdfEncrypted:
            return LocalizedText(
                zh: "\(p)：PDF 设有密码，无法读取其中的文字。请提供未加密的版本。",
                en: "\(p): the PDF is password-protected; its text cannot be read. Provide an unencrypted copy.")
        case .fileUnreadable:
            return LocalizedText(
                zh: "无法读取 \(p)（\(detail)）。请检查文件和读取权限。",
                en: "Cannot read \(p) (\(detail)). Check the file and read permission.")
        }
    }

    public var description: String { "\(code.rawValue): \(message.en)" }
}

extension ReadingError: EvidenceKitError {}
