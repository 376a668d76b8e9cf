import EvidenceKit
import EvidenceMCP
import EvidenceTestSupport
import Foundation
import MCP
import Testing

/// The tools' argument decoding and error results, in process: wrong calls come back as error
/// results with both languages, never a crash; good calls return the CLI's documents.
@Suite struct ToolArgumentTests {
    let temporary = TemporaryDirectory("mcp-arguments")

    func tools(_ language: Language = .en) throws -> EvidenceTools {
        try EvidenceTools(allowed: AllowedFolders([Repository.samples, temporary.path]), language: language, rules: RuleSet.bundled())
    }

    func code(_ name: String, _ arguments: [String: Value]?) throws -> MCPToolError.Code? {
        let tools = try tools()
        do {
            _ = try tools.run(name, arguments: arguments)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func badArgumentsAreRefusedWithTheirCode() throws {
        let sample = Repository.samples + "/quality-earbuds"
        #expect(try code("inspect_files", [:]) == .missingArgument)
        #expect(try code("inspect_files", ["paths": "Samples"]) == .wrongType)
        #expect(try code("inspect_files", ["paths": []]) == .wrongType)
        #expect(try code("inspect_files", ["paths": [1]]) == .wrongType)
        #expect(try code("inspect_files", ["paths": [.string(sample)], "read_content": "yes"]) == .wrongType)
        #expect(try code("inspect_files", ["paths": [.string(sample)], "recursive": true]) == .unknownArgument)
        #expect(try code("check_case", nil) == .missingArgument)
        #expect(try code("check_case", ["case": ""]) == .missingArgument)
        #expect(try code("check_case", ["case": 3]) == .wrongType)
        #expect(try code("check_case", ["case": .string(sample), "category": "no-such-category"]) == .unknownCategory)
        #expect(try code("verify_bundle", ["bundle": .string(sample), "require_seal": 1]) == .wrongType)
        #expect(try code("list_categories", ["category": "quality"]) == .unknownArgument)
        #expect(try code("explain_requirement", ["category": "quality"]) == .missingArgument)
        #expect(try code("explain_requirement", ["category": "nope", "requirement": "payment"]) == .unknownCategory)
        #expect(try code("explain_requirement", ["category": "quality", "requirement": "nope"]) == .unknownRequirement)
        #expect(try code("delete_everything", [:]) == .unknownTool)
        #expect(try code("inspect_files", ["paths": "/etc/passwd"]) == .wrongType)
        #expect(try code("inspect_files", ["paths": ["/etc/passwd"]]) == .outsideAllowedFolders)
    }

    @Test func anErrorResultCarriesBothLanguagesTheChosenOneFirst() throws {
        let result = try tools(.zh).call("explain_requirement", arguments: ["category": "nope", "requirement": "x"])
        #expect(result.isError == true)
        #expect(result.structuredContent == nil)
        guard case .text(let text, _, _) = try #require(result.content.first) else { Issue.record("not text"); return }
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains("没有类别“nope”"))
        #expect(lines[1].contains("No category “nope”"))
        #expect(text.contains("quality"))
    }

    @Test func listCategoriesReturnsTheRulesDocumentThreeWays() throws {
        let result = try tools().call("list_categories", arguments: nil)
        #expect(result.isError == false)
        #expect(result.content.count == 2)
        guard case .text(let summary, _, _) = result.content[0], case .text(let json, _, _) = result.content[1] else {
            Issue.record("content is not two texts"); return
        }
        #expect(summary.hasPrefix("Rules "))
        let structured = try #require(result.structuredContent?.objectValue)
        #expect(structured["format_version"] == "1")
        #expect(structured["rules_version"] != nil)
        let decoded = try JSONDecoder().decode(Value.self, from: Data(json.utf8))
        #expect(decoded == result.structuredContent)
        let ids = structured["categories"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } ?? []
        #expect(ids == (try RuleSet.bundled()).categories.map(\.id))
    }

    @Test func explainRequirementReturnsThatOneRequirementWithItsCitation() throws {
        let output = try tools(.zh).run("explain_requirement", arguments: ["category": "quality", "requirement": "defect-shown"])
        let document = try #require(try JSONDecoder().decode(Value.self, from: output.json).objectValue)
        #expect(document["id"] == "quality")
        let requirements = try #require(document["requirements"]?.arrayValue)
        #expect(requirements.count == 1)
        let item = try #require(requirements.first?.objectValue)
        #expect(item["id"] == "defect-shown")
        for key in ["reason", "advice", "citation"] {
            #expect(item[key]?.objectValue?["zh"]?.stringValue?.isEmpty == false, "\(key)")
            #expect(item[key]?.objectValue?["en"]?.stringValue?.isEmpty == false, "\(key)")
        }
        #expect(output.summary.contains("defect-shown"))
    }

    @Test func checkCaseRefusesEvidenceOutsideTheCaseFolder() throws {
        _ = temporary.write("secret.txt", text: "private\n")
        try FileManager.default.createDirectory(atPath: temporary.path + "/case", withIntermediateDirectories: true)
        let caseFile = temporary.write("case/case.yaml", text: """
            category: quality
            evidence:
              - file: ../secret.txt
                role: chat-record
            """)
        let tools = try tools()
        do {
            _ = try tools.run("check_case", arguments: ["case": .string(caseFile)])
            Issue.record("a case reaching outside its folder was checked")
        } catch {
            #expect(error.code == .refused)
            #expect(error.message.en.contains("secret.txt"))
        }
    }

    @Test func theCatalogListsFiveToolsWithClosedSchemas() throws {
        let definitions = try tools().definitions
        #expect(definitions.map(\.name) == EvidenceTools.names)
        for tool in definitions {
            let schema = try #require(tool.inputSchema.objectValue)
            #expect(schema["type"] == "object")
            #expect(schema["additionalProperties"] == false)
            #expect(tool.annotations.readOnlyHint == true)
            #expect(tool.description?.isEmpty == false)
        }
    }
}
