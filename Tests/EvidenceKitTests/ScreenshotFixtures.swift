import Foundation

/// The rendered screenshot fixtures in `Tests/Fixtures/screenshots/` and their labels
/// (`labels.json`, written by `Tests/Fixtures-src/screenshots/render.py`).
struct ScreenshotFixtures {
    /// One labelled fixture.
    struct Fixture: Decodable, Sendable {
        /// File name inside the folder.
        var file: String
        /// Expected role (an `EvidenceRole` raw value).
        var role: String
        /// Every fact the image shows: `order_number`, `amount_paid`, `ordered_at`, `paid_at`,
        /// `shipped_at`, `signed_at`, `shop`, `courier`, `tracking_number`, `trade_number`,
        /// `merchant_name`, `credit_code`.
        var facts: [String: String]
        /// Lines (or parts of lines) any reader of the image should find.
        var keyLines: [String]
        /// `original`, `half-jpeg`, `crop`, `pdf-text` or `pdf-scan`.
        var variant: String
        /// `zh` or `en` (the app's interface language in the screenshot).
        var lang: String
        /// Chat only: `light` or `dark`.
        var theme: String?
        /// Chat only: the colour of the shopper's bubbles, `green` or `blue`.
        var bubble: String?

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
    static let folder: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/screenshots")
    }()

    /// Every labelled fixture.
    static let all: [Fixture] = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("labels.json"))
        return try! JSONDecoder().decode(Document.self, from: data).fixtures
    }()

    /// The fixture named `file`.
    static func named(_ file: String) -> Fixture {
        all.first { $0.file == file }!
    }

    /// The path of `file`.
    static func path(_ file: String) -> String {
        folder.appendingPathComponent(file).path
    }
}
