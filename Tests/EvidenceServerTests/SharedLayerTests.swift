import EvidenceKit
@testable import EvidenceServer
import EvidenceTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("EvidenceServer shared layer")
struct SharedLayerTests {
    @Test("names that could reach another folder, hide or carry control characters are refused",
          arguments: ["", "..", ".", "../x", "a/b", "/etc/passwd", "a\\b", "x\u{0}y", "bad\nname", ".hidden", "\u{7}bell",
                      String(repeating: "长", count: 100)])
    func refusedNames(_ name: String) throws {
        #expect(throws: APIError.self) { try SafeFileName.check(name) }
        do { _ = try SafeFileName.check(name) } catch let error as APIError {
            #expect(error.status == .badRequest)
            #expect(error.code == "serve.bad-name")
        }
    }

    @Test("names are normalised to NFC and numbered copies keep their extension")
    func acceptedNames() throws {
        let decomposed = "cafe\u{301}.jpg"
        #expect(try SafeFileName.check(decomposed) == "caf\u{E9}.jpg")
        #expect(try SafeFileName.check("订单 截图.png") == "订单 截图.png")
        #expect(SafeFileName.numbered("photo.jpg", 1) == "photo.jpg")
        #expect(SafeFileName.numbered("photo.jpg", 2) == "photo (2).jpg")
        #expect(SafeFileName.numbered("README", 3) == "README (3)")
    }

    @Test("loopback addresses are told from others")
    func loopback() {
        for host in ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"] { #expect(LoopbackHost.isLoopback(host), "\(host)") }
        for host in ["0.0.0.0", "192.168.1.2", "10.0.0.1", "::", "127.0.0.256", "127.0.0", "example.com", "127.0.0.1.nip.io", ""] {
            #expect(!LoopbackHost.isLoopback(host), "\(host)")
        }
        #expect(LoopbackHost.allowedHosts(port: 8080) == ["127.0.0.1:8080", "localhost:8080", "[::1]:8080"])
    }

    @Test("a body over the limit is refused with 413 and leaves no file; one within it is placed without replacing")
    func spoolLimit() async throws {
        let folder = TemporaryDirectory("spool")
        let chunks = (0..<8).map { ByteBuffer(bytes: [UInt8](repeating: UInt8($0), count: 1000)) }
        let body = RequestBody(asyncSequence: AsyncStream<ByteBuffer> { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        })
        await #expect {
            try await UploadSpool.spool(body, into: folder.path, limit: 7999)
        } throws: { ($0 as? APIError)?.status == .contentTooLarge }
        #expect(allFiles(under: folder.path).isEmpty)

        let fitting = RequestBody(buffer: ByteBuffer(bytes: [1, 2, 3]))
        let spooled = try await UploadSpool.spool(fitting, into: folder.path, limit: 3)
        #expect(spooled.size == 3)
        folder.write("a.bin", [9])
        #expect(try UploadSpool.place(spooled.path, in: folder.path, as: "a.bin") == "a (2).bin")
        #expect(allFiles(under: folder.path) == ["a (2).bin", "a.bin"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("a.bin"))) == Data([9]))
    }

    @Test("a body that fails mid-stream leaves no file")
    func spoolFailure() async throws {
        struct Broken: Error {}
        let folder = TemporaryDirectory("spool")
        let body = RequestBody(asyncSequence: AsyncThrowingStream<ByteBuffer, any Error> { continuation in
            continuation.yield(ByteBuffer(bytes: [1, 2, 3]))
            continuation.finish(throwing: Broken())
        })
        await #expect(throws: Broken.self) { try await UploadSpool.spool(body, into: folder.path, limit: 100) }
        #expect(allFiles(under: folder.path).isEmpty)
    }

    @Test("errors carry both languages, the file and extra members; library errors map to statuses")
    func errorBodies() throws {
        let error = APIError(.conflict, code: "serve.version-conflict", zh: "已修改", en: "changed", file: "case.yaml",
                             extra: ["version": JSONFragment("abc")])
        let object = try #require(try JSONSerialization.jsonObject(with: error.body()) as? [String: Any])
        let inner = try #require(object["error"] as? [String: Any])
        #expect(inner["code"] as? String == "serve.version-conflict")
        #expect(inner["message_zh"] as? String == "已修改")
        #expect(inner["message_en"] as? String == "changed")
        #expect(inner["file"] as? String == "case.yaml")
        #expect(inner["version"] as? String == "abc")
        let noFile = try #require(try JSONSerialization.jsonObject(with: APIError(.notFound, code: "serve.x", zh: "z", en: "e").body()) as? [String: Any])
        #expect((noFile["error"] as? [String: Any])?["file"] is NSNull)

        let caseError = CaseFileError(issues: [CaseIssue(.missingField, .error, path: "case.yaml",
                                                         location: DocumentLocation(field: "category", line: 1, column: 1), zh: "缺", en: "missing")])
        #expect(APIError.from(caseError).status == .unprocessableContent)
        #expect(APIError.from(caseError).extra["problems"] != nil)
        #expect(APIError.from(PackError(.incomplete, path: nil)).status == .conflict)
        #expect(APIError.from(PackError(.incomplete, path: nil)).code == "serve.incomplete")
        #expect(APIError.from(InspectionError(.pathNotFound, path: "x", detail: "")).status == .notFound)
        #expect(APIError.from(CocoaError(.fileReadUnknown)).status == .internalServerError)
    }

    @Test("the html element gets the language asked for")
    func pageLanguage() {
        #expect(ServePages.withLanguage("<!doctype html><html lang=\"zh\"><body>", .en) == "<!doctype html><html lang=\"en\"><body>")
        #expect(ServePages.withLanguage("<html class=\"x\">", .zh) == "<html class=\"x\" lang=\"zh\">")
    }

    @Test("every route of the router is in the OpenAPI document, and every operation there is a route")
    func openAPICoversRoutes() throws {
        let folder = TemporaryDirectory("serve-openapi")
        let server = try ServeServer(configuration: ServeConfiguration(root: folder.path, rules: try RuleSet.bundled()))
        defer { server.verifications.folder.remove() }
        let routes = OpenAPIDocument.routes(of: server.router())
        let documented = ServeServer.openAPI.operations()
        #expect(routes.count >= 18)
        #expect(routes.subtracting(documented).isEmpty, "routes missing from Docs/openapi/serve.json: \(routes.subtracting(documented).sorted())")
        #expect(documented.subtracting(routes).isEmpty, "documented operations with no route: \(documented.subtracting(routes).sorted())")
        // The compiled-in document is the committed file.
        #expect(Data(ServeServer.openAPI.bytes) == (try Data(contentsOf: URL(fileURLWithPath: Repository.path("Docs/openapi/serve.json")))))
    }

    @Test("the routes that read one entry from inside a bundle document its 404/413/422 with their error codes")
    func openAPIListsEntryErrors() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(ServeServer.openAPI.bytes)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        let components = try #require((document["components"] as? [String: Any])?["responses"] as? [String: Any])
        let expected = ["404": "serve.entry-not-found", "413": "serve.entry-too-large", "422": "serve.entry-unreadable"]
        for path in ["/api/v1/verifications/{vid}/entries/{path}", "/api/v1/cases/{id}/bundle/index.html"] {
            let responses = try #require(((paths[path] as? [String: Any])?["get"] as? [String: Any])?["responses"] as? [String: Any], "\(path)")
            for (status, code) in expected {
                let reference = (responses[status] as? [String: Any])?["$ref"] as? String ?? ""
                let name = String(reference.split(separator: "/").last ?? "")
                let description = (components[name] as? [String: Any])?["description"] as? String ?? ""
                #expect(description.contains(code), "\(path) \(status): \(reference) does not name \(code)")
            }
        }
    }
}
