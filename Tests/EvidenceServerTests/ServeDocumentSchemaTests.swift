import EvidenceKit
import EvidenceServer
import EvidenceTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("evidence serve documents against Docs/json")
struct ServeDocumentSchemaTests {
    @Test("categories, inspect, check, pack and verify answers are valid documents of the CLI's schemas")
    func documentsMatchSchemas() async throws {
        try await InProcessServe.with { serve in
            let client = serve.client
            let output = TemporaryDirectory("serve-schemas")
            _ = try await client.json(.post, "/api/v1/cases", ["category": "quality", "title": "docs"])
            for file in EarbudsSample.files[1...2] {  // photos only: no order screenshot
                #expect(try await client.upload("docs", name: file.name, try EarbudsSample.bytes(file.path)).status == .created)
            }
            let categories = try await client.send(.get, "/api/v1/categories")
            try expectSchemaValid("rules.schema.json", [output.write("rules.json", categories.bytes)])
            let inspect = try await client.send(.get, "/api/v1/cases/docs/inspect")
            try expectSchemaValid("inspect.schema.json", [output.write("inspect.json", inspect.bytes)])
            let check = try await client.send(.get, "/api/v1/cases/docs/check")
            #expect(check.json["status"] as? String == "incomplete")
            try expectSchemaValid("check.schema.json", [output.write("check.json", check.bytes)])
            let pack = try await client.json(.post, "/api/v1/cases/docs/pack", ["force": true])
            #expect(pack.status == .ok, "\(pack.text)")
            try expectSchemaValid("pack.schema.json", [output.write("pack.json", pack.bytes)])
            let bundle = try await client.send(.get, "/api/v1/cases/docs/bundle")
            let verified = try await client.send(.post, "/api/v1/verify?name=docs.zip", headers: [.contentType: "application/zip"], body: bundle.bytes)
            let report = try #require(verified.json["report"])
            #expect((report as? [String: Any])?["status"] as? String == "valid-incomplete")
            try expectSchemaValid("verify-report.schema.json",
                                  [output.write("report.json", Array(try JSONSerialization.data(withJSONObject: report)))])
        }
    }
}
