internal import CDecoders

/// PDF integrity: a `%PDF-` header near the start and `%%EOF` near the end (read as the file
/// streams past), then qpdf opens the structure (cross-reference table, trailer, page tree) to
/// count pages and tell whether the file is encrypted or needed repair.
final class PDFChecker: WholeFileChecker {
    private var head: [UInt8] = []
    private var tail = TailWindow(capacity: 1024)
    /// Runs the C check (`ek_pdf_check`); tests pass one that cannot start.
    typealias Decode = @Sendable (UnsafeBufferPointer<UInt8>, InspectionLimits, inout ek_pdf_result) -> Void
    private let decode: Decode

    static let qpdf: Decode = { bytes, limits, result in
        var c = limits.decoderLimits
        ek_pdf_check(bytes.baseAddress, bytes.count, &c, &result)
    }

    init(limits: InspectionLimits, expectedSize: UInt64 = 0, decode: @escaping Decode = PDFChecker.qpdf) {
        self.decode = decode
        super.init(limits: limits, expectedSize: expectedSize)
    }

    override func streamed(_ chunk: UnsafeRawBufferPointer) {
        if head.count < 1024 { head.append(contentsOf: chunk.prefix(1024 - head.count)) }
        tail.append(chunk)
    }

    /// The header and end markers, seen while streaming whatever the file's size.
    private func markerCheck() -> CheckOutcome {
        var outcome = CheckOutcome()
        let header = Array("%PDF-".utf8)
        if let offset = firstIndex(of: header, in: head) {
            if offset > 0 {
                outcome.findings.append(.warning(
                    "pdf.header-offset",
                    zh: "PDF 头部前有 \(offset) 字节的其他数据（可能是伪装或拼接的文件）。",
                    en: "\(offset) bytes of other data come before the PDF header (a disguised or concatenated file)."))
            }
        } else {
            outcome.findings.append(.pdfCorrupt(LocalizedText(zh: "缺少 %PDF- 文件头", en: "no %PDF- header")))
        }
        if !contains(tail.bytes, Array("%%EOF".utf8)) {
            outcome.findings.append(.pdfCorrupt(LocalizedText(zh: "结尾缺少 %%EOF，文件可能被截断", en: "no %%EOF at the end: the file is probably truncated")))
        }
        return outcome
    }

    override func partialCheck(size: UInt64) -> CheckOutcome {
        var outcome = markerCheck()
        outcome.findings.append(.tooLargeForFullCheck(limits.maxBufferedBytes))
        return outcome
    }

    override func fullCheck(size: UInt64) -> CheckOutcome {
        var outcome = markerCheck()
        guard outcome.findings.allSatisfy({ $0.severity != .error }) else { return outcome }
        var result = ek_pdf_result()
        buffer.bytes.withUnsafeBufferPointer { bytes in decode(bytes, limits, &result) }
        let detail = string(fromCCharArray: result.message)
        outcome.metadata.encrypted = result.encrypted != 0
        if result.page_count >= 0 { outcome.metadata.pageCount = Int(result.page_count) }
        switch result.status {
        case .valid:
            break
        case .repaired:
            outcome.findings.append(.warning(
                "pdf.repaired",
                zh: "PDF 结构有损坏，阅读器需要修复后才能打开（\(detail)）。建议重新下载或导出。",
                en: "The PDF structure is damaged and readers must repair it to open it (\(detail)). Download or export it again."))
        case .password:
            outcome.findings.append(.error(
                "pdf.password-required",
                zh: "PDF 已加密，需要密码才能打开：审核方无法查看。请提供未加密的版本。",
                en: "The PDF is encrypted and needs a password to open: reviewers cannot read it. Provide an unencrypted copy."))
        case .corrupt, .too_large:
            outcome.findings.append(.pdfCorrupt(LocalizedText(zh: detail, en: detail)))
        case .not_run, .work_limit:
            outcome.unfinished = UnfinishedCheck(result.status, format: "PDF", detail: detail)
        }
        if result.encrypted != 0 && result.status != .password {
            outcome.findings.append(.warning(
                "pdf.encrypted",
                zh: "PDF 已加密（无需密码即可打开，但可能禁止打印或复制）。",
                en: "The PDF is encrypted (it opens without a password, but printing or copying may be restricted)."))
        }
        return outcome
    }
}

extension Finding {
    static func pdfCorrupt(_ detail: LocalizedText) -> Finding {
        .error("pdf.corrupt",
               zh: "PDF 文件已损坏（\(detail.zh)）。请重新下载或重新导出该文件。",
               en: "The PDF file is damaged (\(detail.en)). Download or export it again.")
    }
}
