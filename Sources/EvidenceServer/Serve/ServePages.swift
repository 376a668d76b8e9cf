import EvidenceKit
import Foundation
import Hummingbird

/// The pages of `evidence serve` (`Sources/EvidenceServer/Pages/`, compiled in): `/` the
/// shopper's app, `/agent` the agent's page, `/assets/NAME` their CSS, script and strings.
/// The html element gets the language of `?lang=zh|en`, else of Accept-Language (zh by default).
public enum ServePages {
    /// The assets served under `/assets/`, by name.
    public static let assets: [String: EmbeddedAsset] = [
        "app.css": EmbeddedAsset(PackageResources.app_css, name: "app.css"),
        "app.js": EmbeddedAsset(PackageResources.app_js, name: "app.js"),
        "strings.json": EmbeddedAsset(PackageResources.strings_json, name: "strings.json"),
    ]

    static func add(to router: Router<ServeRequestContext>) {
        router.get("/") { request, _ -> Response in page(PackageResources.app_html, request) }
        router.get("/agent") { request, _ -> Response in page(PackageResources.agent_html, request) }
        router.get("/assets/{name}") { _, context -> Response in
            let name = try context.parameters.require("name")
            guard let asset = assets[name] else {
                throw APIError(.notFound, code: "serve.not-found", zh: "没有这个页面资源。", en: "no such page asset.", file: name)
            }
            return asset.response()
        }
    }

    /// The language a request asks for: `?lang=`, else the first of zh/en in Accept-Language, else zh.
    public static func language(of request: Request) -> Language {
        if let lang = request.uri.queryParameters["lang"] { return lang == "en" ? .en : .zh }
        let accepted = (request.headers[.acceptLanguage] ?? "").lowercased().split(separator: ",")
            .map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces) }
        for tag in accepted {
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .zh
    }

    static func page(_ bytes: [UInt8], _ request: Request) -> Response {
        let html = withLanguage(String(decoding: bytes, as: UTF8.self), language(of: request))
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                               .contentLanguage: language(of: request).rawValue],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// The page with `lang="…"` on its html element (replaced, or added when missing).
    static func withLanguage(_ html: String, _ language: Language) -> String {
        guard let start = html.range(of: "<html"), let end = html[start.upperBound...].firstIndex(of: ">") else { return html }
        var attributes = String(html[start.upperBound..<end])
        if let lang = attributes.range(of: #"\slang="[^"]*""#, options: .regularExpression) {
            attributes.replaceSubrange(lang, with: " lang=\"\(language.rawValue)\"")
        } else {
            attributes += " lang=\"\(language.rawValue)\""
        }
        return String(html[..<start.upperBound]) + attributes + String(html[end...])
    }
}
