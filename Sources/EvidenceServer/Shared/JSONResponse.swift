import EvidenceKit
import Foundation
import Hummingbird

/// JSON in and out, written like every other document of the project (``EvidenceJSON``).
public enum JSONBody {
    /// A response with `value` encoded by ``EvidenceJSON/encoder(pretty:)``.
    public static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try EvidenceJSON.encoder().encode(value) + Data("\n".utf8)
        return response(data: data, status: status, headers: headers)
    }

    /// A response with JSON bytes already encoded.
    public static func response(data: Data, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        if fields[.cacheControl] == nil { fields[.cacheControl] = "no-store" }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a JSON request body of at most `limit` bytes: 415 when it is declared as another
    /// type, 413 when longer, 400 when it is not the expected JSON.
    public static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = 1 << 20,
                                           prefix: String = "serve") async throws -> T {
        guard let value = try await decodeIfPresent(type, from: request, limit: limit, prefix: prefix) else {
            throw APIError(.badRequest, code: "\(prefix).bad-json", zh: "缺少 JSON 请求正文。", en: "the JSON request body is missing.")
        }
        return value
    }

    /// As ``decode(_:from:limit:prefix:)``, but nil for an empty body.
    public static func decodeIfPresent<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = 1 << 20,
                                                    prefix: String = "serve") async throws -> T? {
        if let declared = request.headers[.contentType], !declared.lowercased().hasPrefix("application/json") {
            throw APIError(.unsupportedMediaType, code: "\(prefix).unsupported-media-type",
                           zh: "请求正文须为 JSON（Content-Type: application/json），收到的是 \(declared)。",
                           en: "the request body must be JSON (Content-Type: application/json), not \(declared).")
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, code: "\(prefix).too-large",
                           zh: "请求正文超过 \(limit) 字节。", en: "the request body is larger than \(limit) bytes.")
        }
        if buffer.readableBytes == 0 { return nil }
        do {
            return try EvidenceJSON.decoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError(.badRequest, code: "\(prefix).bad-json",
                           zh: "请求正文不是所需的 JSON：\(error)", en: "the request body is not the expected JSON: \(error)")
        }
    }
}
