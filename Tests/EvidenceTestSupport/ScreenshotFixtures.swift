import Foundation

/// The rendered screenshot fixtures in `Tests/Fixtures/screenshots/` and their labels
/// (`labels.json`, written by `Tests/Fixtures-src/screenshots/render.py`).
public enum ScreenshotFixtures {
    /// One labelled fixture.
    public struct Fixture: Decodable, Sendable {
        /// File name inside the folder.
        public var file: String
        /// Expected role (an `EvidenceRole` raw value).
        public var role: String
        /// Every fact the image shows: `order_number`, `amount_paid`, `ordered_at`, `paid_at`,
        /// `shipped_at`, `signed_at`, `shop`, `courier`, `tracking_number`, `trade_number`,
        /// `merchant_name`, `credit_code`.
        public var facts: [String: String]
        /// Lines (or parts of lines) any reader of the image should find.
        public var keyLines: [String]
        /// `original`, `half-jpeg`, `crop`, `pdf-text` or `pdf-scan`.
        public var variant: String
        /// `zh` or `en` (the app's interface language in the screenshot).
        public var lang: String
        /// Chat only: `light` or `dark`.
        public var theme: String?
        /// Chat only: the colour of the shopper's bubbles, `green` or `blue`.
        public var bubble: String?

        enum CodingKeys: String, CodingKey {
            case file, role, facts, variant, lang, theme, bubble
            case keyLines = "key_lines"
        }
    }

    private struct Document: Decodable {
        var formatVersion: Int
        var fixtures: [Fixture]
        enum CodingKeys: String, CodingKey {
            case fixtures
            case formatVersion = "format_version"
        }
    }

    /// `Tests/Fixtures/screenshots/` in this checkout.
    public static let folder = URL(fileURLWithPath: Repository.path("Tests/Fixtures/screenshots"))

    /// Every labelled fixture.
    public static let all: [Fixture] = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("labels.json"))
        return try! JSONDecoder().decode(Document.self, from: data).fixtures
    }()

    /// The fixture named `file`.
    public static func named(_ file: String) -> Fixture {
        all.first { $0.file == file }!
    }

    /// The path of `file`.
    public static func path(_ file: String) -> String {
        folder.appendingPathComponent(file).path
    }
}
