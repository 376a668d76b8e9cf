import EvidenceKit

/// Why a tool call of the MCP server was refused: the tool then returns an error result
/// (`isError`) with ``message``, and the server goes on. A machine-readable ``code``, the path
/// or argument concerned, and a bilingual message that says what to do.
public struct MCPToolError: Error, Sendable, CustomStringConvertible {
    /// Machine-readable reasons: a struct over a private enum (as swift-nio's
    /// `FileSystemError.Code`), so that codes can be added without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case outsideAllowedFolders = "mcp.outside-allowed-folders"
            case pathNotFound = "mcp.path-not-found"
            case missingArgument = "mcp.missing-argument"
            case wrongType = "mcp.wrong-type"
            case unknownArgument = "mcp.unknown-argument"
            case unknownCategory = "mcp.unknown-category"
            case unknownRequirement = "mcp.unknown-requirement"
            case unknownTool = "mcp.unknown-tool"
            case refused = "mcp.refused"
        }

        fileprivate let base: Base
        fileprivate init(_ base: Base) { self.base = base }

        /// The dotted code.
        public var rawValue: String { base.rawValue }
        /// The code with this dotted name; nil for one this version does not know.
        public init?(rawValue: String) {
            guard let base = Base(rawValue: rawValue) else { return nil }
            self.base = base
        }
        public var description: String { rawValue }

        /// A path resolves (symbolic links followed) to a place outside every `--allow` folder.
        public static let outsideAllowedFolders = Code(.outsideAllowedFolders)
        /// A path names nothing.
        public static let pathNotFound = Code(.pathNotFound)
        /// A required argument is missing.
        public static let missingArgument = Code(.missingArgument)
        /// An argument has the wrong JSON type.
        public static let wrongType = Code(.wrongType)
        /// An argument the tool does not take.
        public static let unknownArgument = Code(.unknownArgument)
        /// No category of that id in the rules.
        public static let unknownCategory = Code(.unknownCategory)
        /// The category has no requirement of that id.
        public static let unknownRequirement = Code(.unknownRequirement)
        /// No tool of that name.
        public static let unknownTool = Code(.unknownTool)
        /// The library refused the job (a bad case file, an unreadable path): its message is kept.
        public static let refused = Code(.refused)
    }

    /// The reason.
    public var code: Code
    /// The path, argument, category or tool concerned.
    public var subject: String
    /// What was expected (a type, the allowed folders, the known ids) or the library's message.
    public var detail: LocalizedText

    /// Creates an error.
    public init(_ code: Code, subject: String, detail: LocalizedText = LocalizedText(zh: "", en: "")) {
        self.code = code
        self.subject = subject
        self.detail = detail
    }

    /// What went wrong and what to do, in both languages.
    public var message: LocalizedText {
        let s = subject, d = detail
        switch code.base {
        case .outsideAllowedFolders:
            return LocalizedText(
                zh: "“\(s)”不在允许访问的文件夹内（已解析符号链接）。允许的文件夹：\(d.zh)。请把文件移到其中一个文件夹，或用 --allow 另加文件夹后重新启动 evidence mcp。",
                en: "“\(s)” is not inside a folder this server may read (symbolic links resolved). Allowed folders: \(d.en). Move the file into one of them, or restart evidence mcp with another --allow folder.")
        case .pathNotFound:
            return LocalizedText(zh: "“\(s)”不存在。请检查路径（相对路径以服务器的工作目录为准）。",
                                 en: "“\(s)” does not exist. Check the path (a relative path is taken from the server's working folder).")
        case .missingArgument:
            return LocalizedText(zh: "缺少参数“\(s)”（\(d.zh)）。", en: "The argument “\(s)” is missing (\(d.en)).")
        case .wrongType:
            return LocalizedText(zh: "参数“\(s)”的类型不对：应为\(d.zh)。", en: "The argument “\(s)” has the wrong type: expected \(d.en).")
        case .unknownArgument:
            return LocalizedText(zh: "不认识的参数“\(s)”。可用参数：\(d.zh)。", en: "Unknown argument “\(s)”. This tool takes: \(d.en).")
        case .unknownCategory:
            return LocalizedText(zh: "没有类别“\(s)”。可用类别：\(d.zh)（见工具 list_categories）。",
                                 en: "No category “\(s)”. Known categories: \(d.en) (see the tool list_categories).")
        case .unknownRequirement:
            return LocalizedText(zh: "该类别没有要求“\(s)”。可用要求：\(d.zh)。", en: "The category has no requirement “\(s)”. Its requirements: \(d.en).")
        case .unknownTool:
            return LocalizedText(zh: "没有工具“\(s)”。可用工具：\(d.zh)。", en: "No tool “\(s)”. Tools: \(d.en).")
        case .refused:
            return d
        }
    }

    public var description: String { "\(code): \(message.en)" }
}

extension MCPToolError: EvidenceKitError {}
