import EvidenceKit
import EvidenceServer
import EvidenceTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// One HTTP client for both kinds of server under test (in process, or the built
/// `evidence serve`): talks to 127.0.0.1:PORT, sends the session token as a Bearer header
/// unless told otherwise, and the Host (authority) it is given.
struct ServeClient: Sendable {
    let port: Int
    let token: String

    struct Reply: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var bytes: [UInt8]
        var text: String { String(decoding: bytes, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:] }
        /// `error.code` of an error body.
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: [UInt8]? = nil,
              authority: String? = nil, bearer: Bool = true) async throws -> Reply {
        var fields = headers
        if bearer, fields[.authorization] == nil, fields[.cookie] == nil { fields[.authorization] = "Bearer \(token)" }
        let request = TestClient.Request(uri, method: method, authority: authority ?? "127.0.0.1:\(port)", headers: fields,
                                         body: body.map { ByteBuffer(bytes: $0) })
        let response = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in try await client.execute(request) }
        return Reply(status: response.status, headers: response.headers, bytes: response.body.map { Array(buffer: $0) } ?? [])
    }

    func json(_ method: HTTPRequest.Method, _ uri: String, _ object: Any, headers: HTTPFields = [:]) async throws -> Reply {
        var fields = headers
        fields[.contentType] = "application/json"
        return try await send(method, uri, headers: fields, body: Array(try JSONSerialization.data(withJSONObject: object)))
    }

    func upload(_ caseID: String, name: String, _ bytes: [UInt8]) async throws -> Reply {
        try await send(.post, "/api/v1/cases/\(Self.encode(caseID))/files?name=\(Self.encode(name))",
                       headers: [.contentType: "application/octet-stream"], body: bytes)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

/// `evidence serve` in this process on a free loopback port, over its own temporary cases folder.
final class InProcessServe: Sendable {
    let cases: TemporaryDirectory
    let server: ServeServer
    let client: ServeClient
    private let task: Task<Void, any Error>

    private init(cases: TemporaryDirectory, server: ServeServer, port: Int, task: Task<Void, any Error>) {
        self.cases = cases
        self.server = server
        self.task = task
        client = ServeClient(port: port, token: server.configuration.token)
    }

    /// Starts a server (without OCR unless `reading` is given) and waits until it listens.
    static func start(maxFileSize: Int64 = 64 << 20, maxCaseSize: Int64 = 256 << 20,
                      reading: ReadingOptions? = nil) async throws -> InProcessServe {
        let cases = TemporaryDirectory("serve-cases")
        var configuration = ServeConfiguration(root: cases.path, rules: try RuleSet.bundled())
        configuration.maxFileSize = maxFileSize
        configuration.maxCaseSize = maxCaseSize
        configuration.reading = reading
        let server = try ServeServer(configuration: configuration)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = server.application { port in continuation.yield(port) }
        let task = Task { try await application.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return InProcessServe(cases: cases, server: server, port: port, task: task)
    }

    /// Stops the server and removes its private folder.
    func stop() async {
        task.cancel()
        _ = await task.result
        server.verifications.folder.remove()
    }

    /// Runs `body` with a fresh server, stopped afterwards.
    static func with(maxFileSize: Int64 = 64 << 20, maxCaseSize: Int64 = 256 << 20,
                     _ body: (InProcessServe) async throws -> Void) async throws {
        let serve = try await start(maxFileSize: maxFileSize, maxCaseSize: maxCaseSize)
        do { try await body(serve) } catch {
            await serve.stop()
            throw error
        }
        await serve.stop()
    }
}

/// The sample case quality-earbuds as flat uploads: name, bytes and role.
enum EarbudsSample {
    static let folder = Repository.samples + "/quality-earbuds"
    static let files: [(name: String, path: String, role: String)] = [
        ("订单截图.png", "订单截图.png", "order-screenshot"),
        ("左耳无声.jpg", "photos/左耳无声.jpg", "product-photo"),
        ("充电仓裂纹.jpg", "photos/充电仓裂纹.jpg", "product-photo"),
        ("旺旺聊天记录.txt", "旺旺聊天记录.txt", "chat-record"),
        ("支付宝回单.pdf", "支付宝回单.pdf", "payment-receipt"),
    ]

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path)))
    }

    /// The sample's case fields (as its case.yaml has them) with the uploaded files and roles.
    static func fields(evidence: [[String: Any]]) -> [String: Any] {
        ["platform": "taobao", "category": "quality", "order_id": "3712345678901234567", "shop": "某某数码旗舰店", "item": "蓝牙耳机",
         "amount_paid": "299.00", "ordered_at": "2026-11-01", "received_at": "2026-11-05", "found_at": "2026-11-06",
         "claim": "refund", "description": "左耳无声，充电仓有裂纹，联系客服三天未回复。", "evidence": evidence]
    }
}

/// Files a folder holds, recursively, hidden ones included (to prove nothing was left behind).
func allFiles(under folder: String) -> [String] {
    (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { name in
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder) && !isFolder.boolValue
    }.sorted()
}

extension ServeClient {
    /// A new quality case (titled `title`, or untitled) holding one photo of the earbuds sample:
    /// incomplete (no order page, no chat). Its id.
    func caseWithOnePhoto(title: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        var body: [String: Any] = ["category": "quality"]
        if let title { body["title"] = title }
        let id = try #require(try await json(.post, "/api/v1/cases", body).json["id"] as? String, sourceLocation: sourceLocation)
        let photo = EarbudsSample.files[1]
        #expect(try await upload(id, name: photo.name, try EarbudsSample.bytes(photo.path)).status == .created, sourceLocation: sourceLocation)
        return id
    }
}
