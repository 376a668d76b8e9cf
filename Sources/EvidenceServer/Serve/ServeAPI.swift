import EvidenceFrontEnd
import EvidenceKit
import Foundation
import Hummingbird
#if canImport(Glibc)
import Glibc
#endif

/// The `/api/v1` routes of `evidence serve` (Docs/openapi/serve.json).
struct ServeAPI: Sendable {
    let server: ServeServer
    var configuration: ServeConfiguration { server.configuration }
    var cases: CaseStore { server.cases }

    /// `POST /api/v1/cases`.
    struct NewCase: Decodable { var category: String; var title: String? }
    /// `PUT /api/v1/cases/{id}`.
    struct CaseUpdate: Decodable { var `case`: ComplaintCase }
    /// `POST /api/v1/cases/{id}/pack`.
    struct PackRequest: Decodable { var force: Bool?; var format: String? }
    /// `POST /api/v1/cases/{id}/files` answer.
    struct Upload: Encodable { var file: String; var version: String; var inspection: InspectedFile }
    /// `POST /api/v1/verify` answer.
    struct Verification: Encodable { var id: String; var report: JSONDocument<VerificationReport> }

    func add(to router: Router<ServeRequestContext>) {
        let api = router.group("/api/v1")
        api.get("/openapi.json") { _, _ -> Response in ServeServer.openAPI.response() }
        api.get("/categories") { _, _ -> Response in try JSONBody.response(JSONDocument(value: RulesListDocument(rules: configuration.rules))) }
        api.get("/cases") { _, _ -> Response in try JSONBody.response(["cases": cases.list()]) }
        api.post("/cases") { request, _ -> Response in
            let body = try await JSONBody.decode(NewCase.self, from: request)
            return try caseResponse(try await cases.create(category: body.category, title: body.title), status: .created)
        }
        api.get("/cases/{id}") { _, context -> Response in try caseResponse(try cases.document(try id(context))) }
        api.put("/cases/{id}") { request, context -> Response in
            let id = try id(context)
            _ = try cases.folder(id)
            let body = try await JSONBody.decode(CaseUpdate.self, from: request)
            return try caseResponse(try await cases.update(id, expected: request.headers[.ifMatch], with: body.case))
        }
        api.post("/cases/{id}/files") { request, context -> Response in try await upload(request, context) }
        api.get("/cases/{id}/files/{name}") { _, context -> Response in try await evidenceFile(context) }
        api.delete("/cases/{id}/files/{name}") { _, context -> Response in try await remove(context) }
        api.get("/cases/{id}/inspect") { _, context -> Response in
            let folder = try cases.folder(try id(context))
            let paths = cases.evidenceFiles(in: folder).map { folder + "/" + $0 }
            let reading = configuration.reading
            let report = try await offload { InspectionReport(files: try ReadingPass.inspectFiles(paths, describing: true, reading: reading)) }
            return try JSONBody.response(JSONDocument(value: report, exitCode: report.exitCode))
        }
        api.get("/cases/{id}/check") { _, context -> Response in
            let folder = try cases.folder(try id(context))
            let (rules, reading) = (configuration.rules, configuration.reading)
            let report = try await offload { () throws -> CheckReport in
                let loaded: LoadedCase
                do { loaded = try CaseFile.load(path: folder, rules: rules) } catch { throw APIError.from(error, file: "case.yaml") }
                return try EvidenceCheck.run(loaded, rules: rules, today: EvidenceCheck.currentDate(), describing: true, reading: reading)
            }
            return try JSONBody.response(JSONDocument(value: report, exitCode: report.exitCode))
        }
        api.post("/cases/{id}/pack") { request, context -> Response in try await pack(request, context) }
        api.get("/cases/{id}/bundle") { _, context -> Response in
            let (bundle, _) = try lastBundle(try cases.folder(try id(context)))
            let name = (bundle as NSString).lastPathComponent
            return try await fileResponse(bundle, contentType: name.hasSuffix(".zip") ? "application/zip" : "application/gzip",
                                          disposition: "attachment", name: name, context: context)
        }
        api.get("/cases/{id}/bundle/index.html") { _, context -> Response in
            let (bundle, _) = try lastBundle(try cases.folder(try id(context)))
            let bytes = try await entry(of: bundle, path: BagLayout.indexFile, maxBytes: 16 << 20)
            // The index page is the bundle's own: shown for printing with its inline style, no script.
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                                   .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        addExportRoutes(to: api)
        api.post("/verify") { request, _ -> Response in try await verify(request) }
        api.get("/verifications/{vid}/entries/**") { _, context -> Response in
            let vid = try context.parameters.require("vid")
            guard let bundle = server.verifications.path(of: vid) else {
                throw APIError(.notFound, code: "serve.no-verification", zh: "没有这次核验（可能已过期）。请重新上传证据包。",
                               en: "no such verification (it may have expired). Upload the bundle again.")
            }
            let parts = context.parameters.getCatchAll().map { String($0).removingPercentEncoding ?? String($0) }
            guard !parts.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.contains("/") || $0.contains("\0") }) else {
                throw APIError(.badRequest, code: "serve.bad-name", zh: "条目路径无效。", en: "invalid entry path.")
            }
            let path = parts.joined(separator: "/")
            let bytes = try await entry(of: bundle, path: path, maxBytes: configuration.maxPreviewSize)
            let type = Self.previewType(path)
            return Response(status: .ok, headers: [.contentType: type ?? "application/octet-stream",
                                                   .contentDisposition: Self.disposition(type == nil ? "attachment" : "inline", (path as NSString).lastPathComponent),
                                                   .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    // MARK: cases

    func id(_ context: ServeRequestContext) throws -> String {
        let raw = try context.parameters.require("id")
        return try SafeFileName.check(raw.removingPercentEncoding ?? raw)
    }

    func fileName(_ context: ServeRequestContext) throws -> String {
        let raw = try context.parameters.require("name")
        return try SafeFileName.check(raw.removingPercentEncoding ?? raw)
    }

    func caseResponse(_ document: CaseStore.Document, status: HTTPResponse.Status = .ok) throws -> Response {
        try JSONBody.response(document, status: status, headers: [.eTag: "\"\(document.version)\""])
    }

    /// `POST /api/v1/cases/{id}/files?name=`: streamed into the case folder within the limits,
    /// stored under a free name, listed in the case with the role its content suggests, inspected.
    func upload(_ request: Request, _ context: ServeRequestContext) async throws -> Response {
        let id = try id(context)
        let folder = try cases.folder(id)
        guard let raw = request.uri.queryParameters["name"] else {
            throw APIError(.badRequest, code: "serve.bad-name", zh: "缺少 name 参数（原文件名）。", en: "the name parameter (the original file name) is missing.")
        }
        let name = try SafeFileName.check(String(raw))
        if CaseStore.caseFileNames.contains(name.lowercased()) {
            throw APIError(.badRequest, code: "serve.bad-name", zh: "不能上传名为 \(name) 的文件（案件文件）。",
                           en: "a file named \(name) cannot be uploaded (the case file).", file: name)
        }
        let room = configuration.maxCaseSize - cases.evidenceBytes(in: folder)
        let limit = min(configuration.maxFileSize, max(0, room))
        if let declared = request.headers[.contentLength].flatMap(Int64.init), declared > limit {
            throw tooLarge(name, limit: limit, perCase: room < configuration.maxFileSize)
        }
        let spooled: (path: String, size: Int64)
        do {
            spooled = try await UploadSpool.spool(request.body, into: folder, limit: limit, file: name)
        } catch let error as APIError where error.status == .contentTooLarge {
            throw tooLarge(name, limit: limit, perCase: room < configuration.maxFileSize)
        }
        let stored = try UploadSpool.place(spooled.path, in: folder, as: name)
        let reading = configuration.reading
        let inspected = try await offload { try ReadingPass.inspectFiles([folder + "/" + stored], describing: true, reading: reading) }
        guard let file = inspected.first else { throw APIError.from(InspectionError(.pathNotFound, path: stored, detail: "")) }
        let role = file.status == .ok ? file.suggestedRole : .other
        let document = try await cases.amend(id) { fields in
            fields.evidence.removeAll { $0.file == stored }
            fields.evidence.append(ComplaintCase.Item(file: stored, role: role))
        }
        return try JSONBody.response(Upload(file: stored, version: document.version, inspection: file), status: .created,
                                     headers: [.eTag: "\"\(document.version)\""])
    }

    func tooLarge(_ name: String, limit: Int64, perCase: Bool) -> APIError {
        APIError(.contentTooLarge, code: "serve.too-large",
                 zh: perCase ? "“\(name)”超出本案件剩余的空间（\(limit) 字节），未保存。请先移除不需要的文件。"
                     : "“\(name)”超过单个文件上限 \(limit) 字节，未保存。请压缩或截取后再上传。",
                 en: perCase ? "“\(name)” is larger than the room left in this case (\(limit) bytes) and was not stored. Remove files you do not need first."
                     : "“\(name)” is larger than the per-file limit of \(limit) bytes and was not stored. Compress or trim it, then upload it again.",
                 file: name)
    }

    /// `GET /api/v1/cases/{id}/files/{name}`: the bytes, inline only for types a browser shows
    /// without running anything (never HTML or SVG).
    func evidenceFile(_ context: ServeRequestContext) async throws -> Response {
        let folder = try cases.folder(try id(context))
        let name = try fileName(context)
        let path = folder + "/" + name
        try requireRegularFile(path, name)
        let mime = try await offload { try Inspection.inspectFiles([path], describing: false).first?.mimeType ?? "" }
        let inline = Self.inlineTypes.contains(mime)
        return try await fileResponse(path, contentType: inline ? mime : "application/octet-stream",
                                      disposition: inline ? "inline" : "attachment", name: name, context: context)
    }

    /// `DELETE /api/v1/cases/{id}/files/{name}`: moved to `.removed/` (never deleted) and taken out of the case.
    func remove(_ context: ServeRequestContext) async throws -> Response {
        let id = try id(context)
        let folder = try cases.folder(id)
        let name = try fileName(context)
        try requireRegularFile(folder + "/" + name, name)
        let removed = folder + "/.removed"
        mkdir(removed, 0o755)
        var target = ""
        for n in 1...10_000 {
            target = removed + "/" + SafeFileName.numbered(name, n)
            if link(folder + "/" + name, target) == 0 { break }
            guard errno == EEXIST else {
                throw APIError(.internalServerError, code: "serve.cannot-write", zh: "无法移走文件：\(String(cString: strerror(errno)))",
                               en: "cannot move the file away: \(String(cString: strerror(errno)))", file: name)
            }
        }
        unlink(folder + "/" + name)
        let document = try await cases.amend(id) { $0.evidence.removeAll { $0.file == name } }
        return try caseResponse(document)
    }

    func requireRegularFile(_ path: String, _ name: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw APIError(.notFound, code: "serve.no-file", zh: "案件中没有文件“\(name)”。", en: "the case has no file “\(name)”.", file: name)
        }
    }

    /// Types shown inline: images, PDF, video, plain text.
    static let inlineTypes: Set<String> = [
        "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif", "application/pdf",
        "video/mp4", "video/quicktime", "text/plain",
    ]

    /// The preview type of a payload file inside a received bundle, by its name (nil: download only).
    static func previewType(_ path: String) -> String? {
        switch (path as NSString).pathExtension.lowercased() {
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "pdf": "application/pdf"
        case "mp4": "video/mp4"
        case "txt", "csv": "text/plain; charset=utf-8"
        case "json": "application/json"
        default: nil
        }
    }

    static func disposition(_ kind: String, _ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        return "\(kind); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    func fileResponse(_ path: String, contentType: String, disposition: String, name: String,
                      context: ServeRequestContext) async throws -> Response {
        let body = try await FileIO().loadFile(path: path, context: context)
        return Response(status: .ok, headers: [.contentType: contentType, .contentDisposition: Self.disposition(disposition, name),
                                               .cacheControl: "no-store"], body: body)
    }

    // MARK: pack and bundles

    func pack(_ request: Request, _ context: ServeRequestContext) async throws -> Response {
        let id = try id(context)
        let folder = try cases.folder(id)
        let body = try await JSONBody.decodeIfPresent(PackRequest.self, from: request) ?? PackRequest()
        let format: BundleFormat
        switch body.format ?? "zip" {
        case "zip": format = .zip
        case "tar.gz": format = .tarGz
        default:
            throw APIError(.badRequest, code: "serve.bad-format", zh: "format 须为 zip 或 tar.gz。", en: "format must be zip or tar.gz.")
        }
        let bundles = folder + "/.bundles"
        mkdir(bundles, 0o755)
        let output = bundles + "/" + id + (format == .zip ? ".zip" : ".tar.gz")
        let options = PackOptions(format: format, language: ServePages.language(of: request), allowIncomplete: body.force ?? false,
                                  force: true, sourceDateEpoch: nil, bundleSHA256: true)
        let (rules, reading) = (configuration.rules, configuration.reading)
        do {
            let report = try await offload { () throws -> PackReport in
                let loaded = try CaseFile.load(path: folder, rules: rules)
                return try BundlePacker(describing: true).pack(loaded, rules: rules, to: output, options: options, reading: reading)
            }
            return try JSONBody.response(JSONDocument(value: report))
        } catch let error as PackError where error.code == .incomplete {
            var failure = APIError.from(error, file: nil)
            failure.extra["missing"] = JSONFragment(error.completeness?.missingRequired ?? [])
            failure.message = LocalizedText(zh: failure.message.zh + "或选择“仍然打包”（缺少的证据会记录在证据包中）。",
                                            en: failure.message.en + " Or choose “pack anyway” (the gap is recorded in the bundle).")
            throw failure
        } catch {
            throw APIError.from(error, file: "case.yaml")
        }
    }

    /// The newest bundle in `.bundles/`.
    func lastBundle(_ folder: String) throws -> (path: String, modified: Date) {
        guard let newest = cases.latestBundle(in: folder) else {
            throw APIError(.notFound, code: "serve.no-bundle", zh: "这个案件还没有打包。请先打包。", en: "this case has not been packed yet. Pack it first.")
        }
        return newest
    }

    func entry(of bundle: String, path: String, maxBytes: Int) async throws -> [UInt8] {
        try await readBundleEntry(bundle: bundle, path: path, maxBytes: maxBytes, codePrefix: "serve")
    }

    // MARK: verify

    /// `POST /api/v1/verify?name=`: the bundle streamed into the private folder (never extracted),
    /// verified by the engine of `evidence verify`; tampered and refused bundles are 200 with their verdict.
    func verify(_ request: Request) async throws -> Response {
        let type = (request.headers[.contentType] ?? "").lowercased()
        let accepted = ["application/zip", "application/x-zip-compressed", "application/gzip", "application/x-gzip",
                        "application/x-tar", "application/octet-stream"]
        guard accepted.contains(where: { type.hasPrefix($0) }) else {
            throw APIError(.unsupportedMediaType, code: "serve.unsupported-media-type",
                           zh: "证据包须以 application/zip 或 application/gzip 上传，收到的是“\(type)”。",
                           en: "send the bundle as application/zip or application/gzip, not “\(type)”.")
        }
        let name = try SafeFileName.check(request.uri.queryParameters["name"].map(String.init) ?? "bundle.zip")
        let folder = server.verifications.folder.path + "/" + UUID().uuidString
        guard mkdir(folder, 0o700) == 0 else {
            throw APIError(.internalServerError, code: "serve.cannot-write", zh: "无法创建临时文件夹。", en: "cannot create a temporary folder.")
        }
        let spooled: (path: String, size: Int64)
        do {
            spooled = try await UploadSpool.spool(request.body, into: folder, limit: configuration.maxBundleSize, file: name)
        } catch {
            rmdir(folder)
            throw error
        }
        let stored = try UploadSpool.place(spooled.path, in: folder, as: name)
        let path = folder + "/" + stored
        let rules = configuration.rules
        var report = try await offload { BundleVerifier(rules: rules).verify(path) }
        report.bundle = name
        let id = server.verifications.add(path: path)
        return try JSONBody.response(Verification(id: id, report: JSONDocument(value: report, exitCode: report.status.exitCode)))
    }
}
