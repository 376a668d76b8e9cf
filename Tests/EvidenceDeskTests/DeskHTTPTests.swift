@testable import EvidenceDesk
import EvidenceKit
import EvidenceServer
import EvidenceTestSupport
import Foundation
import Testing

/// One HTTP exchange with the running desk, made by curl (installed by `make deps`) on loopback.
struct Exchange {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
}

/// A running desk process with one user, and a way to call it.
final class RunningDesk: @unchecked Sendable {
    let sandbox: DeskSandbox
    let process: DeskProcess
    let port: Int
    let token: String
    let scratch = TemporaryDirectory("evidence-desk-http")

    init(_ backend: Backend, extra: [String] = []) async throws {
        sandbox = try await DeskSandbox(backend)
        let added = try CLI.run(["desk", "user", "add", "agent", sandbox.deskFolder] + sandbox.databaseArguments)
        token = try #require(added.stdout.split(separator: "\n").last.map(String.init), "\(added.output)")
        process = try DeskProcess([sandbox.deskFolder, "--port", "0"] + sandbox.databaseArguments + extra)
        port = try await process.port()
    }

    /// `curl` one request; `token` nil sends none.
    func call(_ method: String, _ path: String, token: String?? = .none, headers: [String: String] = [:],
              file: String? = nil, json: String? = nil) throws -> Exchange {
        let headerFile = scratch.file(UUID().uuidString + ".h"), bodyFile = scratch.file(UUID().uuidString + ".b")
        var arguments = ["-s", "-X", method, "-D", headerFile, "-o", bodyFile, "-w", "%{http_code}", "--max-redirs", "0", "--max-time", "300"]
        let bearer: String? = token ?? self.token
        if let bearer { arguments += ["-H", "Authorization: Bearer \(bearer)"] }
        for (name, value) in headers { arguments += ["-H", "\(name): \(value)"] }
        if let file { arguments += ["--data-binary", "@" + file] }
        if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
        arguments.append("http://127.0.0.1:\(port)" + path)
        let result = try ProcessRunner.run("/usr/bin/curl", arguments)
        var fields: [String: String] = [:]
        for line in ((try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? "").split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Exchange(status: Int(result.stdout) ?? 0, headers: fields,
                        body: (try? Data(contentsOf: URL(fileURLWithPath: bodyFile))) ?? Data())
    }

    func upload(_ file: String, type: String = "application/zip") throws -> Exchange {
        try call("POST", "/api/v1/bundles", headers: ["Content-Type": type], file: file)
    }

    deinit { process.stop() }
}

@Suite("evidence desk's HTTP API and pages, on SQLite and PostgreSQL")
struct DeskHTTPTests {
    @Test("no token or a wrong one is 401 (bilingual JSON); pages without a session go to the sign-in form", arguments: Backend.allCases)
    func tokens(_ backend: Backend) async throws {
        let desk = try await RunningDesk(backend)
        for token: String? in [nil, "edk_wrong", desk.token + "0"] {
            let answer = try desk.call("GET", "/api/v1/bundles", token: .some(token))
            #expect(answer.status == 401)
            #expect(answer.errorCode == "desk.unauthorized")
            let error = answer.json["error"] as? [String: Any]
            #expect((error?["message_zh"] as? String)?.isEmpty == false)
            // The desk's users sign in with a token from `desk user add`, not serve's `?token=` address.
            for key in ["message_zh", "message_en"] {
                let message = error?[key] as? String ?? ""
                #expect(message.contains("desk user add") && message.contains("Bearer") && !message.contains("?token="), "\(key): \(message)")
            }
        }
        #expect(try desk.call("GET", "/api/v1/bundles").status == 200)
        #expect(try desk.call("GET", "/api/v1/me").json["name"] as? String == "agent")
        let page = try desk.call("GET", "/", token: .some(nil))
        #expect(page.status == 303 && page.headers["location"] == "/signin")
        let signin = try desk.call("GET", "/signin", token: .some(nil))
        #expect(signin.status == 200 && signin.text.contains("<form"))
        #expect(signin.headers["content-security-policy"]?.hasPrefix("default-src 'self'") == true)
        // The form's GET /?token=T sets the session cookie and drops the token from the address.
        let signedIn = try desk.call("GET", "/?token=\(desk.token)", token: .some(nil))
        #expect(signedIn.status == 303 && signedIn.headers["location"] == "/")
        let cookie = try #require(signedIn.headers["set-cookie"])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let wrong = try desk.call("GET", "/?token=edk_wrong", token: .some(nil))
        #expect(wrong.status == 303 && wrong.headers["location"] == "/signin?failed=1")
        let cookieValue = String(cookie.split(separator: ";")[0])
        #expect(try desk.call("GET", "/", token: .some(nil), headers: ["Cookie": cookieValue]).status == 200)
        // Another Host (DNS rebinding) is refused.
        #expect(try desk.call("GET", "/api/v1/bundles", headers: ["Host": "evil.example:\(desk.port)"]).status == 421)
    }

    @Test("upload answers the record; a second copy is a duplicate; other types 415; too large 413", arguments: Backend.allCases)
    func upload(_ backend: Backend) async throws {
        let desk = try await RunningDesk(backend, extra: ["--max-upload-size", "2000000"])
        let bundle = try DeskFixtures.bundle(in: desk.scratch, name: "up", shop: "上传店")
        let first = try desk.upload(bundle)
        #expect(first.status == 201, "\(first.text)")
        let id = try #require(first.json["id"] as? String)
        #expect(first.json["status"] as? String == "valid-complete")
        #expect((first.json["bag_digest"] as? String)?.count == 64)
        #expect(first.json["source"] as? String == "upload:agent")
        #expect(first.json["duplicate_of"] == nil)
        let second = try desk.upload(bundle)
        #expect(second.status == 200)
        #expect(second.json["duplicate_of"] as? String == id)
        let wrongType = try desk.upload(bundle, type: "text/plain")
        #expect(wrongType.status == 415 && wrongType.errorCode == "desk.unsupported-media-type")
        let big = desk.scratch.write("big.zip", [UInt8](repeating: 0x50, count: 2_500_000))
        let tooLarge = try desk.upload(big)
        #expect(tooLarge.status == 413)
        // Nothing of the refused upload is left behind, and it was not filed.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: desk.sandbox.deskFolder + "/tmp")
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(try desk.call("GET", "/api/v1/bundles").json["total"] as? Int == 2)
        // A cross-site upload is refused.
        let cross = try desk.call("POST", "/api/v1/bundles", headers: ["Content-Type": "application/zip", "Origin": "http://evil.example"], file: bundle)
        #expect(cross.status == 403)
    }

    @Test("decisions through the API: recorded with the user, appended, the latest current", arguments: Backend.allCases)
    func decisions(_ backend: Backend) async throws {
        let desk = try await RunningDesk(backend)
        let bundle = try DeskFixtures.bundle(in: desk.scratch, name: "d")
        let id = try #require(try desk.upload(bundle).json["id"] as? String)
        let first = try desk.call("POST", "/api/v1/bundles/\(id)/decisions", json: #"{"decision": "needs-more-evidence", "note": "请补充视频"}"#)
        #expect(first.status == 201, "\(first.text)")
        #expect(first.json["user"] as? String == "agent")
        #expect(try desk.call("POST", "/api/v1/bundles/\(id)/decisions", json: #"{"decision": "rejected"}"#).status == 201)
        let bad = try desk.call("POST", "/api/v1/bundles/\(id)/decisions", json: #"{"decision": "maybe"}"#)
        #expect(bad.status == 400 && bad.errorCode == "desk.bad-decision")
        #expect(try desk.call("POST", "/api/v1/bundles/nope/decisions", json: #"{"decision": "accepted"}"#).status == 404)
        let history = try #require(try desk.call("GET", "/api/v1/bundles/\(id)/decisions").json["decisions"] as? [[String: Any]])
        #expect(history.compactMap { $0["decision"] as? String } == ["needs-more-evidence", "rejected"])
        #expect(history.first?["note"] as? String == "请补充视频")
        let record = try desk.call("GET", "/api/v1/bundles/\(id)").json["bundle"] as? [String: Any]
        #expect(record?["decision"] as? String == "rejected")
        #expect(record?["decided_by"] as? String == "agent")
    }

    @Test("the queue's filters and paging, and the same selection as CSV (RFC 4180, BOM)", arguments: Backend.allCases)
    func queueAndCSV(_ backend: Backend) async throws {
        let desk = try await RunningDesk(backend)
        let a = try DeskFixtures.bundle(in: desk.scratch, name: "a", order: "3790000000000000001", shop: "逗号,\"引号\"店")
        let b = try DeskFixtures.bundle(in: desk.scratch, name: "b", order: "3790000000000000002", shop: "=SUM(A1)")
        let bad = DeskFixtures.hostile(in: desk.scratch, name: "bad.zip")
        for file in [a, b, bad] { #expect(try desk.upload(file).status == 201) }
        #expect(try desk.call("GET", "/api/v1/bundles?q=0001").json["total"] as? Int == 1)
        #expect(try desk.call("GET", "/api/v1/bundles?status=invalid").json["total"] as? Int == 1)
        #expect(try desk.call("GET", "/api/v1/bundles?category=quality").json["total"] as? Int == 2)
        let paged = try desk.call("GET", "/api/v1/bundles?limit=2&offset=2").json
        #expect(paged["total"] as? Int == 3 && (paged["bundles"] as? [Any])?.count == 1)
        #expect(try desk.call("GET", "/api/v1/bundles?from=not-a-date").status == 400)
        #expect(try desk.call("GET", "/api/v1/bundles?limit=-1").status == 400)
        let csv = try desk.call("GET", "/api/v1/bundles.csv?category=quality")
        #expect(csv.status == 200)
        #expect(csv.headers["content-type"]?.hasPrefix("text/csv") == true)
        #expect(Array(csv.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: csv.body.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.first == DeskCSV.columns.joined(separator: ","))
        #expect(lines.count == 4 && lines.last == "")
        #expect(text.contains(",\"逗号,\"\"引号\"\"店\","))
        #expect(text.contains(",'=SUM(A1),"))
    }

    @Test("the case: report, evidence listed, previews read from inside the stored bundle; none for an unsafe one", arguments: Backend.allCases)
    func casePreview(_ backend: Backend) async throws {
        let desk = try await RunningDesk(backend)
        let bundle = try DeskFixtures.bundle(in: desk.scratch, name: "c")
        let id = try #require(try desk.upload(bundle).json["id"] as? String)
        let view = try desk.call("GET", "/api/v1/bundles/\(id)")
        #expect(view.status == 200)
        #expect((view.json["report"] as? [String: Any])?["status"] as? String == "valid-complete")
        let entries = try #require(view.json["entries"] as? [[String: Any]])
        #expect(entries.count == 5)
        let png = try #require(entries.first { ($0["mime_type"] as? String) == "image/png" })
        let path = try #require(png["path"] as? String)
        let preview = try desk.call("GET", "/api/v1/bundles/\(id)/entries/" + path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!)
        #expect(preview.status == 200)
        #expect(preview.headers["content-type"] == "image/png")
        #expect([UInt8](preview.body) == [UInt8](try Data(contentsOf: URL(fileURLWithPath: Repository.samples + "/quality-earbuds/订单截图.png"))))
        #expect(try desk.call("GET", "/api/v1/bundles/\(id)/entries/data/nothing.png").status == 404)
        #expect(try desk.call("GET", "/api/v1/bundles/nope").status == 404)
        let hostile = try #require(try desk.upload(DeskFixtures.hostile(in: desk.scratch, name: "h.zip")).json["id"] as? String)
        #expect(try desk.call("GET", "/api/v1/bundles/\(hostile)/entries/evil").status == 409)
        let openapi = try desk.call("GET", "/api/v1/openapi.json")
        #expect(openapi.status == 200 && openapi.json["openapi"] as? String == "3.1.0")
    }
}

@Suite("The desk's OpenAPI document")
struct DeskOpenAPITests {
    @Test("Docs/openapi/desk.json describes exactly the API routes the router has")
    func documentMatchesRoutes() async throws {
        let folder = TemporaryDirectory("evidence-desk")
        let desk = try await Desk.open(folder: folder.file("desk"), databaseURL: nil)
        let server = DeskServer(desk: desk, configuration: DeskServerConfiguration())
        let routes = OpenAPIDocument.routes(of: server.router()).filter { $0.contains(" /api/") }
        #expect(routes == DeskServer.openAPI.operations())
        #expect(try Repository.read("Docs/openapi/desk.json").utf8.elementsEqual(DeskServer.openAPI.bytes))
        await desk.close()
    }
}
