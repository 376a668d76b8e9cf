import EvidenceKit
import Foundation
import Hummingbird

/// Decides who a session token belongs to. `serve` has one random token per run
/// (``SingleTokenAuthenticator``); `desk` looks up per-user tokens. Either fits the
/// ``AccessGuardMiddleware``.
public protocol TokenAuthenticator: Sendable {
    /// Who is signed in with the token.
    associatedtype Identity: Sendable
    /// The identity for the token, or nil when the token is not valid.
    func identity(for token: String) async throws -> Identity?
}

/// An authenticator given as a closure (per-user tokens from a database, for instance).
public struct ClosureAuthenticator<Identity: Sendable>: TokenAuthenticator {
    private let lookUp: @Sendable (String) async throws -> Identity?

    /// An authenticator calling `lookUp` for every token.
    public init(_ lookUp: @escaping @Sendable (String) async throws -> Identity?) { self.lookUp = lookUp }

    public func identity(for token: String) async throws -> Identity? { try await lookUp(token) }
}

/// The identity of the one session a single-user server has.
public struct SessionIdentity: Sendable, Hashable {
    public init() {}
}

/// One secret token for the whole run (`evidence serve`): 32 random bytes, base64url, compared
/// in constant time.
public struct SingleTokenAuthenticator: TokenAuthenticator {
    /// The token printed in the URL.
    public let token: String

    /// An authenticator for `token`, or a new random one.
    public init(token: String = SingleTokenAuthenticator.randomToken()) { self.token = token }

    public func identity(for candidate: String) async throws -> SessionIdentity? {
        Self.constantTimeEqual(Array(candidate.utf8), Array(token.utf8)) ? SessionIdentity() : nil
    }

    /// 32 random bytes from the system's generator, base64url without padding.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// A request context that carries who the request is from, set by ``AccessGuardMiddleware``.
public protocol GuardedRequestContext: RequestContext {
    /// What the authenticator returns.
    associatedtype Identity: Sendable
    /// Nil until the guard has let the request through.
    var identity: Identity? { get set }
}

/// The Host values a loopback server answers to: `127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`.
public enum LoopbackHost {
    /// Whether `host` (an address or name to bind) is a loopback one: 127.0.0.0/8, ::1, localhost.
    public static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "::1" || lowered == "[::1]" { return true }
        let parts = lowered.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) && Int(part)! <= 255
        }
    }

    /// The Host header values allowed for a server on `port` (lower case).
    public static func allowedHosts(port: Int) -> Set<String> {
        ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"]
    }
}

/// Guards every request of a local web app:
/// 1. the `Host` must be one of ``allowedHosts`` (else 421: a page of another site that
///    rebinds its DNS name to 127.0.0.1 cannot talk to the app);
/// 2. a state-changing request (POST, PUT, PATCH, DELETE) with an `Origin` other than the
///    app's own, or with `Sec-Fetch-Site: cross-site`, is refused (403);
/// 3. the session token must come as `Authorization: Bearer T` or the ``cookieName`` cookie
///    (else 401, with the front end's ``unauthorizedMessage`` saying how to sign in). A `GET` of one of ``loginPaths`` with `?token=T` sets the cookie (HttpOnly,
///    SameSite=Strict, Path=/) and redirects (303) to the same path without the token.
public struct AccessGuardMiddleware<Context: GuardedRequestContext, Authenticator: TokenAuthenticator>: RouterMiddleware
where Authenticator.Identity == Context.Identity {
    /// The Host values accepted, lower case; read for every request (the port is known only once bound).
    public var allowedHosts: @Sendable () -> Set<String>
    /// Checks tokens.
    public var authenticator: Authenticator
    /// The session cookie's name.
    public var cookieName: String
    /// Paths whose `GET ?token=T` signs in with a cookie.
    public var loginPaths: Set<String>
    /// The code prefix of the errors (`serve`, `desk`).
    public var codePrefix: String
    /// The 401 answer's message (zh + en): how this front end's users sign in, which differs
    /// between `serve` (the address printed at start) and `desk` (a token from `desk user add`).
    public var unauthorizedMessage: LocalizedText

    /// A guard; see the type's description for what it checks.
    public init(allowedHosts: @escaping @Sendable () -> Set<String>, authenticator: Authenticator,
                cookieName: String, loginPaths: Set<String> = ["/"], codePrefix: String = "serve",
                unauthorizedMessage: LocalizedText) {
        self.allowedHosts = allowedHosts
        self.authenticator = authenticator
        self.cookieName = cookieName
        self.loginPaths = loginPaths
        self.codePrefix = codePrefix
        self.unauthorizedMessage = unauthorizedMessage
    }

    static var stateChanging: Set<HTTPRequest.Method> { [.post, .put, .patch, .delete] }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let allowed = allowedHosts()
        guard let host = request.head.authority?.lowercased(), allowed.contains(host) else {
            return APIError(.misdirectedRequest, code: "\(codePrefix).bad-host",
                            zh: "请求的主机名不是本机地址。请使用启动时显示的地址（http://127.0.0.1:端口/）。",
                            en: "the request's Host is not this app's local address. Use the address printed at start (http://127.0.0.1:PORT/).")
                .response()
        }
        if Self.stateChanging.contains(request.method) {
            let origins = Set(allowed.map { "http://\($0)" })
            let origin = request.headers[.origin]?.lowercased()
            let fetchSite = request.headers[HeaderName.secFetchSite]?.lowercased()
            if (origin != nil && !origins.contains(origin!)) || fetchSite == "cross-site" {
                return APIError(.forbidden, code: "\(codePrefix).cross-origin",
                                zh: "拒绝来自其他网站的修改请求。请在本应用自己的页面中操作。",
                                en: "a change requested from another site was refused. Use this app's own pages.")
                    .response()
            }
        }
        if request.method == .get, loginPaths.contains(request.uri.path),
           let token = request.uri.queryParameters["token"].map(String.init) {
            guard try await authenticator.identity(for: token) != nil else { return unauthorized() }
            var query = request.uri.queryParameters.filter { $0.key != "token" }.map { "\($0.key)=\($0.value)" }.sorted()
                .joined(separator: "&")
            if !query.isEmpty { query = "?" + query }
            let cookie = Cookie(name: cookieName, value: token, path: "/", httpOnly: true, sameSite: .strict)
            return Response(status: .seeOther, headers: [.location: request.uri.path + query, .setCookie: cookie.description,
                                                         .cacheControl: "no-store"])
        }
        guard let token = Self.token(in: request, cookieName: cookieName),
              let identity = try await authenticator.identity(for: token) else { return unauthorized() }
        var context = context
        context.identity = identity
        return try await next(request, context)
    }

    func unauthorized() -> Response {
        APIError(.unauthorized, code: "\(codePrefix).unauthorized",
                 zh: unauthorizedMessage.zh, en: unauthorizedMessage.en,
                 headers: [.wwwAuthenticate: "Bearer"]).response()
    }

    /// The token of `Authorization: Bearer T`, else of the session cookie.
    static func token(in request: Request, cookieName: String) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
        }
        return request.cookies[cookieName]?.value
    }
}
