import EvidenceServer
import Hummingbird

/// The agent's pages, compiled in from `Sources/EvidenceDesk/Pages/` (our own HTML, CSS and
/// script, no framework, no CDN). The pages are shells; their data comes from the JSON API.
enum DeskPages {
    static let signin = EmbeddedAsset(PackageResources.signin_html, name: "signin.html")
    static let queue = EmbeddedAsset(PackageResources.queue_html, name: "queue.html")
    static let casePage = EmbeddedAsset(PackageResources.case_html, name: "case.html")
    static let assets: [String: EmbeddedAsset] = [
        "desk.css": EmbeddedAsset(PackageResources.desk_css, name: "desk.css"),
        "desk.js": EmbeddedAsset(PackageResources.desk_js, name: "desk.js"),
        "strings.json": EmbeddedAsset(PackageResources.strings_json, name: "strings.json"),
    ]

    /// The sign-in form and the assets it needs: open to anyone on this machine.
    static func addOpen(to router: Router<DeskRequestContext>) {
        router.get("/signin") { _, _ in signin.response() }
        router.get("/assets/:name") { _, context in
            guard let asset = assets[try context.parameters.require("name")] else { throw HTTPError(.notFound) }
            return asset.response()
        }
    }

    /// The queue and the case page: behind the guard.
    static func addGuarded(to router: RouterGroup<DeskRequestContext>) {
        router.get("/") { _, _ in queue.response() }
        router.get("/cases/:id") { _, _ in casePage.response() }
    }
}
