import EvidenceKit
import EvidenceServer
import EvidenceTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("evidence serve access and hostile input")
struct ServeSecurityTests {
    @Test("no token or a wrong token is 401; the token in the URL sets a strict cookie that then works")
    func tokens() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let none = try await client.send(.get, "/api/v1/cases", bearer: false)
            #expect(none.status == .unauthorized)
            #expect(none.errorCode == "serve.unauthorized")
            #expect(none.json["error"].map { ($0 as? [String: Any])?["message_zh"] is String } == true)
            // serve signs in with the address printed at start, so its 401 names `?token=` in both languages.
            for key in ["message_zh", "message_en"] {
                let message = (none.json["error"] as? [String: Any])?[key] as? String ?? ""
                #expect(message.contains("?token=") && !message.contains("desk user add"), "\(key): \(message)")
            }
            let wrong = try await client.send(.get, "/api/v1/cases", headers: [.authorization: "Bearer " + String(client.token.reversed())])
            #expect(wrong.status == .unauthorized)
            #expect(try await client.send(.get, "/", bearer: false).status == .unauthorized)
            #expect(try await client.send(.get, "/?token=nope", bearer: false).status == .unauthorized)

            let login = try await client.send(.get, "/?token=\(client.token)&lang=en", bearer: false)
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/?lang=en")
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.hasPrefix("evidence_session=\(client.token)"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/"))
            let withCookie = try await client.send(.get, "/api/v1/cases", headers: [.cookie: "evidence_session=\(client.token)"], bearer: false)
            #expect(withCookie.status == .ok)
            let wrongCookie = try await client.send(.get, "/api/v1/cases", headers: [.cookie: "evidence_session=x"], bearer: false)
            #expect(wrongCookie.status == .unauthorized)
        }
    }

    @Test("a foreign Host is 421 (DNS rebinding), with or without the token; the loopback names are accepted")
    func hosts() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            for host in ["evil.example:\(client.port)", "127.0.0.1", "127.0.0.1:1", "192.168.1.5:\(client.port)"] {
                let reply = try await client.send(.get, "/api/v1/cases", authority: host)
                #expect(reply.status == .misdirectedRequest, "\(host)")
                #expect(reply.errorCode == "serve.bad-host")
            }
            for host in ["localhost:\(client.port)", "[::1]:\(client.port)", "127.0.0.1:\(client.port)"] {
                #expect(try await client.send(.get, "/api/v1/cases", authority: host).status == .ok, "\(host)")
            }
        }
    }

    @Test("a state-changing request from another origin is 403 and changes nothing")
    func origins() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let foreign = try await client.json(.post, "/api/v1/cases", ["category": "quality", "title": "x"],
                                                headers: [.origin: "http://evil.example"])
            #expect(foreign.status == .forbidden)
            #expect(foreign.errorCode == "serve.cross-origin")
            let crossSite = try await client.json(.post, "/api/v1/cases", ["category": "quality", "title": "x"],
                                                  headers: [HeaderName.secFetchSite: "cross-site"])
            #expect(crossSite.status == .forbidden)
            #expect(allFiles(under: serve.cases.path).isEmpty)
            let own = try await client.json(.post, "/api/v1/cases", ["category": "quality", "title": "x"],
                                            headers: [.origin: "http://127.0.0.1:\(client.port)"])
            #expect(own.status == .created)
            // A read from another origin is not a change (CORS keeps its answer from that page).
            #expect(try await client.send(.get, "/api/v1/cases", headers: [.origin: "http://evil.example"]).status == .ok)
        }
    }

    @Test("path traversal in upload names and file routes is 400 and writes nothing outside the case",
          arguments: ["../x", "..%2Fx", "%2e%2e%2fx", "/etc/passwd", "%2Fetc%2Fpasswd", "a%00b", ".hidden", "..", "sub%2Fx"])
    func traversal(_ raw: String) async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            _ = try await client.json(.post, "/api/v1/cases", ["category": "quality", "title": "safe"])
            let before = allFiles(under: serve.cases.path)
            let upload = try await client.send(.post, "/api/v1/cases/safe/files?name=\(raw)", headers: [.contentType: "application/octet-stream"],
                                               body: Array("payload".utf8))
            #expect(upload.status == .badRequest, "\(raw): \(upload.status) \(upload.text)")
            #expect(upload.errorCode == "serve.bad-name")
            #expect(allFiles(under: serve.cases.path) == before)
            #expect(!FileManager.default.fileExists(atPath: serve.cases.path + "/../x"))
            let read = try await client.send(.get, "/api/v1/cases/safe/files/\(raw)")
            #expect([.badRequest, .notFound].contains(read.status), "\(raw): \(read.status)")
            #expect(!read.text.contains("root:"))
            let remove = try await client.send(.delete, "/api/v1/cases/safe/files/\(raw)")
            #expect([.badRequest, .notFound].contains(remove.status), "\(raw): \(remove.status)")
            let caseRoute = try await client.send(.get, "/api/v1/cases/\(raw)")
            #expect([.badRequest, .notFound].contains(caseRoute.status), "\(raw): \(caseRoute.status)")
            #expect(allFiles(under: serve.cases.path) == before)
        }
    }

    @Test("an oversized body is 413 and leaves nothing behind, per file and per case")
    func oversized() async throws {
        try await InProcessServe.with(maxFileSize: 4000, maxCaseSize: 6000) { serve in
            let client = serve.client
            _ = try await client.json(.post, "/api/v1/cases", ["category": "quality", "title": "big"])
            let before = allFiles(under: serve.cases.path)
            let tooBig = try await client.upload("big", name: "big.bin", [UInt8](repeating: 7, count: 4001))
            #expect(tooBig.status == .contentTooLarge)
            #expect(tooBig.errorCode == "serve.too-large")
            #expect(allFiles(under: serve.cases.path) == before)
            #expect(try await client.upload("big", name: "one.bin", [UInt8](repeating: 1, count: 4000)).status == .created)
            let over = try await client.upload("big", name: "two.bin", [UInt8](repeating: 2, count: 2500))
            #expect(over.status == .contentTooLarge)
            #expect(!allFiles(under: serve.cases.path).contains { $0.contains("two") || $0.contains(".upload-") })
        }
    }
}
