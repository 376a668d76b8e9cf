import Foundation
import Hummingbird

/// A file compiled into the binary (SwiftPM `.embedInCode`) and served with its content type.
public struct EmbeddedAsset: Sendable {
    /// The bytes.
    public var bytes: [UInt8]
    /// The `Content-Type`.
    public var contentType: String

    /// An asset; the content type defaults to the one of `name`'s extension.
    public init(_ bytes: [UInt8], name: String) {
        self.bytes = bytes
        contentType = Self.contentType(forName: name)
    }

    /// The content type for a file name's extension (`application/octet-stream` when unknown).
    public static func contentType(forName name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// The response: the bytes, the content type, revalidated on each load.
    public func response(status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType, .cacheControl: "no-cache"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Adds the security headers to every response: `Content-Security-Policy: default-src 'self';
/// frame-ancestors 'none'` (no inline script, no other origin, never in a frame; a handler may
/// send a stricter one),
/// `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY`.
/// Errors thrown by later handlers are turned into responses here so that they get them too.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The code prefix of errors made from thrown library errors.
    public var codePrefix: String
    /// The policy sent.
    public var contentSecurityPolicy: String

    public init(codePrefix: String = "serve",
                contentSecurityPolicy: String = "default-src 'self'; img-src 'self' blob: data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'") {
        self.codePrefix = codePrefix
        self.contentSecurityPolicy = contentSecurityPolicy
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = APIError(error.status, code: "\(codePrefix).\(error.status == .notFound ? "not-found" : "http-\(error.status.code)")",
                                zh: error.status == .notFound ? "没有这个地址。" : "请求无法处理（\(error.status.code)）。",
                                en: error.status == .notFound ? "no such address." : "the request cannot be handled (\(error.status.code)).")
                .response()
        } catch {
            response = APIError.from(error, prefix: codePrefix).response()
        }
        Self.secure(&response.headers, policy: contentSecurityPolicy)
        return response
    }

    static func secure(_ headers: inout HTTPFields, policy: String) {
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = policy }
        headers[.xContentTypeOptions] = "nosniff"
        headers[HeaderName.referrerPolicy] = "no-referrer"
        headers[HeaderName.xFrameOptions] = "DENY"
        headers[.crossOriginResourcePolicy] = "same-origin"
    }
}

/// Header names HTTPTypes does not predefine.
public enum HeaderName {
    /// `Sec-Fetch-Site` (the browser says whether a request comes from another site).
    public static let secFetchSite = HTTPFields.Element.Name("Sec-Fetch-Site")!
    /// `Referrer-Policy`.
    public static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
    /// `X-Frame-Options`.
    public static let xFrameOptions = HTTPFields.Element.Name("X-Frame-Options")!
}
