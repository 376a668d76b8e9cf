import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// The one JSON configuration (``EvidenceJSON``): snake_case keys everywhere, dictionary keys
/// that are ids or file names untouched, and the inspected-file documents round-trip.
struct EvidenceJSONTests {
    @Test(arguments: [("mimeType", "mime_type"), ("hasGPS", "has_gps"), ("isOFD", "is_ofd"),
                      ("tagManifestSHA256", "tag_manifest_sha256"), ("bundleSHA256", "bundle_sha256"),
                      ("utf8Text", "utf8_text"), ("sha256", "sha256"), ("already_snake", "already_snake"),
                      ("product-photo", "product-photo"), ("IMG_0001.JPG", "IMG_0001.JPG"), ("左耳无声.jpg", "左耳无声.jpg"),
                      ("photoA.jpg", "photoA.jpg")])
    func camelCaseIdentifiersBecomeSnakeCaseAndNothingElseChanges(key: String, expected: String) {
        #expect(EvidenceJSON.snakeCase(key) == expected)
    }

    struct Sample: Encodable {
        var mimeType = "image/png"
        var byName: [String: Int] = ["IMG_0001.JPG": 1, "photoA.jpg": 2, "订单截图.png": 3, "product-photo": 4]
    }

    @Test func propertiesAreSnakeCaseAndDictionaryKeysAreKeptAsTheyAre() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: EvidenceJSON.encoder().encode(Sample())) as? [String: Any])
        #expect(object.keys.sorted() == ["by_name", "mime_type"])
        #expect((object["by_name"] as? [String: Int])?.keys.sorted() == ["IMG_0001.JPG", "photoA.jpg", "product-photo", "订单截图.png"])
    }

    /// A stored property without its snake_case key would be left out of the document silently
    /// (optional properties need no key to compile): every one must have its key.
    @Test func everyStoredPropertyOfTheInspectedFileHasItsKey() throws {
        let file = try inspect(fixturePath("inspect/photo-exif.jpg"))
        for label in Mirror(reflecting: file).children.compactMap(\.label) {
            #expect(InspectedFile.CodingKeys(rawValue: EvidenceJSON.snakeCase(label)) != nil, "InspectedFile.\(label)")
        }
        for label in Mirror(reflecting: file.metadata).children.compactMap(\.label) {
            #expect(FileMetadata.CodingKeys(rawValue: EvidenceJSON.snakeCase(label)) != nil, "FileMetadata.\(label)")
        }
    }

    @Test func anInspectedFileRoundTripsThroughTheDocumentedKeys() throws {
        let file = try inspect(fixturePath("inspect/photo-exif.jpg"))
        let data = try EvidenceJSON.encoder().encode(file)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"mime_type\"") && text.contains("\"has_gps\"") && text.contains("\"capture_time\""), "\(text)")
        #expect(!text.contains("mimeType") && !text.contains("hasGPS"))
        #expect(try EvidenceJSON.decoder().decode(InspectedFile.self, from: data) == file)
    }
}
