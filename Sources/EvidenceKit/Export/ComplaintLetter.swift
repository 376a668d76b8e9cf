import Foundation

/// The wording of the complaint letters and of the evidence list, compiled in from
/// `Export/letters.json` (zh and en; one template per letter: `complaint`, `association`, `court`).
struct LetterTemplates: Sendable, Decodable {
    struct Wording: Sendable, Decodable {
        var title, complainant, respondent, request, facts, basis, evidence, recipient, signature, date: String
        var claims: [String: String]
        var noClaim: String

        enum CodingKeys: String, CodingKey {
            case title, complainant, respondent, request, facts, basis, evidence, recipient, signature, date, claims
            case noClaim = "no_claim"
        }
    }

    struct ListWording: Sendable, Decodable {
        var title, sequence, name, source, purpose, pages, sha256, item, letter, page, original: String
        var bagDigest, notPacked, listFooter, textTruncated, notRendered, sourceCase: String

        enum CodingKeys: String, CodingKey {
            case title, sequence, name, source, purpose, pages, sha256, item, letter, page, original
            case bagDigest = "bag_digest"
            case notPacked = "not_packed"
            case listFooter = "list_footer"
            case textTruncated = "text_truncated"
            case notRendered = "not_rendered"
            case sourceCase = "source_case"
        }
    }

    var platforms: [String: LocalizedText]
    var letters: [String: [String: Wording]]
    var facts: [String: [[String]]]
    var evidenceFact: LocalizedText
    var unknown: LocalizedText
    var list: [String: ListWording]

    enum CodingKeys: String, CodingKey {
        case platforms, letters, facts, unknown, list
        case evidenceFact = "evidence_fact"
    }

    static let builtIn: LetterTemplates = {
        // The bundled file is checked by the tests; a broken one is a build defect.
        try! JSONDecoder().decode(LetterTemplates.self, from: Data(PackageResources.letters_json))
    }()

    func wording(_ letter: String, _ language: Language) -> Wording {
        (letters[letter] ?? letters["complaint"]!)[language.rawValue]!
    }

    func list(_ language: Language) -> ListWording { list[language.rawValue]! }

    /// `template` with each `{key}` replaced; nil when a key has no value.
    static func fill(_ template: String, _ values: [String: String]) -> String? {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let key = String(rest[rest.index(after: open)..<close])
            guard let value = values[key], !value.isEmpty else { return nil }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

/// A complaint letter (投诉书 / 民事起诉状) made from the case, the evidence's facts and the rules'
/// citations: the heading, the parties, the request, the facts and reasons, the legal basis.
struct ComplaintLetter: Sendable {
    struct Section: Sendable {
        var heading: String
        var paragraphs: [String]
    }

    var title: String
    var sections: [Section]
    var closing: [String]
    /// The respondent's name as written in the letter (the tests look for it).
    var respondent: String

    /// Writes the letter of `template` for `source` in `language`.
    static func make(_ source: ExportSource, template: String, rules: RuleSet, language: Language, date: String) -> ComplaintLetter {
        let texts = LetterTemplates.builtIn
        let w = texts.wording(template, language)
        let c = source.complaint
        let unknown = texts.unknown(language)
        func facts(_ kind: Fact.Kind) -> [(ExportItem, Fact)] {
            source.items.compactMap { item in item.reading?.fact(kind).map { (item, $0) } }
        }
        // The respondent: the merchant-info evidence's entity first, then any shop read, then the case's shop.
        let merchant = facts(.merchantName).first { $0.0.role == .merchantInfo }?.1.value ?? facts(.merchantName).first?.1.value
        let shop = c.shop ?? facts(.shop).first?.1.value
        let credit = facts(.creditCode).first?.1.value
        let respondent = merchant ?? shop ?? unknown
        var respondentLines = [respondent]
        if let merchant, let shop, merchant != shop { respondentLines.append((language == .zh ? "店铺：" : "Shop: ") + shop) }
        if let credit { respondentLines.append(FactKindLabel.creditCode(language) + (language == .zh ? "：" : ": ") + credit) }

        let person = c.complainant
        var complainantLines = [person?.name ?? unknown]
        if let phone = person?.phone { complainantLines.append((language == .zh ? "电话：" : "Phone: ") + phone) }
        if let address = person?.address { complainantLines.append((language == .zh ? "地址：" : "Address: ") + address) }

        var values: [String: String] = [
            "complainant": w.complainant, "complainant_en": w.complainant.lowercased(),
            "platform": texts.platforms[(c.platform ?? .other).rawValue]?(language) ?? "",
        ]
        values["shop"] = shop
        values["item"] = c.item
        values["order_id"] = c.orderID ?? facts(.orderNumber).first?.1.value
        values["amount_paid"] = c.amountPaid ?? facts(.amountPaid).first?.1.value
        values["ordered_at"] = c.orderedAt
        values["received_at"] = c.receivedAt
        values["found_at"] = c.foundAt
        values["description"] = c.description
        let claimText = c.claim.flatMap { w.claims[$0.rawValue] }.flatMap { LetterTemplates.fill($0, values) }
            ?? c.claim.flatMap { w.claims[$0.rawValue]?.replacingOccurrences(of: "{amount_paid}", with: unknown) } ?? w.noClaim

        var factParagraphs: [String] = []
        for alternatives in texts.facts[language.rawValue] ?? [] {
            if let sentence = alternatives.lazy.compactMap({ LetterTemplates.fill($0, values) }).first { factParagraphs.append(sentence) }
        }
        for item in source.items {
            guard let reading = item.reading, !reading.facts.isEmpty else { continue }
            var seen: Set<String> = []
            let listed = reading.facts.filter { seen.insert($0.kind.rawValue).inserted }
                .map { FactKindLabel.label($0.kind, language) + (language == .zh ? " " : " ") + $0.value }
                .joined(separator: language == .zh ? "；" : "; ")
            let fact = LetterTemplates.fill(texts.evidenceFact(language), [
                "sequence": String(item.sequence), "title": item.role.label(language), "facts": listed,
            ])
            if let fact { factParagraphs.append(fact) }
        }

        var citations: [String] = []
        for requirement in rules.category(c.category)?.requirements ?? [] {
            if let citation = requirement.citation?(language), !citations.contains(citation) { citations.append(citation) }
        }
        let evidenceLines = source.items.map { "\($0.sequence). \($0.role.label(language))" + ($0.note.map { "（\($0)）" } ?? "") }

        var sections = [
            Section(heading: w.complainant, paragraphs: complainantLines),
            Section(heading: w.respondent, paragraphs: respondentLines),
            Section(heading: w.request, paragraphs: claimText.components(separatedBy: "\n")),
            Section(heading: w.facts, paragraphs: factParagraphs),
        ]
        if !citations.isEmpty { sections.append(Section(heading: w.basis, paragraphs: citations)) }
        sections.append(Section(heading: w.evidence, paragraphs: evidenceLines))
        let closing = w.recipient.components(separatedBy: "\n")
            + [LetterTemplates.fill(w.signature, ["name": person?.name ?? "＿＿＿＿"]) ?? "",
               LetterTemplates.fill(w.date, ["date": date]) ?? ""]
        return ComplaintLetter(title: w.title, sections: sections, closing: closing, respondent: respondent)
    }
}

/// Fact labels in one language.
enum FactKindLabel {
    static func label(_ kind: Fact.Kind, _ language: Language) -> String { kind.label(language) }
    static func creditCode(_ language: Language) -> String { Fact.Kind.creditCode.label(language) }
}
