import Foundation

/// The names and fixed texts of a bundle's BagIt 1.0 bag (RFC 8493): payload names, the
/// percent-encoding of manifest paths, and the element order of `bag-info.txt`.
public enum BagLayout {
    /// The tag files, in the order they are written into the archive and listed in
    /// `tagmanifest-sha256.txt`.
    public static let bagitFile = "bagit.txt"
    public static let bagInfoFile = "bag-info.txt"
    public static let manifestFile = "manifest-sha256.txt"
    public static let tagManifestFile = "tagmanifest-sha256.txt"
    public static let evidenceFile = "evidence.json"
    public static let indexFile = "index.html"
    /// The payload folder.
    public static let payloadFolder = "data"

    /// The longest payload file name in UTF-8 bytes (common file systems allow 255).
    static let maxNameBytes = 240

    /// The payload path of an item: `data/` + zero-padded sequence number + role + original
    /// name, NFC, e.g. `data/01-商品照片-左耳无声.jpg` (zh) or `data/01-product-photo-左耳无声.jpg` (en).
    /// The sequence number makes every name unique; the original name is kept (Chinese,
    /// spaces and `%` survive; the manifests percent-encode `%`), except that characters
    /// Windows cannot extract (`/ \\ : * ? " < > |`) become their full-width forms
    /// (`／ ＼ ： ＊ ？ ＂ ＜ ＞ ｜`), control characters (CR, LF, tab...) become `_`, and an
    /// overlong name is shortened before its extension. The exact original name is recorded
    /// in `evidence.json` (`original_name`) and `index.html`.
    /// - Parameters:
    ///   - sequence: the 1-based position in the evidence list.
    ///   - count: how many items the bundle has (sets the number's width, at least 2 digits).
    ///   - role: the item's role.
    ///   - originalName: the file's last path component as the user had it.
    ///   - language: zh gives the role's Chinese label, en its id.
    public static func payloadPath(sequence: Int, count: Int, role: EvidenceRole, originalName: String,
                                   language: Language) -> String {
        let width = max(2, String(count).count)
        let number = String(repeating: "0", count: max(0, width - String(sequence).count)) + String(sequence)
        let roleName = language == .zh ? fileSafe(role.label.zh) : role.rawValue
        let prefix = "\(number)-\(roleName)-"
        var name = fileSafe(originalName.precomposedStringWithCanonicalMapping)
        if name.isEmpty { name = "file" }
        name = shortened(name, toBytes: maxNameBytes - prefix.utf8.count)
        return "\(payloadFolder)/\(prefix)\(name)".precomposedStringWithCanonicalMapping
    }

    private static let fullWidth: [Unicode.Scalar: Unicode.Scalar] = [
        "/": "／", "\\": "＼", ":": "：", "*": "＊", "?": "？", "\"": "＂", "<": "＜", ">": "＞", "|": "｜",
    ]

    /// A name every common file system and unzip tool keeps as is (see ``payloadPath(sequence:count:role:originalName:language:)``).
    static func fileSafe(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let wide = fullWidth[scalar] {
                out.append(wide)
            } else if scalar.properties.generalCategory == .control {
                out.append("_")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Cuts the stem (whole characters) so that the name fits in `limit` UTF-8 bytes, keeping
    /// the extension.
    static func shortened(_ name: String, toBytes limit: Int) -> String {
        guard name.utf8.count > limit else { return name }
        let ext = (name as NSString).pathExtension
        let suffix = ext.isEmpty || ext.utf8.count > 16 ? "" : "." + ext
        var stem = suffix.isEmpty ? name : String(name.dropLast(suffix.count))
        while stem.utf8.count + suffix.utf8.count > limit, !stem.isEmpty { stem.removeLast() }
        return stem + suffix
    }

    /// A path as written in a BagIt manifest: `%` → `%25`, CR → `%0D`, LF → `%0A` (RFC 8493
    /// section 2.1.3), nothing else changed.
    public static func manifestEncoded(_ path: String) -> String {
        var out = ""
        out.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The inverse of ``manifestEncoded(_:)`` (also accepts lower-case hex).
    public static func manifestDecoded(_ encoded: String) -> String {
        var out = ""
        var scalars = Array(encoded.unicodeScalars)[...]
        while let first = scalars.first {
            if first == "%", scalars.count >= 3 {
                let code = String(String.UnicodeScalarView(scalars.dropFirst().prefix(2))).uppercased()
                let decoded: Unicode.Scalar? = code == "25" ? "%" : code == "0D" ? "\r" : code == "0A" ? "\n" : nil
                if let decoded {
                    out.unicodeScalars.append(decoded)
                    scalars = scalars.dropFirst(3)
                    continue
                }
            }
            out.unicodeScalars.append(first)
            scalars = scalars.dropFirst()
        }
        return out
    }

    /// The elements of `bag-info.txt`, in their fixed order: Bagging-Date, Payload-Oxum,
    /// Bag-Software-Agent, External-Identifier (when the case has an order number),
    /// External-Description. Values are single lines (line breaks become spaces).
    public static func bagInfoElements(baggingDate: String, payloadBytes: UInt64, payloadFiles: Int,
                                       softwareAgent: String, orderID: String?, description: String) -> [(label: String, value: String)] {
        var elements: [(String, String)] = [
            ("Bagging-Date", baggingDate),
            ("Payload-Oxum", "\(payloadBytes).\(payloadFiles)"),
            ("Bag-Software-Agent", softwareAgent),
        ]
        if let orderID, !orderID.isEmpty { elements.append(("External-Identifier", orderID)) }
        elements.append(("External-Description", description))
        return elements.map { ($0.0, singleLine($0.1)) }
    }

    static func singleLine(_ text: String) -> String {
        text.split(omittingEmptySubsequences: true, whereSeparator: { $0.isNewline }).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
    }

    /// The name of the bag's folder for an output path: the file name without `.zip`,
    /// `.tar.gz` or `.tgz`, NFC (`out/投诉-3712.zip` → `投诉-3712`).
    public static func bagName(forOutput path: String) -> String {
        var name = (path as NSString).lastPathComponent.precomposedStringWithCanonicalMapping
        for suffix in [".tar.gz", ".tgz", ".zip"] where name.lowercased().hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        name = fileSafe(name).trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty || name == "." || name == ".." ? "evidence-bundle" : name
    }

    /// Whether a payload should be stored rather than deflated, from its first bytes: media
    /// that is already compressed (JPEG, PNG, GIF, WebP, HEIC/AVIF/MP4/MOV and other ISO-BMFF,
    /// zip/OFD, gzip, PDF with its compressed streams) is stored; everything else is deflated.
    static func isAlreadyCompressed(firstBytes bytes: UnsafeRawBufferPointer) -> Bool {
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + signature.count && zip(bytes[offset..<(offset + signature.count)], signature).allSatisfy { $0 == $1 }
        }
        return starts([0xFF, 0xD8, 0xFF])                       // JPEG
            || starts([0x89, 0x50, 0x4E, 0x47])                 // PNG
            || starts(Array("GIF8".utf8))
            || (starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8))
            || starts(Array("ftyp".utf8), at: 4)                // MP4, MOV, HEIC, AVIF, 3GP
            || starts([0x50, 0x4B, 0x03, 0x04])                 // zip, OFD
            || starts([0x1F, 0x8B])                             // gzip
            || starts(Array("%PDF".utf8))
            || starts([0x1A, 0x45, 0xDF, 0xA3])                 // Matroska/WebM
    }
}
