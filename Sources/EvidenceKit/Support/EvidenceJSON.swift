import Foundation

/// The one JSON configuration of EvidenceKit and its command line: every document (`evidence.json`
/// in bundles, every `--json` and `--json-lines` output) is written by ``encoder(pretty:)`` and read
/// by ``decoder()``.
///
/// Keys are snake_case. Types that are read back spell their keys out (`CodingKeys` with
/// snake_case raw values); as a safety net the encoder also turns any remaining camelCase key
/// that is a Swift identifier (`mimeType`, `hasGPS`) into snake_case (`mime_type`, `has_gps`), so
/// a field added without a key still comes out in the documented style. Keys that are not
/// identifiers (dictionary keys such as role ids `product-photo` or file names) are left exactly
/// as they are.
public enum EvidenceJSON {
    /// An encoder with sorted keys and unescaped slashes; pretty-printed unless `pretty` is false
    /// (one line per document, for JSON lines).
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .custom { path in
            let key = path[path.count - 1]
            guard key.intValue == nil else { return key }
            let snake = snakeCase(key.stringValue)
            return snake == key.stringValue ? key : SnakeKey(stringValue: snake)
        }
        return encoder
    }

    /// A decoder for the documents ``encoder(pretty:)`` writes (keys as written).
    public static func decoder() -> JSONDecoder {
        JSONDecoder()
    }

    /// `mimeType` → `mime_type`, `hasGPS` → `has_gps`, `tagManifestSHA256` → `tag_manifest_sha256`;
    /// anything that is not a camelCase Swift identifier (`product-photo`, `照片.jpg`,
    /// `IMG_0001.JPG`, `already_snake`) is returned unchanged.
    public static func snakeCase(_ key: String) -> String {
        let scalars = Array(key.unicodeScalars)
        guard let first = scalars.first, first.properties.isLowercase, first.isASCII,
              scalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) }),
              scalars.contains(where: { $0.properties.isUppercase })
        else { return key }
        var result = ""
        for (index, scalar) in scalars.enumerated() {
            if scalar.properties.isUppercase {
                let previous = scalars[index - 1]
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                let startsWord = !previous.properties.isUppercase
                    || (next.map { $0.properties.isLowercase } ?? false)
                if startsWord { result += "_" }
                result += String(scalar).lowercased()
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private struct SnakeKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
