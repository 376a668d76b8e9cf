import EvidenceKit
import MCP

extension EvidenceTools {
    /// The tools as `tools/list` gives them: name, bilingual description, JSON Schema of the
    /// arguments (no other keys accepted), read-only hints.
    public var definitions: [Tool] {
        let readOnly = Tool.Annotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)
        func tool(_ name: String, _ title: String, _ description: String, _ properties: [String: Value], required: [String]) -> Tool {
            Tool(name: name, title: title, description: description,
                 inputSchema: .object(["type": "object", "properties": .object(properties),
                                       "required": .array(required.map { .string($0) }), "additionalProperties": false]),
                 annotations: readOnly)
        }
        let string: (String) -> Value = { .object(["type": "string", "minLength": 1, "description": .string($0)]) }
        let flag: (String) -> Value = { .object(["type": "boolean", "default": false, "description": .string($0)]) }
        return [
            tool("inspect_files", "Inspect files · 检查文件",
                 "检查每个文件的真实类型、完整性和元数据，并读取其内容（截图 OCR、PDF 文字、聊天/账单导出）。"
                 + " Each file's real type, integrity and metadata, and what it shows (role, order number, amounts...):"
                 + " the `evidence inspect --json` document (Docs/json/inspect.schema.json). Folders are walked.",
                 ["paths": .object(["type": "array", "minItems": 1, "items": .object(["type": "string", "minLength": 1]),
                                    "description": "Files or folders inside the allowed folders. 允许文件夹内的文件或文件夹。"]),
                  "read_content": .object(["type": "boolean", "default": true,
                                           "description": "Read what each file shows (OCR, PDF text); false: names and metadata only. 是否读取内容。"])],
                 required: ["paths"]),
            tool("check_case", "Check a case · 检查证据是否齐全",
                 "检查案件的证据是否齐全。Whether a case's evidence is complete for its category: the `evidence check --json` document"
                 + " (Docs/json/check.schema.json). `case` is a case.yaml/case.json or a folder holding one; with `category`, the quick"
                 + " form: the folder's (or file's) roles are read from what each file shows.",
                 ["case": string("A case file or folder inside the allowed folders. 案件文件或文件夹。"),
                  "category": string("Quick form without a case file: the complaint category (see list_categories). 投诉类别（快速检查）。")],
                 required: ["case"]),
            tool("verify_bundle", "Verify a bundle · 核验证据包",
                 "不解压核验证据包：安全、完整性、齐全性、时间戳。Checks a received bundle without extracting it: safety, fixity,"
                 + " completeness, seals: the `evidence verify --json` document (Docs/json/verify.schema.json).",
                 ["bundle": string("A .zip, .tar, .tar.gz bundle or an unpacked bag folder inside the allowed folders. 证据包。"),
                  "read": flag("Also read every payload file's text again and compare it with evidence.json. 重新读取内容并比对。"),
                  "require_seal": flag("Invalid unless the bundle has a valid seal from a trusted authority. 要求有效的可信时间戳。")],
                 required: ["bundle"]),
            tool("list_categories", "List categories · 列出投诉类别",
                 "列出投诉类别及其要求数量。The complaint categories and how many requirements each has: the `evidence rules --json`"
                 + " document (Docs/json/rules.schema.json).",
                 [:], required: []),
            tool("explain_requirement", "Explain a requirement · 解释证据要求",
                 "说明一项证据要求：为何重要、如何取证、依据的规则或法律。Why a requirement matters, how to capture the evidence, the"
                 + " rule or law it rests on: the `evidence rules CATEGORY --json` document with only that requirement"
                 + " (Docs/json/rules-category.schema.json).",
                 ["category": string("The category id (see list_categories). 类别。"),
                  "requirement": string("The requirement id within the category. 要求。")],
                 required: ["category", "requirement"]),
        ]
    }
}
