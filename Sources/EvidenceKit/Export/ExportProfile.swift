import Foundation

/// What one channel accepts (Docs/export.md): the formats, the largest file in bytes and pixels,
/// how many files one submission takes, how long the description may be. The built-in profiles
/// are data (`Export/profiles.json`, compiled in); a file in the same format overrides them
/// (``ExportProfiles/load(file:)``).
public struct ExportProfile: Sendable, Codable, Hashable {
    /// What the channel receives.
    public enum Output: String, Sendable, Codable {
        /// Upload-ready images, one per file, plus the description to paste (the platform).
        case images
        /// One evidence PDF with a complaint letter (12315, association, court).
        case pdf
    }

    /// The channel's id: `platform`, `12315`, `association`, `court` (or a profile file's own).
    public var id: String
    /// The channel's name.
    public var label: LocalizedText
    public var output: Output
    /// MIME types the channel takes (`image/jpeg`, `image/png`, `image/gif`, `application/pdf`).
    public var acceptedFormats: [String]
    /// The largest file, in bytes.
    public var maxFileBytes: Int
    /// The most pixels (width × height) of one image.
    public var maxPixels: Int
    /// The longest side of one image, in pixels.
    public var maxSide: Int
    /// How many files one submission takes.
    public var maxFiles: Int
    /// The largest video the channel takes (images channel); videos are never re-encoded.
    public var maxVideoBytes: Int?
    /// The longest description, in characters.
    public var descriptionMaxChars: Int
    /// The letter template (`complaint`, `association`, `court`) of a PDF channel.
    public var letter: String?
    /// For each number, where it comes from ("no published number; conservative default").
    public var sources: [String: String]?

    enum CodingKeys: String, CodingKey {
        case id, label, output, letter, sources
        case acceptedFormats = "accepted_formats"
        case maxFileBytes = "max_file_bytes"
        case maxPixels = "max_pixels"
        case maxSide = "max_side"
        case maxFiles = "max_files"
        case maxVideoBytes = "max_video_bytes"
        case descriptionMaxChars = "description_max_chars"
    }

    /// Whether the channel takes files of this MIME type.
    public func accepts(_ mimeType: String) -> Bool { acceptedFormats.contains(mimeType) }

    /// The first field whose value cannot work, with why; nil when the profile is usable.
    func invalidField() -> (field: String, detail: String)? {
        let known = ["image/jpeg", "image/png", "image/gif", "application/pdf"]
        if id.isEmpty { return ("id", "empty") }
        if acceptedFormats.isEmpty { return ("accepted_formats", "empty") }
        if let unknown = acceptedFormats.first(where: { !known.contains($0) }) {
            return ("accepted_formats", "“\(unknown)” is not one of \(known.joined(separator: ", "))")
        }
        if output == .images, !acceptedFormats.contains("image/jpeg"), !acceptedFormats.contains("image/png") {
            return ("accepted_formats", "an images channel must take image/jpeg or image/png")
        }
        if output == .pdf, !acceptedFormats.contains("application/pdf") {
            return ("accepted_formats", "a pdf channel must take application/pdf")
        }
        if maxFileBytes < 10_000 { return ("max_file_bytes", "\(maxFileBytes) is below 10000") }
        if maxSide < 64 { return ("max_side", "\(maxSide) is below 64") }
        if maxPixels < 64 * 64 { return ("max_pixels", "\(maxPixels) is below 4096") }
        if maxFiles < 1 { return ("max_files", "\(maxFiles) is below 1") }
        if descriptionMaxChars < 20 { return ("description_max_chars", "\(descriptionMaxChars) is below 20") }
        if let video = maxVideoBytes, video < 1 { return ("max_video_bytes", "\(video) is below 1") }
        if output == .pdf, let letter, !LetterTemplates.builtIn.letters.keys.contains(letter) {
            return ("letter", "“\(letter)” is not one of \(LetterTemplates.builtIn.letters.keys.sorted().joined(separator: ", "))")
        }
        return nil
    }
}

/// A set of channel profiles: the built-in ones, or a profile file's.
public struct ExportProfiles: Sendable, Codable, Hashable {
    public var formatVersion: String
    public var profiles: [ExportProfile]

    enum CodingKeys: String, CodingKey {
        case profiles
        case formatVersion = "format_version"
    }

    /// The channels every export knows (`platform`, `12315`, `association`, `court`).
    public static let channels = ["platform", "12315", "association", "court"]

    /// The built-in profiles, compiled into the library from `Export/profiles.json`.
    public static let builtIn: ExportProfiles = {
        // The bundled file is checked by the tests; a broken one is a build defect.
        try! decode(Data(PackageResources.profiles_json), path: "profiles.json (built in)")
    }()

    /// The profile of `channel`, or nil.
    public func profile(_ channel: String) -> ExportProfile? { profiles.first { $0.id == channel } }

    /// Reads a profile file (the format of `Export/profiles.json`): its profiles replace the
    /// built-in ones with the same id, the others stay.
    /// - Throws: ``ExportError`` `profileInvalid` naming the file and the field, or `io`.
    public static func load(file path: String) throws -> ExportProfiles {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ExportError(.io, path: path, detail: "\(error.localizedDescription)")
        }
        guard data.count <= 1 << 20 else { throw ExportError(.profileInvalid, path: path, detail: "larger than 1 MiB") }
        let overrides = try decode(data, path: path)
        var merged = builtIn
        for profile in overrides.profiles {
            if let index = merged.profiles.firstIndex(where: { $0.id == profile.id }) {
                merged.profiles[index] = profile
            } else {
                merged.profiles.append(profile)
            }
        }
        return merged
    }

    static func decode(_ data: Data, path: String) throws -> ExportProfiles {
        let decoded: ExportProfiles
        do {
            decoded = try JSONDecoder().decode(ExportProfiles.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ExportError(.profileInvalid, path: path, field: fieldPath(context.codingPath + [key]), detail: "missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ExportError(.profileInvalid, path: path, field: fieldPath(context.codingPath), detail: "wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw ExportError(.profileInvalid, path: path, field: fieldPath(context.codingPath), detail: "null")
        } catch let DecodingError.dataCorrupted(context) {
            throw ExportError(.profileInvalid, path: path, field: context.codingPath.isEmpty ? nil : fieldPath(context.codingPath),
                              detail: context.codingPath.isEmpty ? "not JSON" : "unknown value")
        } catch {
            throw ExportError(.profileInvalid, path: path, detail: "\(error)")
        }
        guard decoded.formatVersion == "1" else {
            throw ExportError(.profileInvalid, path: path, field: "format_version", detail: "“\(decoded.formatVersion)” is not 1")
        }
        for (index, profile) in decoded.profiles.enumerated() {
            if let (field, detail) = profile.invalidField() {
                throw ExportError(.profileInvalid, path: path, field: "profiles[\(index)].\(field)", detail: detail)
            }
        }
        return decoded
    }

    private static func fieldPath(_ path: [any CodingKey]) -> String {
        path.reduce("") { text, key in
            if let index = key.intValue { return text + "[\(index)]" }
            return text.isEmpty ? key.stringValue : text + "." + key.stringValue
        }
    }
}
