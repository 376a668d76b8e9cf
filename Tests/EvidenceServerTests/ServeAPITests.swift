import EvidenceKit
import EvidenceServer
import EvidenceTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("evidence serve API in process")
struct ServeAPITests {
    @Test("the walk: create a quality case, upload the sample, set roles and fields, check, pack, download, evidence verify exits 0")
    func apiWalk() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let created = try await client.json(.post, "/api/v1/cases", ["category": "quality", "title": "耳机"])
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json["id"] as? String)
            #expect(id == "耳机")
            #expect(FileManager.default.fileExists(atPath: serve.cases.file("耳机/case.yaml")))
            let path = "/api/v1/cases/\(ServeClient.encode(id))"

            for file in EarbudsSample.files {
                let reply = try await client.upload(id, name: file.name, try EarbudsSample.bytes(file.path))
                #expect(reply.status == .created, "\(file.name): \(reply.text)")
                #expect(reply.json["file"] as? String == file.name)
                let inspection = try #require(reply.json["inspection"] as? [String: Any])
                #expect(inspection["status"] as? String == "ok", "\(file.name): \(reply.text)")
                #expect(inspection["role_assessment"] != nil)
            }
            // The same name again is stored beside, never over, the first.
            let again = try await client.upload(id, name: "旺旺聊天记录.txt", Array("另一份".utf8))
            #expect(again.json["file"] as? String == "旺旺聊天记录 (2).txt")
            let removed = try await client.send(.delete, path + "/files/\(ServeClient.encode("旺旺聊天记录 (2).txt"))")
            #expect(removed.status == .ok, "\(removed.text)")
            #expect(FileManager.default.fileExists(atPath: serve.cases.file("耳机/.removed/旺旺聊天记录 (2).txt")))

            let document = try await client.send(.get, path)
            #expect(document.status == .ok)
            let version = try #require(document.json["version"] as? String)
            #expect(document.headers[.eTag] == "\"\(version)\"")
            #expect((document.json["files"] as? [String])?.sorted() == EarbudsSample.files.map(\.name).sorted())
            let listed = try #require((document.json["case"] as? [String: Any])?["evidence"] as? [[String: Any]])
            #expect(listed.count == EarbudsSample.files.count)

            // Roles as the sample's case file has them, and its fields.
            let evidence = EarbudsSample.files.map { ["file": $0.name, "role": $0.role] as [String: Any] }
            let put = try await client.json(.put, path, ["case": EarbudsSample.fields(evidence: evidence)], headers: [.ifMatch: "\"\(version)\""])
            #expect(put.status == .ok, "\(put.text)")
            let newVersion = try #require(put.json["version"] as? String)
            #expect(newVersion != version)
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: serve.cases.file("耳机/case.yaml")))
            #expect(CaseStore.version(of: onDisk) == newVersion)
            #expect(try CaseFile.load(path: serve.cases.file("耳机")).complaint.orderID == "3712345678901234567")

            let check = try await client.send(.get, path + "/check")
            #expect(check.status == .ok)
            #expect(check.json["status"] as? String == "complete", "\(check.text)")
            #expect(check.json["exit_code"] as? Int == 0)
            #expect(check.json["format_version"] as? String == "1")

            let inspect = try await client.send(.get, path + "/inspect")
            #expect((inspect.json["summary"] as? [String: Any])?["files"] as? Int == EarbudsSample.files.count)

            let pack = try await client.json(.post, path + "/pack", ["force": false, "format": "zip"])
            #expect(pack.status == .ok, "\(pack.text)")
            #expect(pack.json["bag_digest"] != nil || pack.json["bundle_sha256"] != nil, "\(pack.text)")
            #expect(FileManager.default.fileExists(atPath: serve.cases.file("耳机/.bundles/耳机.zip")))

            let bundle = try await client.send(.get, path + "/bundle")
            #expect(bundle.status == .ok)
            #expect(bundle.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            let downloads = TemporaryDirectory("serve-download")
            let saved = downloads.write("耳机.zip", bundle.bytes)
            let verified = try CLI.run(["verify", saved])
            #expect(verified.status == 0, "\(verified.output)")

            let index = try await client.send(.get, path + "/bundle/index.html")
            #expect(index.status == .ok)
            #expect(index.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(index.text.contains("3712345678901234567"))
            #expect(index.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)

            let list = try await client.send(.get, "/api/v1/cases")
            let cases = try #require(list.json["cases"] as? [[String: Any]])
            #expect(cases.map { $0["id"] as? String } == ["耳机"])
            #expect(cases.first?["order_id"] as? String == "3712345678901234567")
        }
    }

    @Test("an incomplete case's pack is 409 naming the missing requirements; force packs it")
    func incompletePack() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let id = try await client.caseWithOnePhoto()
            #expect(id.hasPrefix("quality-"))
            let path = "/api/v1/cases/\(ServeClient.encode(id))"
            let refused = try await client.json(.post, path + "/pack", ["force": false])
            #expect(refused.status == .conflict, "\(refused.text)")
            #expect(refused.errorCode == "serve.incomplete")
            let missing = try #require((refused.json["error"] as? [String: Any])?["missing"] as? [[String: Any]])
            #expect(!missing.isEmpty)
            #expect(missing.allSatisfy { ($0["requirement"] as? String)?.isEmpty == false })
            #expect(!FileManager.default.fileExists(atPath: serve.cases.file(id + "/.bundles/\(id).zip")))
            let forced = try await client.json(.post, path + "/pack", ["force": true])
            #expect(forced.status == .ok, "\(forced.text)")
            #expect(FileManager.default.fileExists(atPath: serve.cases.file(id + "/.bundles/\(id).zip")))
        }
    }

    @Test("the case document's latest_bundle is null before the first pack and names the newest bundle (read from .bundles/, not from memory) after it")
    func latestBundle() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let id = try await client.caseWithOnePhoto(title: "packed-before")
            let path = "/api/v1/cases/\(ServeClient.encode(id))"
            let before = try await client.send(.get, path)
            #expect(before.status == .ok)
            #expect(before.json.keys.contains("latest_bundle") && before.json["latest_bundle"] is NSNull, "\(before.text)")
            // A refused pack writes no bundle.
            #expect(try await client.json(.post, path + "/pack", ["force": false]).status == .conflict)
            #expect(try await client.send(.get, path).json["latest_bundle"] is NSNull)
            #expect(try await client.json(.post, path + "/pack", ["force": true]).status == .ok)
            let after = try await client.send(.get, path)
            let latest = try #require(after.json["latest_bundle"] as? [String: Any], "\(after.text)")
            #expect(latest["name"] as? String == "\(id).zip")
            let packedAt = try #require(latest["packed_at"] as? String)
            #expect(ISO8601DateFormatter().date(from: packedAt) != nil, "\(packedAt)")
            #expect(FileManager.default.fileExists(atPath: serve.cases.file(id + "/.bundles/\(id).zip")))
        }
    }

    @Test("an ELF renamed .jpg, a zero-byte file and a truncated JPEG get their findings")
    func hostileUploads() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let id = try #require(try await client.json(.post, "/api/v1/cases", ["category": "quality", "title": "bad"]).json["id"] as? String)
            var elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 8) + [2, 0, 0x3E, 0, 1, 0, 0, 0]
            elf += [UInt8](repeating: 0, count: 200)
            let jpeg = try EarbudsSample.bytes("photos/左耳无声.jpg")
            let cases: [(String, [UInt8], String)] = [
                ("照片.jpg", elf, "type.executable"),
                ("empty.jpg", [], "file.empty"),
                ("cut.jpg", Array(jpeg.prefix(jpeg.count / 2)), "jpeg."),
            ]
            for (name, bytes, code) in cases {
                let reply = try await client.upload(id, name: name, bytes)
                #expect(reply.status == .created, "\(name): \(reply.text)")
                let inspection = try #require(reply.json["inspection"] as? [String: Any])
                #expect(inspection["status"] as? String != "ok", "\(name): \(reply.text)")
                let codes = (inspection["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                #expect(codes.contains { $0.hasPrefix(code) }, "\(name): \(codes)")
            }
            // Such files are never served as something a browser would run or show as a page.
            let served = try await client.send(.get, "/api/v1/cases/bad/files/\(ServeClient.encode("照片.jpg"))")
            #expect(served.headers[.contentType] == "application/octet-stream")
            #expect(served.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(served.headers[.xContentTypeOptions] == "nosniff")
            #expect(served.bytes == elf)
            let html = try await client.upload(id, name: "page.html", Array("<script>alert(1)</script>".utf8))
            #expect(html.status == .created)
            let page = try await client.send(.get, "/api/v1/cases/bad/files/page.html")
            #expect(page.headers[.contentType] == "application/octet-stream")
            let photo = try await client.upload(id, name: "good.jpg", jpeg)
            #expect(photo.status == .created)
            let image = try await client.send(.get, "/api/v1/cases/bad/files/good.jpg")
            #expect(image.headers[.contentType] == "image/jpeg")
            #expect(image.headers[.contentDisposition]?.hasPrefix("inline") == true)
        }
    }

    @Test("two PUTs with the same If-Match: the second is 409; fields that do not validate are 422 with problems")
    func versionConflict() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let created = try await client.json(.post, "/api/v1/cases", ["category": "quality", "title": "tabs"])
            let version = try #require(created.json["version"] as? String)
            let first = try await client.json(.put, "/api/v1/cases/tabs", ["case": ["category": "quality", "shop": "一号店", "evidence": []]],
                                              headers: [.ifMatch: version])
            #expect(first.status == .ok, "\(first.text)")
            let second = try await client.json(.put, "/api/v1/cases/tabs", ["case": ["category": "quality", "shop": "二号店", "evidence": []]],
                                               headers: [.ifMatch: version])
            #expect(second.status == .conflict)
            #expect(second.errorCode == "serve.version-conflict")
            #expect(CaseFile.readFields(path: serve.cases.file("tabs/case.yaml"))?.shop == "一号店")

            let current = try #require(first.json["version"] as? String)
            let invalid = try await client.json(.put, "/api/v1/cases/tabs",
                                                ["case": ["category": "quality", "ordered_at": "2026-13-45",
                                                          "evidence": [["file": "nothing-here.jpg", "role": "product-photo"]]]],
                                                headers: [.ifMatch: current])
            #expect(invalid.status == .unprocessableContent, "\(invalid.text)")
            let problems = try #require((invalid.json["error"] as? [String: Any])?["problems"] as? [[String: Any]])
            let codes = Set(problems.compactMap { $0["code"] as? String })
            #expect(codes.contains("case.missing-file"), "\(codes)")
            #expect(codes.contains("case.bad-date"), "\(codes)")
            let missingMatch = try await client.json(.put, "/api/v1/cases/tabs", ["case": ["category": "quality", "evidence": []]])
            #expect(missingMatch.status == .preconditionRequired)
        }
    }

    @Test("verify: a sound bundle is valid, a tampered one invalid with a checksum mismatch, a hostile zip refused; previews read from inside")
    func verifyBundles() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let sound = TestBag.quality()
            let good = try await client.send(.post, "/api/v1/verify?name=good.zip", headers: [.contentType: "application/zip"], body: sound.zip())
            #expect(good.status == .ok, "\(good.text)")
            let report = try #require(good.json["report"] as? [String: Any])
            #expect(report["status"] as? String == "valid-complete", "\(good.text)")
            #expect(report["bundle"] as? String == "good.zip")
            let vid = try #require(good.json["id"] as? String)
            let payload = try #require(sound.files.first { $0.path.hasPrefix("data/") })
            let preview = try await client.send(.get, "/api/v1/verifications/\(vid)/entries/" + payload.path.split(separator: "/").map { ServeClient.encode(String($0)) }.joined(separator: "/"))
            #expect(preview.status == .ok, "\(preview.text)")
            #expect(preview.bytes == payload.bytes)
            #expect(preview.headers[.xContentTypeOptions] == "nosniff")
            let traversal = try await client.send(.get, "/api/v1/verifications/\(vid)/entries/data/%2e%2e/bagit.txt")
            #expect(traversal.status == .badRequest)
            // The errors Docs/openapi/serve.json lists for this route: an entry the bag lacks is 404 naming it.
            let missing = try await client.send(.get, "/api/v1/verifications/\(vid)/entries/data/no-such-file.txt")
            #expect(missing.status == .notFound && missing.errorCode == "serve.entry-not-found", "\(missing.text)")
            #expect((missing.json["error"] as? [String: Any])?["file"] as? String == "data/no-such-file.txt")

            var tampered = TestBag.quality()
            tampered.replace(payload.path, with: payload.bytes.map { $0 ^ 0x01 })
            let bad = try await client.send(.post, "/api/v1/verify?name=bad.zip", headers: [.contentType: "application/zip"], body: tampered.zip())
            #expect(bad.status == .ok)
            let badReport = try #require(bad.json["report"] as? [String: Any])
            #expect(badReport["status"] as? String == "invalid")
            let badCodes = (badReport["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(badCodes.contains("bag.checksum-mismatch"), "\(badCodes)")

            let hostile = TestZip([.directory("bag/"), TestZip.Entry("bag/bagit.txt", Array("BagIt-Version: 1.0\n".utf8)),
                                   TestZip.Entry("bag/../../evil.txt", Array("x".utf8))]).bytes()
            let refused = try await client.send(.post, "/api/v1/verify?name=evil.zip", headers: [.contentType: "application/zip"], body: hostile)
            #expect(refused.status == .ok)
            let refusedReport = try #require(refused.json["report"] as? [String: Any])
            #expect(refusedReport["status"] as? String == "invalid")
            let refusedCodes = (refusedReport["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(refusedCodes.contains("safety.path-traversal"), "\(refusedCodes)")
            // Nothing was extracted: the private folder holds the received archives only.
            #expect(allFiles(under: serve.server.verifications.folder.path).allSatisfy { $0.hasSuffix(".zip") })

            let wrongType = try await client.send(.post, "/api/v1/verify", headers: [.contentType: "text/html"], body: sound.zip())
            #expect(wrongType.status == .unsupportedMediaType)
        }
    }

    @Test("categories are the rules --json document; pages get their language")
    func categoriesAndPages() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let categories = try await client.send(.get, "/api/v1/categories")
            #expect(categories.status == .ok)
            #expect((categories.json["categories"] as? [[String: Any]])?.contains { $0["id"] as? String == "quality" } == true)
            #expect(categories.json["format_version"] as? String == "1")
            let cli = try CLI.run(["rules", "--json"])
            #expect((cli.json["categories"] as? [[String: Any]])?.count == (categories.json["categories"] as? [[String: Any]])?.count)

            let zh = try await client.send(.get, "/")
            #expect(zh.status == .ok)
            #expect(zh.text.contains("<html lang=\"zh\""))
            #expect(zh.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(zh.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(zh.headers[HeaderName.referrerPolicy] == "no-referrer")
            let en = try await client.send(.get, "/agent", headers: [.acceptLanguage: "en-GB,en;q=0.9"])
            #expect(en.text.contains("<html lang=\"en\""))
            let asked = try await client.send(.get, "/?lang=en", headers: [.acceptLanguage: "zh-CN"])
            #expect(asked.text.contains("<html lang=\"en\""))
            let css = try await client.send(.get, "/assets/app.css")
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            let strings = try await client.send(.get, "/assets/strings.json")
            #expect(strings.status == .ok)
            #expect(try await client.send(.get, "/assets/nothing.js").status == .notFound)
            let openapi = try await client.send(.get, "/api/v1/openapi.json")
            #expect(openapi.json["openapi"] as? String == "3.1.0")
        }
    }
}
