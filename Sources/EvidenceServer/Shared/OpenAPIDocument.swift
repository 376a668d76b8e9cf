import Foundation
import Hummingbird

/// An OpenAPI 3.1 document compiled into the binary, served as JSON and checked against the router.
public struct OpenAPIDocument: Sendable {
    /// The document's bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The response (`application/json`).
    public func response() -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Every operation the document describes, as `METHOD /path/{param}`.
    public func operations() -> Set<String> {
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let paths = root["paths"] as? [String: Any] else { return [] }
        var result: Set<String> = []
        for (path, item) in paths {
            guard let item = item as? [String: Any] else { continue }
            for method in ["get", "put", "post", "delete", "patch", "head", "options"] where item[method] != nil {
                result.insert("\(method.uppercased()) \(path)")
            }
        }
        return result
    }

    /// A router's routes as `METHOD /path/{param}` (Hummingbird's `:param` and `**` written
    /// the OpenAPI way), to compare with ``operations()``.
    public static func routes<Context: RequestContext>(of router: Router<Context>) -> Set<String> {
        Set(router.routes.map { route in
            let path = route.path.description.split(separator: "/").map { component -> String in
                if component.hasPrefix(":") { return "{\(component.dropFirst())}" }
                if component == "**" { return "{path}" }
                return String(component)
            }.joined(separator: "/")
            return "\(route.method.rawValue) /\(path)"
        })
    }
}
