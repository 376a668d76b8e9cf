import EvidenceKit
import EvidenceServer
import Foundation
import Hummingbird

/// The JSON API (`Docs/openapi/desk.json`): intake by upload, the queue (JSON and CSV), a
/// case, its decisions and previews of the evidence inside the stored bundle.
struct DeskAPI: Sendable {
    let server: DeskServer
    var desk: Desk { server.desk }

    func add(to router: RouterGroup<DeskRequestContext>) {
        router.get("/api/v1/openapi.json") { _, _ in DeskServer.openAPI.response() }
        router.get("/api/v1/me") { _, context in try JSONBody.response(context.identity) }
        router.post("/api/v1/bundles") { request, context in try await upload(request, context) }
        router.get("/api/v1/bundles") { request, _ in try await queue(request) }
        router.get("/api/v1/bundles.csv") { request, _ in try await csv(request) }
        router.get("/api/v1/bundles/:id") { _, context in try await bundle(context) }
        router.get("/api/v1/bundles/:id/decisions") { _, context in
            let id = try context.parameters.require("id")
            _ = try await record(id)
            return try JSONBody.response(DecisionList(decisions: try await run { try await desk.records.decisions(bundleID: id) }))
        }
        router.post("/api/v1/bundles/:id/decisions") { request, context in
            let id = try context.parameters.require("id")
            let body = try await JSONBody.decode(DecisionRequest.self, from: request, limit: 64 << 10, prefix: "desk")
            guard let user = context.identity else { throw APIError(.unauthorized, code: "desk.unauthorized", zh: "未登录。", en: "not signed in.") }
            let made = try await run { try await desk.records.decide(bundleID: id, decision: body.decision, note: body.note ?? "", user: user) }
            return try JSONBody.response(made, status: .created)
        }
        router.get("/api/v1/bundles/:id/entries/**") { _, context in try await entry(context) }
    }

    struct DecisionRequest: Decodable {
        var decision: String
        var note: String?
    }

    struct DecisionList: Encodable {
        var decisions: [DeskDecision]
    }

    struct Queue: Encodable {
        var total: Int
        var limit: Int
        var offset: Int
        var bundles: [BundleRecord]
    }

    /// One case: the record, the verifier's report, the evidence listed in `evidence.json`,
    /// the decision history.
    struct Case: Encodable {
        var bundle: BundleRecord
        var report: VerificationReport?
        var entries: [Entry]
        var decisions: [DeskDecision]
        struct Entry: Encodable {
            var path: String
            var role: String
            var originalName: String
            var size: UInt64
            var mimeType: String
            var note: String?
        }
    }

    /// Maps the desk's errors to HTTP.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DeskError {
            throw Self.apiError(error)
        }
    }

    static func apiError(_ error: DeskError) -> APIError {
        let status: HTTPResponse.Status
        switch error.code {
        case .notFound: status = .notFound
        case .badDecision, .badFilter: status = .badRequest
        case .tooLarge: status = .contentTooLarge
        case .databaseUnavailable: status = .serviceUnavailable
        case .userExists: status = .conflict
        default: status = .internalServerError
        }
        return APIError(status, code: error.code.rawValue, zh: error.message.zh, en: error.message.en)
    }

    func record(_ id: String) async throws -> BundleRecord {
        guard let record = try await run({ try await desk.records.record(id: id) }) else {
            throw Self.apiError(DeskError(.notFound, id))
        }
        return record
    }

    func upload(_ request: Request, _ context: DeskRequestContext) async throws -> Response {
        let type = request.headers[.contentType]?.lowercased().split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard ["application/zip", "application/gzip", "application/x-gzip"].contains(type) else {
            throw APIError(.unsupportedMediaType, code: "desk.unsupported-media-type",
                           zh: "请以 application/zip 或 application/gzip 上传证据包（.zip 或 .tar.gz），收到的是“\(type)”。",
                           en: "upload the bundle as application/zip or application/gzip (.zip or .tar.gz), not “\(type)”.")
        }
        guard let user = context.identity else { throw APIError(.unauthorized, code: "desk.unauthorized", zh: "未登录。", en: "not signed in.") }
        let (temporary, _) = try await UploadSpool.spool(request.body, into: desk.store.incoming, limit: server.configuration.maxUploadSize, prefix: "desk")
        defer { unlink(temporary) }
        let result = try await run { try await desk.pipeline.intake(temporary, source: "upload:" + user.name, intakeKey: UUID().uuidString.lowercased()) }
        return try JSONBody.response(result.record, status: result.record.duplicateOf == nil ? .created : .ok,
                                     headers: [.location: "/api/v1/bundles/" + result.record.id])
    }

    static func filter(_ request: Request, defaultLimit: Int) throws -> BundleFilter {
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? { query[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
        func number(_ name: String, _ fallback: Int) throws -> Int {
            guard let text = value(name) else { return fallback }
            guard let number = Int(text), number >= 0 else {
                throw apiError(DeskError(.badFilter, "\(name)=\(text)", detail: "a whole number >= 0"))
            }
            return number
        }
        return BundleFilter(status: value("status"), category: value("category"), from: value("from"), to: value("to"),
                            text: value("q"), limit: min(try number("limit", defaultLimit), 1000), offset: try number("offset", 0))
    }

    func queue(_ request: Request) async throws -> Response {
        let filter = try Self.filter(request, defaultLimit: 50)
        let (records, total) = try await run { try await desk.records.list(filter) }
        return try JSONBody.response(Queue(total: total, limit: filter.limit, offset: filter.offset, bundles: records))
    }

    func csv(_ request: Request) async throws -> Response {
        var filter = try Self.filter(request, defaultLimit: 1000)
        filter.offset = 0
        filter.limit = 1000
        var rows: [BundleRecord] = []
        while true {
            let page = try await run { try await desk.records.list(filter) }
            rows += page.records
            if page.records.count < filter.limit || rows.count >= page.total { break }
            filter.offset += filter.limit
        }
        let body = DeskCSV.document(rows)
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                                               .contentDisposition: "attachment; filename=\"evidence-desk.csv\""],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    func bundle(_ context: DeskRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let found = try await record(id)
        let report = try await run { try await desk.records.report(id: id) }
        let decisions = try await run { try await desk.records.decisions(bundleID: id) }
        let manifest = found.bagDigest != nil || report?.evidence != nil
            ? IntakePipeline.manifest(desk.store.path(sha256: found.sha256), limits: desk.pipeline.verifier.limits) : nil
        let entries = manifest?.items.map {
            Case.Entry(path: $0.path, role: $0.role.rawValue, originalName: $0.originalName, size: $0.size, mimeType: $0.mimeType, note: $0.note)
        } ?? []
        return try JSONBody.response(Case(bundle: found, report: report, entries: entries, decisions: decisions))
    }

    /// A payload file read from inside the stored bundle (bounded, never extracted). Served
    /// with the type evidence.json records when it is an image, PDF or plain text; anything
    /// else as a download. Only for bundles whose container the verifier read safely.
    func entry(_ context: DeskRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let path = context.parameters.getCatchAll().map { String($0).removingPercentEncoding ?? String($0) }.joined(separator: "/")
        let found = try await record(id)
        let report = try await run { try await desk.records.report(id: id) }
        guard report?.bag != nil else {
            throw APIError(.conflict, code: "desk.unsafe-bundle",
                           zh: "此证据包未通过安全检查，不提供预览。请查看核验报告中的问题。",
                           en: "this bundle did not pass the safety checks, so nothing in it is previewed. See the problems in its report.")
        }
        let bundle = desk.store.path(sha256: found.sha256)
        let limits = desk.pipeline.verifier.limits, maximum = server.configuration.maxPreviewSize
        let bytes = try await readBundleEntry(bundle: bundle, path: path, maxBytes: maximum, limits: limits, codePrefix: "desk")
        let type = Self.previewType(path)
        var headers: HTTPFields = [.contentType: type ?? "application/octet-stream", .cacheControl: "private, no-cache",
                                   .contentSecurityPolicy: "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"]
        if type == nil {
            headers[.contentDisposition] = "attachment; filename=\"\((path as NSString).lastPathComponent.filter { $0.isASCII && $0 != "\"" })\""
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The types shown inline: images, PDF, plain text. Never HTML or SVG (they could script).
    static func previewType(_ path: String) -> String? {
        switch (path as NSString).pathExtension.lowercased() {
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "heic": "image/heic"
        case "pdf": "application/pdf"
        case "txt", "csv", "json", "md": "text/plain; charset=utf-8"
        case "mp4", "mov": "video/mp4"
        default: nil
        }
    }
}
