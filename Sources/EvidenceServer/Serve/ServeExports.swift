import EvidenceFrontEnd
import EvidenceKit
import Foundation
import Hummingbird
#if canImport(Glibc)
import Glibc
#endif

/// The export routes of `evidence serve` (`/api/v1/cases/{id}/exports…`): what `evidence export`
/// writes, per channel, into the case's own `.exports/CHANNEL-YYYYMMDD-HHMMSS/` (never over an
/// earlier export), listed and downloaded file by file or as one zip.
extension ServeAPI {
    /// `POST /api/v1/cases/{id}/exports`.
    struct ExportRequest: Decodable { var channel: String; var force: Bool? }

    /// One export of a case: its id (its folder's name under `.exports/`), when it was written,
    /// and its report (`export.json`, the document of `evidence export --json`).
    struct ExportEntry: Encodable, Sendable {
        var id: String
        var createdAt: String
        var report: ExportReport

        enum CodingKeys: String, CodingKey { case id, createdAt, report }

        /// `report` as `evidence export --json` writes it (``ExportReport/document``).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(report.document, forKey: .report)
        }
    }

    /// The folder of a case holding its exports (hidden: not evidence).
    static let exportsFolder = ".exports"
    /// The largest `export.json` read back when listing (bytes).
    static let maxReportBytes = 8 << 20

    func addExportRoutes(to api: RouterGroup<ServeRequestContext>) {
        api.post("/cases/{id}/exports") { request, context -> Response in try await export(request, context) }
        api.get("/cases/{id}/exports") { _, context -> Response in
            let folder = try cases.folder(try id(context))
            let entries = try await offload { Self.exports(in: folder) }
            return try JSONBody.response(["exports": entries])
        }
        api.get("/cases/{id}/exports/{export}/files/{name}") { _, context -> Response in
            let (folder, entry) = try exportFolder(context)
            let name = try fileName(context)
            let type: String
            if name == Exporter.reportName {
                type = "application/json"
            } else if let file = entry.report.files.first(where: { $0.name == name }) {
                type = file.mimeType.hasPrefix("text/") ? file.mimeType + "; charset=utf-8" : file.mimeType
            } else {
                throw APIError(.notFound, code: "serve.no-file", zh: "这次导出中没有文件“\(name)”。",
                               en: "this export has no file “\(name)”.", file: name)
            }
            try requireRegularFile(folder + "/" + name, name)
            return try await fileResponse(folder + "/" + name, contentType: type, disposition: "attachment", name: name, context: context)
        }
        api.get("/cases/{id}/exports/{export}/zip") { _, context -> Response in
            let caseID = try id(context)
            let (folder, entry) = try exportFolder(context)
            let zip = folder + ".zip"
            if !FileManager.default.fileExists(atPath: zip) {
                let names = entry.report.files.map(\.name) + [Exporter.reportName]
                let root = entry.id
                do {
                    _ = try await offload { try FolderZip.write(folder: folder, names: names, root: root, to: zip) }
                } catch {
                    throw APIError.from(error, file: entry.id + ".zip")
                }
            }
            return try await fileResponse(zip, contentType: "application/zip", disposition: "attachment",
                                          name: caseID + "-" + entry.id + ".zip", context: context)
        }
    }

    /// `POST /api/v1/cases/{id}/exports`: exports the case's newest packed bundle (verified first)
    /// or, when it was never packed, the case folder (checked first, as pack does).
    func export(_ request: Request, _ context: ServeRequestContext) async throws -> Response {
        let folder = try cases.folder(try id(context))
        let body = try await JSONBody.decode(ExportRequest.self, from: request)
        guard ExportProfiles.channels.contains(body.channel) else {
            let channels = ExportProfiles.channels.joined(separator: ", ")
            throw APIError(.badRequest, code: "serve.unknown-channel", zh: "没有渠道“\(body.channel)”。可用渠道：\(channels)。",
                           en: "there is no channel “\(body.channel)”. Channels: \(channels).")
        }
        let bundle = try? lastBundle(folder).path
        let source = bundle ?? folder
        var options = ExportOptions(channel: body.channel)
        options.language = ServePages.language(of: request)
        options.force = body.force ?? false
        options.reading = configuration.reading
        let (rules, chosen) = (configuration.rules, options)
        let (exportID, output) = try reserveExport(in: folder, channel: body.channel)
        do {
            let report = try await offload { try Exporter(rules: rules).export(source, to: output, options: chosen) }
            return try JSONBody.response(ExportEntry(id: exportID, createdAt: Self.timestamp(Date()), report: report))
        } catch {
            rmdir(output)  // still the empty folder reserved: the exporter writes beside it and renames at the end
            var failure = APIError.from(error, file: nil)
            if let error = error as? ExportError, error.code == .incomplete {
                let missing = try await offload { Self.missingRequirements(source, isBundle: bundle != nil, rules: rules) }
                failure.extra["missing"] = JSONFragment(missing)
                failure.message = LocalizedText(zh: error.message.zh + "或选择“仍然导出”（缺少的证据会在材料中注明）。",
                                                en: error.message.en + " Or choose “export anyway” (the gap shows in what is exported).")
            }
            failure.file = nil  // never a path on this machine in the answer
            throw failure
        }
    }

    /// A new, empty folder `.exports/CHANNEL-YYYYMMDD-HHMMSS[-N]` of the case (made with `mkdir`,
    /// so that two exports in the same second never get the same one).
    func reserveExport(in folder: String, channel: String) throws -> (id: String, path: String) {
        let exports = folder + "/" + Self.exportsFolder
        mkdir(exports, 0o755)
        let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", now.year ?? 0, now.month ?? 0, now.day ?? 0,
                           now.hour ?? 0, now.minute ?? 0, now.second ?? 0)
        for n in 1...1000 {
            let id = channel + "-" + stamp + (n == 1 ? "" : "-\(n)")
            if mkdir(exports + "/" + id, 0o755) == 0 { return (id, exports + "/" + id) }
            guard errno == EEXIST else {
                throw APIError(.internalServerError, code: "serve.cannot-write", zh: "无法创建导出文件夹：\(String(cString: strerror(errno)))。请检查磁盘空间。",
                               en: "cannot create the export folder: \(String(cString: strerror(errno))). Check the free disk space.")
            }
        }
        throw APIError(.conflict, code: "serve.name-taken", zh: "同一秒内导出过多。请稍后再试。", en: "too many exports in the same second. Try again shortly.")
    }

    /// The required evidence a refused export lacks: as the bundle records it, or as the case's check finds it.
    static func missingRequirements(_ source: String, isBundle: Bool, rules: RuleSet) -> [CompletenessResult.Gap] {
        if isBundle { return BundleVerifier(rules: rules).verify(source).evidence?.recorded.missingRequired ?? [] }
        guard let loaded = try? CaseFile.load(path: source, rules: rules),
              let report = try? EvidenceCheck.run(loaded, rules: rules, today: EvidenceCheck.currentDate(), describing: false, reading: nil)
        else { return [] }
        return report.completeness.missingRequired
    }

    /// The export `{export}` of case `{id}`: its folder and entry (400 for a name that is not a
    /// plain folder name, 404 when there is no such export).
    func exportFolder(_ context: ServeRequestContext) throws -> (path: String, entry: ExportEntry) {
        let folder = try cases.folder(try id(context))
        let raw = try context.parameters.require("export")
        let name = try SafeFileName.check(raw.removingPercentEncoding ?? raw)
        guard let entry = Self.entry(folder + "/" + Self.exportsFolder, name) else {
            throw APIError(.notFound, code: "serve.no-export", zh: "这个案件没有导出“\(name)”。请重新导出。",
                           en: "this case has no export “\(name)”. Export it again.", file: name)
        }
        return (folder + "/" + Self.exportsFolder + "/" + name, entry)
    }

    /// Every complete export of a case folder, newest first.
    static func exports(in folder: String) -> [ExportEntry] {
        let exports = folder + "/" + exportsFolder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: exports)) ?? []
        return names.compactMap { entry(exports, $0) }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    /// The export folder `name` of `exports` when it is a real folder (not a link) holding a
    /// readable `export.json`; nil for anything else (a reserved folder still being written, a
    /// staging folder, a zip).
    static func entry(_ exports: String, _ name: String) -> ExportEntry? {
        guard !name.hasPrefix(".") else { return nil }
        var info = stat()
        let report = exports + "/" + name + "/" + Exporter.reportName
        guard lstat(exports + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
              lstat(report, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= maxReportBytes,
              let data = FileManager.default.contents(atPath: report),
              let decoded = try? EvidenceJSON.decoder().decode(ExportReport.self, from: data) else { return nil }
        let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
        return ExportEntry(id: name, createdAt: timestamp(modified), report: decoded)
    }

    static func timestamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
