import EvidenceKit

/// One payload or tag file read from inside a received or packed bundle for a preview (bounded,
/// never extracted: ``BundleEntryReader``), on the blocking-work queue, with its failures as the
/// front end's JSON errors: `PREFIX.entry-not-found` (404), `PREFIX.entry-too-large` (413) and
/// `PREFIX.entry-unreadable` (422), each naming the entry. `serve` and `desk` both answer with it.
public func readBundleEntry(bundle: String, path: String, maxBytes: Int, limits: VerificationLimits = VerificationLimits(),
                            codePrefix: String) async throws -> [UInt8] {
    do {
        return try await offload { () throws -> [UInt8] in
            try BundleEntryReader.read(bundle: bundle, path: path, maxBytes: maxBytes, limits: limits)
        }
    } catch let failure as BundleEntryReader.Failure {
        switch failure {
        case .notFound:
            throw APIError(.notFound, code: "\(codePrefix).entry-not-found", zh: "证据包中没有“\(path)”。", en: "the bundle holds no “\(path)”.", file: path)
        case .tooLarge:
            throw APIError(.contentTooLarge, code: "\(codePrefix).entry-too-large", zh: "“\(path)”超过预览上限 \(maxBytes) 字节。",
                           en: "“\(path)” is larger than the preview limit of \(maxBytes) bytes.", file: path)
        case .unreadable(let detail):
            throw APIError(.unprocessableContent, code: "\(codePrefix).entry-unreadable", zh: "无法读取“\(path)”：\(detail)",
                           en: "cannot read “\(path)”: \(detail)", file: path)
        }
    }
}
