import EvidenceKit

/// A renderer that writes in one of the product's two languages.
protocol Bilingual {
    var language: Language { get }
}

extension Bilingual {
    /// The Chinese or the English text, whichever the renderer writes in.
    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
}
