import EvidenceKit
import Foundation
import Hummingbird

/// An HTTP error with the bilingual JSON body every front end sends:
/// `{"error": {"code": "serve.xxx", "message_zh": "...", "message_en": "...", "file": "name or null", ...}}`.
/// Extra members (`problems` of a case file that does not validate, `missing` requirements)
/// are added beside those.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The dotted machine-readable code (`serve.bad-name`, `desk.xxx`).
    public var code: String
    /// What went wrong and what to do, Chinese and English.
    public var message: LocalizedText
    /// The file concerned, when there is one.
    public var file: String?
    /// Extra members of the `error` object, already in their JSON form.
    public var extra: [String: JSONFragment]
    /// Headers sent with the error (`WWW-Authenticate`, `Allow`).
    public var headers: HTTPFields

    /// An error with its status, code and message.
    public init(_ status: HTTPResponse.Status, code: String, zh: String, en: String, file: String? = nil,
                extra: [String: JSONFragment] = [:], headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        message = LocalizedText(zh: zh, en: en)
        self.file = file
        self.extra = extra
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message.en)" }

    /// The JSON body.
    public func body() -> Data {
        var object: [String: JSONFragment] = extra
        object["code"] = JSONFragment(code)
        object["message_zh"] = JSONFragment(message.zh)
        object["message_en"] = JSONFragment(message.en)
        object["file"] = file.map { JSONFragment($0) } ?? .null
        return JSONFragment.object(["error": .object(object)]).data
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The response: status, JSON body, the security headers and any headers of the error.
    public func response() -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body())))
    }
}

/// A piece of JSON already encoded (by ``EvidenceJSON/encoder(pretty:)``), to put inside
/// another document such as an ``APIError`` body.
public struct JSONFragment: Sendable {
    /// The encoded bytes.
    public let data: Data

    /// A value encoded with the project's encoder (compact, sorted keys, snake_case).
    public init<T: Encodable>(_ value: T) {
        data = (try? EvidenceJSON.encoder(pretty: false).encode(value)) ?? Data("null".utf8)
    }

    init(raw: Data) { data = raw }

    /// JSON `null`.
    public static let null = JSONFragment(raw: Data("null".utf8))

    /// An object of fragments, keys sorted.
    public static func object(_ members: [String: JSONFragment]) -> JSONFragment {
        var out = Data("{".utf8)
        for (index, key) in members.keys.sorted().enumerated() {
            if index > 0 { out.append(contentsOf: Array(",".utf8)) }
            out.append(JSONFragment(key).data)
            out.append(contentsOf: Array(":".utf8))
            out.append(members[key]!.data)
        }
        out.append(contentsOf: Array("}".utf8))
        return JSONFragment(raw: out)
    }
}

extension APIError {
    /// A library error's message with its status and code, and the library's own code beside
    /// them (`pack_code`, `export_code`) for a script to branch on.
    static func library(_ status: HTTPResponse.Status, _ code: String, _ message: LocalizedText, file: String?,
                        code library: (key: String, value: String)) -> APIError {
        APIError(status, code: code, zh: message.zh, en: message.en, file: file, extra: [library.key: JSONFragment(library.value)])
    }

    /// The error a front end sends for a library error: a case file that does not validate is
    /// 422 with its `problems`; an incomplete case 409 `incomplete`; a missing path 404;
    /// unusable evidence or a bundle that fails verification 422; an unknown export channel 400;
    /// anything else 500. `prefix` starts the codes (`serve`, `desk`).
    public static func from(_ error: any Error, prefix: String = "serve", file: String? = nil) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as CaseFileError:
            return APIError(.unprocessableContent, code: "\(prefix).case-invalid",
                            zh: "案件内容未通过校验：\(error.message.zh)", en: "the case does not validate: \(error.message.en)",
                            file: file, extra: ["problems": JSONFragment(error.issues)])
        case let error as PackError:
            let (status, code): (HTTPResponse.Status, String) = switch error.code {
            case .incomplete: (.conflict, "incomplete")
            case .outputExists: (.conflict, "output-exists")
            case .corruptEvidence, .unreadableEvidence, .noEvidence, .locationNotRemoved, .sourceChanged:
                (.unprocessableContent, "evidence-unusable")
            default: (.internalServerError, "pack-failed")
            }
            return library(status, "\(prefix).\(code)", error.message, file: file ?? error.path, code: ("pack_code", error.code.rawValue))
        case let error as ExportError:
            let (status, code): (HTTPResponse.Status, String) = switch error.code {
            case .incomplete: (.conflict, "incomplete")
            case .outputExists: (.conflict, "output-exists")
            case .unknownChannel: (.badRequest, "unknown-channel")
            case .bundleInvalid, .bundleUnreadable: (.unprocessableContent, "bundle-invalid")
            case .corruptEvidence: (.unprocessableContent, "evidence-unusable")
            default: (.internalServerError, "export-failed")
            }
            return library(status, "\(prefix).\(code)", error.message, file: file ?? error.path, code: ("export_code", error.code.rawValue))
        case let error as InspectionError:
            let notFound = error.code == .pathNotFound
            return APIError(notFound ? .notFound : .badRequest, code: "\(prefix).\(notFound ? "not-found" : "inspection")",
                            zh: error.message.zh, en: error.message.en, file: file)
        case let error as any EvidenceKitError:
            return APIError(.internalServerError, code: "\(prefix).internal", zh: error.message.zh, en: error.message.en, file: file)
        default:
            return APIError(.internalServerError, code: "\(prefix).internal",
                            zh: "服务器内部错误：\(error)。请重试；若一再出现，请报告此问题。",
                            en: "internal error: \(error). Try again; if it keeps happening, report it.", file: file)
        }
    }
}
