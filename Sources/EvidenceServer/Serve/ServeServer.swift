import EvidenceKit
import Foundation
import Hummingbird
import Logging

/// The settings of `evidence serve`.
public struct ServeConfiguration: Sendable {
    /// The cases folder (each case a sub-folder).
    public var root: String
    /// The loopback address to bind.
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free one.
    public var port: Int = 0
    /// Largest evidence file accepted (bytes).
    public var maxFileSize: Int64 = 512 << 20
    /// Largest total of a case's evidence files (bytes).
    public var maxCaseSize: Int64 = 4 << 30
    /// Largest bundle accepted for verification (bytes).
    public var maxBundleSize: Int64 = 4 << 30
    /// Largest payload file previewed from inside a received bundle (bytes).
    public var maxPreviewSize: Int = 64 << 20
    /// How the evidence is read (OCR, PDF text); nil reads names and metadata only.
    public var reading: ReadingOptions? = ReadingOptions()
    /// The rules.
    public var rules: RuleSet
    /// The session token (random by default).
    public var token: String = SingleTokenAuthenticator.randomToken()

    public init(root: String, rules: RuleSet) {
        self.root = root
        self.rules = rules
    }
}

/// `evidence serve`: the shopper's app and the agent's verification page over a cases folder,
/// each route calling the library functions the CLI commands call and returning their `--json`
/// documents. The HTTP contract is `Docs/openapi/serve.json` (served at `/api/v1/openapi.json`).
public final class ServeServer: Sendable {
    public let configuration: ServeConfiguration
    /// The cases.
    public let cases: CaseStore
    /// Received bundles.
    public let verifications: VerificationStore
    /// The port once bound.
    public let boundPort = BoundPort()
    /// The OpenAPI document compiled in.
    public static let openAPI = OpenAPIDocument(bytes: PackageResources.serve_openapi_json)
    /// The session cookie's name.
    public static let cookieName = "evidence_session"

    /// A server for `configuration`; creates the cases folder when missing and removes
    /// temporary files an interrupted earlier run left in it.
    public init(configuration: ServeConfiguration) throws {
        self.configuration = configuration
        try FileManager.default.createDirectory(atPath: configuration.root, withIntermediateDirectories: true)
        cases = CaseStore(root: configuration.root, rules: configuration.rules)
        verifications = VerificationStore(folder: try PrivateTemporaryFolder(prefix: "evidence-serve"))
        for id in cases.list().map(\.id) { UploadSpool.sweep(configuration.root + "/" + id) }
    }

    /// The address to open, with the token: `http://127.0.0.1:PORT/?token=T`.
    public func url(port: Int) -> String {
        let host = configuration.host.contains(":") ? "[\(configuration.host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))]"
            : configuration.host
        return "http://\(host):\(port)/?token=\(configuration.token)"
    }

    /// The Host values accepted: the loopback names with the bound port, and the bound address.
    @Sendable func allowedHosts() -> Set<String> {
        guard let port = boundPort.port else { return [] }
        var hosts = LoopbackHost.allowedHosts(port: port)
        hosts.insert("\(configuration.host.lowercased()):\(port)")
        return hosts
    }

    /// The 401 message: `serve` signs in with the address (and its `?token=`) printed at start.
    static let unauthorizedMessage = LocalizedText(
        zh: "缺少或错误的会话令牌。请打开启动时显示的完整地址（含 ?token=…）。",
        en: "the session token is missing or wrong. Open the full address printed at start (with ?token=…).")

    /// The router with every route of the contract behind the security headers and the access guard.
    public func router() -> Router<ServeRequestContext> {
        let router = Router(context: ServeRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware<ServeRequestContext>())
        router.add(middleware: AccessGuardMiddleware<ServeRequestContext, SingleTokenAuthenticator>(allowedHosts: allowedHosts,
                                                     authenticator: SingleTokenAuthenticator(token: configuration.token),
                                                     cookieName: Self.cookieName, loginPaths: ["/", "/agent"],
                                                     unauthorizedMessage: Self.unauthorizedMessage))
        ServePages.add(to: router)
        let api = ServeAPI(server: self)
        api.add(to: router)
        return router
    }

    /// The application, which `runService()` runs until SIGINT/SIGTERM; `onRunning` gets the bound port.
    public func application(logger: Logger? = nil, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> Application<RouterResponder<ServeRequestContext>> {
        LocalServer.application(router: router(), host: configuration.host, port: configuration.port, serverName: "evidence-serve",
                                boundPort: boundPort, logger: logger, onRunning: onRunning)
    }
}
