/// The container a bundle is written in.
public enum BundleFormat: String, Sendable, Codable, CaseIterable {
    /// A zip with UTF-8 names (the default).
    case zip
    /// A gzip-compressed pax tar.
    case tarGz = "tar.gz"
}

/// How `pack` writes a bundle.
public struct PackOptions: Sendable, Hashable {
    /// zip (default) or tar.gz.
    public var format: BundleFormat
    /// The language of payload names, `bag-info.txt`'s description and `index.html`.
    public var language: Language
    /// Write the bundle even when required evidence is missing (the gap is recorded).
    public var allowIncomplete: Bool
    /// Replace an existing output file.
    public var force: Bool
    /// The bundle's creation time in seconds since 1970 (`SOURCE_DATE_EPOCH`); nil means now.
    public var sourceDateEpoch: Int64?
    /// The bag's folder name; nil derives it from the output's file name.
    public var bagName: String?
    /// `fsync` the bundle before it is renamed into place.
    public var durable: Bool
    /// Also compute the SHA-256 of the bundle file itself (``PackReport/bundleSHA256``). It is a
    /// second SHA-256 pass over every byte written, which on two cores makes a pack ~1.8x slower
    /// (Docs/PERFORMANCE.md), so it is off unless asked for (`--sha256`). The bag digest
    /// (``PackReport/tagManifestSHA256``), which pins every file just as well, is always given.
    public var bundleSHA256: Bool
    /// Pack JPEG, PNG and WebP photos that hold a GPS position as copies without the EXIF GPS
    /// IFD (`--strip-location`); `evidence.json` then records both SHA-256s. The originals on
    /// disk are never changed. HEIC/AVIF are packed as they are (the report says how to export
    /// a copy without the location).
    public var stripLocation = false

    /// Creates options; every value has the CLI's default.
    public init(format: BundleFormat = .zip, language: Language = .en, allowIncomplete: Bool = false, force: Bool = false,
                sourceDateEpoch: Int64? = nil, bagName: String? = nil, durable: Bool = true, bundleSHA256: Bool = false) {
        self.format = format
        self.language = language
        self.allowIncomplete = allowIncomplete
        self.force = force
        self.sourceDateEpoch = sourceDateEpoch
        self.bagName = bagName
        self.durable = durable
        self.bundleSHA256 = bundleSHA256
    }

    /// `SOURCE_DATE_EPOCH` from an environment: nil when unset or empty.
    /// - Throws: ``PackError`` `pack.bad-source-date-epoch` when it is not a whole number.
    public static func sourceDateEpoch(from environment: [String: String]) throws -> Int64? {
        guard let raw = environment["SOURCE_DATE_EPOCH"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let value = Int64(raw), value >= 0 else { throw PackError(.badSourceDateEpoch, path: nil, detail: raw) }
        return value
    }
}

/// One evidence file to pack: the case's item and where its file really is.
public struct PackSource: Sendable, Hashable {
    /// The item as listed in the case file.
    public var item: ComplaintCase.Item
    /// The file's path on disk (the item's `file` resolved against the case file's folder).
    public var path: String
    /// The file as inspected and read before packing (the check phase: ``InspectedFile/reading``),
    /// so that the pack records what the content says without reading it a second time. Used
    /// only when its SHA-256 is the packed bytes' SHA-256.
    public var read: InspectedFile?
    /// Set when the file lies outside the case folder or is reached through a symbolic link
    /// (accepted with `allowOutside`): recorded in `evidence.json` and listed in `index.html`.
    public var outside: OutsideEvidence?

    /// Creates a source.
    public init(item: ComplaintCase.Item, path: String, read: InspectedFile? = nil) {
        self.item = item
        self.path = path
        self.read = read
    }
}

/// How far a pack has got; reported after every chunk written.
public struct PackProgress: Sendable, Hashable {
    /// 1-based index of the file being packed.
    public var fileIndex: Int
    /// How many files there are.
    public var fileCount: Int
    /// The file being packed, as listed in the case.
    public var file: String
    /// Payload bytes read so far, over all files.
    public var bytesDone: UInt64
    /// Payload bytes in all (sizes before reading).
    public var bytesTotal: UInt64
}

import Foundation
