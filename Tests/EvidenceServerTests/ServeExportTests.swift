import EvidenceKit
import EvidenceServer
import EvidenceTestSupport
import Foundation
import Hummingbird
import Testing

/// The export routes of `evidence serve`: one POST per channel into the case's own export
/// folder, the list, per-file downloads and the zip.
@Suite("evidence serve exports in process")
struct ServeExportTests {
    /// A complete quality case from the earbuds sample, under `title`; packed when asked.
    func earbudsCase(_ client: ServeClient, _ title: String, pack: Bool) async throws -> String {
        let id = try #require(try await client.json(.post, "/api/v1/cases", ["category": "quality", "title": title]).json["id"] as? String)
        for file in EarbudsSample.files {
            let reply = try await client.upload(id, name: file.name, try EarbudsSample.bytes(file.path))
            #expect(reply.status == .created, "\(file.name): \(reply.text)")
        }
        let path = "/api/v1/cases/\(ServeClient.encode(id))"
        let version = try #require(try await client.send(.get, path).json["version"] as? String)
        let evidence = EarbudsSample.files.map { ["file": $0.name, "role": $0.role] as [String: Any] }
        let put = try await client.json(.put, path, ["case": EarbudsSample.fields(evidence: evidence)], headers: [.ifMatch: "\"\(version)\""])
        #expect(put.status == .ok, "\(put.text)")
        if pack {
            let packed = try await client.json(.post, path + "/pack", ["force": false, "format": "zip"])
            #expect(packed.status == .ok, "\(packed.text)")
        }
        return id
    }

    func export(_ client: ServeClient, _ id: String, _ channel: String, force: Bool = false) async throws -> ServeClient.Reply {
        try await client.json(.post, "/api/v1/cases/\(ServeClient.encode(id))/exports", ["channel": channel, "force": force])
    }

    /// An export that must be written: its answer and id.
    func exported(_ client: ServeClient, _ id: String, _ channel: String,
                  sourceLocation: SourceLocation = #_sourceLocation) async throws -> (ServeClient.Reply, String) {
        let reply = try await export(client, id, channel)
        #expect(reply.status == .ok, "\(reply.text)", sourceLocation: sourceLocation)
        return (reply, try #require(reply.json["id"] as? String, sourceLocation: sourceLocation))
    }

    func files(_ reply: ServeClient.Reply) -> [[String: Any]] {
        ((reply.json["report"] as? [String: Any])?["files"] as? [[String: Any]]) ?? []
    }

    @Test("a packed case exports for 12315 (证据材料.pdf, a PDF) and platform (numbered images, 说明.txt) into its own export folders, listed newest first")
    func exportsOfAPackedCase() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let id = try await earbudsCase(client, "耳机", pack: true)
            let (reply, exportID) = try await exported(client, id, "12315")
            #expect(exportID.hasPrefix("12315-"))
            let report = try #require(reply.json["report"] as? [String: Any])
            #expect(report["channel"] as? String == "12315")
            #expect(report["source_kind"] as? String == "bundle", "what was packed is what is exported")
            #expect((report["bag_digest"] as? String)?.count == 64)
            #expect(report["exit_code"] as? Int == 0)
            #expect(files(reply).compactMap { $0["name"] as? String } == ["证据材料.pdf", "说明.txt"])
            let folder = serve.cases.file("耳机/.exports/" + exportID)
            for name in ["证据材料.pdf", "说明.txt", "export.json"] {
                #expect(FileManager.default.fileExists(atPath: folder + "/" + name), "\(name) in \(folder)")
            }
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: folder + "/证据材料.pdf"))
            #expect(onDisk.starts(with: Array("%PDF-".utf8)))

            let base = "/api/v1/cases/\(ServeClient.encode(id))/exports/\(ServeClient.encode(exportID))"
            let pdf = try await client.send(.get, base + "/files/" + ServeClient.encode("证据材料.pdf"))
            #expect(pdf.status == .ok)
            #expect(pdf.bytes.starts(with: Array("%PDF-".utf8)))
            #expect(pdf.bytes == Array(onDisk))
            #expect(pdf.headers[.contentType] == "application/pdf")
            let disposition = try #require(pdf.headers[.contentDisposition])
            #expect(disposition.hasPrefix("attachment;"))
            let encoded = try #require(disposition.components(separatedBy: "filename*=UTF-8''").last)
            #expect(encoded.removingPercentEncoding == "证据材料.pdf", "\(disposition)")
            let text = try await client.send(.get, base + "/files/" + ServeClient.encode("说明.txt"))
            #expect(text.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(text.text.contains("3712345678901234567"))

            let (platform, platformID) = try await exported(client, id, "platform")
            let names = files(platform).compactMap { $0["name"] as? String }
            let images = files(platform).filter { ($0["mime_type"] as? String)?.hasPrefix("image/") == true }
            #expect(images.count == 3, "\(names)")
            #expect(images.allSatisfy { ($0["name"] as? String)?.range(of: #"^\d{2}-"#, options: .regularExpression) != nil }, "\(names)")
            #expect(names.last == "说明.txt")
            let image = try #require(images.first?["name"] as? String)
            let downloaded = try await client.send(.get, "/api/v1/cases/\(ServeClient.encode(id))/exports/\(ServeClient.encode(platformID))/files/\(ServeClient.encode(image))")
            #expect(downloaded.status == .ok)
            #expect(downloaded.headers[.contentType] == images.first?["mime_type"] as? String)
            #expect(downloaded.bytes.starts(with: [0xFF, 0xD8]) || downloaded.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))

            let list = try await client.send(.get, "/api/v1/cases/\(ServeClient.encode(id))/exports")
            #expect(list.status == .ok)
            let listed = try #require(list.json["exports"] as? [[String: Any]])
            #expect(Set(listed.compactMap { $0["id"] as? String }) == [exportID, platformID])
            #expect(listed.allSatisfy { ($0["created_at"] as? String)?.isEmpty == false })
            // The export folders are not evidence of the case.
            #expect((try await client.send(.get, "/api/v1/cases/\(ServeClient.encode(id))").json["files"] as? [String])?.count == EarbudsSample.files.count)
        }
    }

    @Test("a second export of the same channel gets its own folder and leaves the first as it was")
    func secondExportDoesNotOverwrite() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let id = try await earbudsCase(client, "twice", pack: true)
            let (_, firstID) = try await exported(client, id, "12315")
            let folder = serve.cases.file("twice/.exports/" + firstID)
            let before = try allFiles(under: folder).map { ($0, try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) }
            let (_, secondID) = try await exported(client, id, "12315")
            #expect(secondID != firstID)
            let after = try allFiles(under: folder).map { ($0, try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) }
            #expect(before.map(\.0) == after.map(\.0))
            #expect(before.map(\.1) == after.map(\.1))
            #expect(FileManager.default.fileExists(atPath: serve.cases.file("twice/.exports/\(secondID)/证据材料.pdf")))
            // Nothing else was left in the exports folder (no staging folder, no empty reservation).
            let entries = try FileManager.default.contentsOfDirectory(atPath: serve.cases.file("twice/.exports")).sorted()
            #expect(entries == [firstID, secondID].sorted())
        }
    }

    @Test("the whole export downloads as one zip holding every file under the export's folder name")
    func exportAsZip() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let id = try await earbudsCase(client, "zipped", pack: true)
            let (reply, exportID) = try await exported(client, id, "platform")
            let zip = try await client.send(.get, "/api/v1/cases/\(ServeClient.encode(id))/exports/\(ServeClient.encode(exportID))/zip")
            #expect(zip.status == .ok, "\(zip.text)")
            #expect(zip.headers[.contentType] == "application/zip")
            #expect(zip.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let downloads = TemporaryDirectory("serve-export-zip")
            let saved = downloads.write("export.zip", zip.bytes)
            let python = try #require(PythonTools.python, "the venv's python (make venv)")
            let listing = try ProcessRunner.run(python, ["-c", """
                import json, sys, zipfile
                z = zipfile.ZipFile(sys.argv[1])
                assert z.testzip() is None
                print(json.dumps(sorted(z.namelist()), ensure_ascii=False))
                """, saved])
            #expect(listing.status == 0, "\(listing.stderr)")
            let names = (try? JSONSerialization.jsonObject(with: listing.stdoutData)) as? [String] ?? []
            let expected = (files(reply).compactMap { $0["name"] as? String } + ["export.json"]).map { exportID + "/" + $0 }.sorted()
            #expect(names == expected)
            // The zip is kept beside the export (written once), never inside it.
            #expect(!FileManager.default.fileExists(atPath: serve.cases.file("zipped/.exports/\(exportID)/\(exportID).zip")))
        }
    }

    @Test("an unknown channel is 400, an unknown case or export 404, a file name reaching outside the export 400, a file not exported 404")
    func refusals() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let id = try await earbudsCase(client, "refusals", pack: true)
            let unknown = try await export(client, id, "weibo")
            #expect(unknown.status == .badRequest, "\(unknown.text)")
            #expect(unknown.errorCode == "serve.unknown-channel")
            let error = try #require(unknown.json["error"] as? [String: Any])
            #expect((error["message_zh"] as? String)?.contains("weibo") == true)
            #expect((error["message_en"] as? String)?.contains("platform") == true)
            let noCase = try await export(client, "no-such-case", "12315")
            #expect(noCase.status == .notFound)
            #expect(noCase.errorCode == "serve.no-case")
            let missingBody = try await client.send(.post, "/api/v1/cases/refusals/exports", headers: [.contentType: "application/json"])
            #expect(missingBody.status == .badRequest)

            let (_, exportID) = try await exported(client, id, "12315")
            let base = "/api/v1/cases/refusals/exports/\(ServeClient.encode(exportID))"
            for name in ["..%2F..%2Fcase.yaml", "%2E%2E", ".hidden", "a%5Cb"] {
                let reply = try await client.send(.get, base + "/files/" + name)
                #expect(reply.status == .badRequest, "\(name): \(reply.status) \(reply.text)")
                #expect(reply.errorCode == "serve.bad-name", "\(name)")
            }
            let outside = try await client.send(.get, "/api/v1/cases/refusals/exports/..%2F.bundles/files/refusals.zip")
            #expect(outside.status == .badRequest, "\(outside.text)")
            let noFile = try await client.send(.get, base + "/files/case.yaml")
            #expect(noFile.status == .notFound)
            #expect(noFile.errorCode == "serve.no-file")
            let noExport = try await client.send(.get, "/api/v1/cases/refusals/exports/12315-19990101-000000/files/x.pdf")
            #expect(noExport.status == .notFound)
            #expect(noExport.errorCode == "serve.no-export")
            let noZip = try await client.send(.get, "/api/v1/cases/refusals/exports/12315-19990101-000000/zip")
            #expect(noZip.status == .notFound)
        }
    }

    @Test("an incomplete case that was never packed is 409 naming the missing requirements and writes nothing; force exports it from the case folder")
    func incompleteCase() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let id = try await client.caseWithOnePhoto(title: "half")
            let refused = try await export(client, id, "12315")
            #expect(refused.status == .conflict, "\(refused.text)")
            #expect(refused.errorCode == "serve.incomplete")
            let error = try #require(refused.json["error"] as? [String: Any])
            let missing = try #require(error["missing"] as? [[String: Any]])
            #expect(missing.contains { $0["requirement"] as? String == "proof-of-purchase" }, "\(missing)")
            #expect((error["message_zh"] as? String)?.contains("仍然导出") == true)
            #expect(error["file"] is NSNull, "no path of this machine in the answer")
            #expect(allFiles(under: serve.cases.file("half/.exports")) == [])
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: serve.cases.file("half/.exports"))) ?? []) == [])

            let forced = try await export(client, id, "12315", force: true)
            #expect(forced.status == .ok, "\(forced.text)")
            #expect((forced.json["report"] as? [String: Any])?["source_kind"] as? String == "case")
            #expect(files(forced).first?["name"] as? String == "证据材料.pdf")
        }
    }

    @Test("a bundle packed incomplete is refused 409 with what it records as missing; force exports it")
    func incompleteBundle() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let id = try await client.caseWithOnePhoto(title: "gap")
            #expect(try await client.json(.post, "/api/v1/cases/gap/pack", ["force": true]).status == .ok)
            let refused = try await export(client, id, "court")
            #expect(refused.status == .conflict, "\(refused.text)")
            let missing = ((refused.json["error"] as? [String: Any])?["missing"] as? [[String: Any]]) ?? []
            #expect(missing.contains { $0["requirement"] as? String == "proof-of-purchase" }, "\(refused.text)")
            let forced = try await export(client, id, "court", force: true)
            #expect(forced.status == .ok, "\(forced.text)")
            #expect((forced.json["report"] as? [String: Any])?["source_kind"] as? String == "bundle")
        }
    }

    @Test("a packed bundle changed on disk after packing is verified first and refused 422, nothing written")
    func tamperedBundle() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let id = try await earbudsCase(client, "tampered", pack: true)
            let bundle = serve.cases.file("tampered/.bundles/tampered.zip")
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: bundle)))
            // A stored JPEG's bytes in the middle of the archive: the payload no longer matches its manifest.
            let jpeg = try #require(bytes.indices.dropLast(3).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xD8 && bytes[$0 + 2] == 0xFF })
            bytes[jpeg + 400] ^= 0xFF
            try Data(bytes).write(to: URL(fileURLWithPath: bundle))
            let refused = try await export(client, id, "12315")
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.errorCode == "serve.bundle-invalid")
            #expect((refused.json["error"] as? [String: Any])?["export_code"] as? String == "export.bundle-invalid")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: serve.cases.file("tampered/.exports"))) ?? []) == [])
        }
    }

    @Test("the library's export errors become the API's statuses and codes, with export_code beside them")
    func exportErrorMapping() {
        let cases: [(ExportError.Code, HTTPResponse.Status, String)] = [
            (.incomplete, .conflict, "serve.incomplete"), (.outputExists, .conflict, "serve.output-exists"),
            (.unknownChannel, .badRequest, "serve.unknown-channel"), (.bundleInvalid, .unprocessableContent, "serve.bundle-invalid"),
            (.bundleUnreadable, .unprocessableContent, "serve.bundle-invalid"), (.corruptEvidence, .unprocessableContent, "serve.evidence-unusable"),
            (.io, .internalServerError, "serve.export-failed"), (.profileInvalid, .internalServerError, "serve.export-failed"),
        ]
        for (code, status, apiCode) in cases {
            let error = APIError.from(ExportError(code, path: "/x", detail: "d"))
            #expect(error.status == status, "\(code)")
            #expect(error.code == apiCode, "\(code)")
            #expect(String(decoding: error.extra["export_code"]?.data ?? Data(), as: UTF8.self) == "\"\(code.rawValue)\"")
            #expect(!error.message.zh.isEmpty && !error.message.en.isEmpty)
        }
    }

    @Test("the export answer and the listed exports' reports are valid export.json documents")
    func answerMatchesSchema() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let id = try await earbudsCase(client, "schema", pack: true)
            let reply = try await export(client, id, "association")
            #expect(reply.status == .ok, "\(reply.text)")
            let output = TemporaryDirectory("serve-export-schema")
            let report = try #require(reply.json["report"])
            let listed = try #require((try await client.send(.get, "/api/v1/cases/schema/exports").json["exports"] as? [[String: Any]])?.first?["report"])
            try expectSchemaValid("export.schema.json", [
                output.write("answer.json", Array(try JSONSerialization.data(withJSONObject: report))),
                output.write("listed.json", Array(try JSONSerialization.data(withJSONObject: listed))),
            ])
        }
    }
}
