internal import Crypto
import Foundation

/// The exact bytes of a bag's tag files (RFC 8493): UTF-8, LF line ends, manifests sorted by
/// path with two spaces between digest and percent-encoded path.
public enum TagFiles {
    /// `bagit.txt`.
    public static let bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

    /// `bag-info.txt` from its elements (see ``BagLayout/bagInfoElements(baggingDate:payloadBytes:payloadFiles:softwareAgent:orderID:description:)``),
    /// one `Label: value` line each, in the given order.
    public static func bagInfo(_ elements: [(label: String, value: String)]) -> String {
        elements.map { "\($0.label): \($0.value)\n" }.joined()
    }

    /// A manifest (`manifest-sha256.txt` or `tagmanifest-sha256.txt`): one
    /// `<sha256>  <path>` line per file, sorted by the path's UTF-8 bytes.
    /// - Parameter entries: bag-relative paths (not encoded) and lower-case hex digests.
    public static func manifest(_ entries: [(path: String, sha256: String)]) -> String {
        entries.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
            .map { "\($0.sha256)  \(BagLayout.manifestEncoded($0.path))\n" }.joined()
    }

    /// Lower-case hex SHA-256 of some bytes.
    static func sha256(_ bytes: [UInt8]) -> String {
        hexString(SHA256.hash(data: bytes))
    }
}
