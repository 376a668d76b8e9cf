import EvidenceFrontEnd
import EvidenceKit
import Foundation
import MCP

/// The rules as MCP resources: `evidence://rules` (the `evidence rules --json` document) and
/// `evidence://rules/{category}` (each category's `evidence rules CATEGORY --json` document).
public struct RuleResources: Sendable {
    /// The whole rules document's URI.
    public static let rootURI = "evidence://rules"
    /// The URI template of one category.
    public static let template = "evidence://rules/{category}"

    /// The rules served.
    public let rules: RuleSet
    /// The language of names and descriptions.
    public let language: Language

    /// Resources over `rules`.
    public init(rules: RuleSet, language: Language) {
        self.rules = rules
        self.language = language
    }

    /// Every resource: the whole document, then one per category.
    public var list: [Resource] {
        [Resource(name: "rules", uri: Self.rootURI, title: language == .zh ? "证据规则" : "Evidence rules",
                  description: rules.title(language), mimeType: "application/json")]
            + rules.categories.map {
                Resource(name: "rules/\($0.id)", uri: Self.rootURI + "/" + $0.id, title: $0.label(language),
                         description: $0.summary(language), mimeType: "application/json")
            }
    }

    /// The template for one category.
    public var templates: [Resource.Template] {
        [Resource.Template(uriTemplate: Self.template, name: "rules-category",
                           title: language == .zh ? "某类别的证据要求" : "One category's requirements",
                           description: "evidence rules CATEGORY --json", mimeType: "application/json")]
    }

    /// The JSON text of `uri`.
    /// - Throws: `MCPError.invalidParams` with a bilingual message for a URI that names nothing.
    public func read(_ uri: String) throws -> Resource.Content {
        let json: Data
        if uri == Self.rootURI {
            json = try EvidenceJSON.encoder().encode(JSONDocument(value: RulesListDocument(rules: rules)))
        } else if uri.hasPrefix(Self.rootURI + "/"), let category = rules.category(String(uri.dropFirst(Self.rootURI.count + 1))) {
            json = try EvidenceJSON.encoder().encode(JSONDocument(value: RulesCategoryDocument(rules: rules, category: category)))
        } else {
            let known = ([Self.rootURI] + rules.categories.map { Self.rootURI + "/" + $0.id }).joined(separator: ", ")
            let text = LocalizedText(zh: "没有资源“\(uri)”。可用资源：\(known)", en: "No resource “\(uri)”. Resources: \(known)")
            throw MCPError.invalidParams(EvidenceTools.bilingual(text, first: language))
        }
        return .text(String(decoding: json, as: UTF8.self), uri: uri, mimeType: "application/json")
    }
}
