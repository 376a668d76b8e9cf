import EvidenceKit
import EvidenceServer
import Foundation
import Hummingbird
import Logging

/// The settings of `evidence desk`'s HTTP side.
public struct DeskServerConfiguration: Sendable {
    /// The loopback address to bind.
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free one.
    public var port: Int = 0
    /// Largest bundle accepted by upload (bytes).
    public var maxUploadSize: Int64 = 4 << 30
    /// Largest file previewed from inside a stored bundle (bytes).
    public var maxPreviewSize: Int = 32 << 20

    public init(host: String = "127.0.0.1", port: Int = 0) {
        self.host = host
        self.port = port
    }
}

/// The request context of `evidence desk`: who is signed in, set by the access guard.
public struct DeskRequestContext: GuardedRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The user the token belongs to.
    public var identity: DeskUser?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// `evidence desk`'s HTTP side on the shared EvidenceServer layer: the JSON API of
/// `Docs/openapi/desk.json` and the agent's pages, every one behind the access guard with
/// per-user tokens (Bearer or the session cookie the sign-in form sets).
public final class DeskServer: Sendable {
    public let desk: Desk
    public let configuration: DeskServerConfiguration
    /// The port once bound.
    public let boundPort = BoundPort()
    /// The OpenAPI document compiled in.
    public static let openAPI = OpenAPIDocument(bytes: PackageResources.desk_openapi_json)
    /// The session cookie's name.
    public static let cookieName = "evidence_desk"

    public init(desk: Desk, configuration: DeskServerConfiguration) {
        self.desk = desk
        self.configuration = configuration
    }

    /// The address to open: `http://127.0.0.1:PORT/`.
    public func url(port: Int) -> String {
        let host = configuration.host.contains(":") ? "[\(configuration.host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))]" : configuration.host
        return "http://\(host):\(port)/"
    }

    @Sendable func allowedHosts() -> Set<String> {
        guard let port = boundPort.port else { return [] }
        var hosts = LoopbackHost.allowedHosts(port: port)
        hosts.insert("\(configuration.host.lowercased()):\(port)")
        return hosts
    }

    /// The 401 message: desk users sign in with the token `evidence desk user add` printed.
    static let unauthorizedMessage = LocalizedText(
        zh: "缺少或错误的令牌。请在登录页输入 `evidence desk user add` 给出的令牌，或在请求中加 `Authorization: Bearer 令牌`。",
        en: "the token is missing or wrong: sign in with the token `evidence desk user add` printed, or send `Authorization: Bearer TOKEN`.")

    /// The router: the sign-in page and its assets open, everything else behind the guard.
    public func router() -> Router<DeskRequestContext> {
        let router = Router(context: DeskRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(codePrefix: "desk"))
        DeskPages.addOpen(to: router)
        let records = desk.records
        let guarded = router.group()
            .add(middleware: DeskSignInRedirect(records: records))
            .add(middleware: AccessGuardMiddleware(allowedHosts: allowedHosts,
                                                   authenticator: ClosureAuthenticator { token in try await records.user(token: token) },
                                                   cookieName: Self.cookieName, loginPaths: ["/"], codePrefix: "desk",
                                                   unauthorizedMessage: Self.unauthorizedMessage))
        DeskPages.addGuarded(to: guarded)
        DeskAPI(server: self).add(to: guarded)
        return router
    }

    /// The application, which `runService()` runs until SIGINT/SIGTERM; `onRunning` gets the bound port.
    public func application(logger: Logger? = nil, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> Application<RouterResponder<DeskRequestContext>> {
        LocalServer.application(router: router(), host: configuration.host, port: configuration.port, serverName: "evidence-desk",
                                boundPort: boundPort, logger: logger, onRunning: onRunning)
    }
}

/// A browser that opens a page without a session is sent to the sign-in form (the API answers
/// 401 as the guard does); a wrong token typed into the form comes back to it with a notice.
struct DeskSignInRedirect<Context: RequestContext>: RouterMiddleware {
    let records: DeskRecords

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard request.method == .get, !path.hasPrefix("/api/") else { return try await next(request, context) }
        if path == "/", let token = request.uri.queryParameters["token"].map(String.init) {
            if try await records.user(token: token) == nil { return Self.redirect("/signin?failed=1") }
            return try await next(request, context)
        }
        guard let token = Self.sessionToken(request), try await records.user(token: token) != nil else { return Self.redirect("/signin") }
        return try await next(request, context)
    }

    /// The token of `Authorization: Bearer T`, else of the session cookie.
    static func sessionToken(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
        }
        return request.cookies[DeskServer.cookieName]?.value
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
