import Foundation

// Credibility flags (issue 12 item 8; Docs/SECURITY.md "Credibility metadata"): what an image's
// own metadata says about where it came from. They are warnings and notes, never refusals: a
// flag says what a reviewer may ask about and what to send instead, not that the image is false.
//
// The checkers record what they found in ``FileMetadata`` (EXIF Software, XMP CreatorTool, the
// editor named, the GB 45438-2025 AIGC label, a C2PA manifest, whether EXIF is there at all),
// scanning only the bytes they already hold (JPEG, WebP, HEIF: the whole-file buffer; PNG: the
// chunks as they stream past). ``Credibility/findings(for:)`` turns that record into findings
// once the file's type and name are known, in one place for `inspect`, `check`, `pack` and
// `verify`.

/// The editor list compiled into EvidenceKit (`Inspection/credibility.json`, schema
/// `evidencekit-credibility/1`).
struct CredibilityData: Decodable, Sendable {
    struct Editor: Decodable, Sendable {
        /// Shown in findings and recorded as ``FileMetadata/editedWith``.
        var name: String
        /// Lower-case patterns; one of ASCII letters only matches as a whole word.
        var match: [String]
    }

    var schema: String
    var version: String
    var editors: [Editor]

    /// The bundled list. The JSON is part of the source tree and a test decodes it, so a
    /// broken file is a build defect, not a runtime condition.
    static let bundled: CredibilityData = {
        do {
            return try JSONDecoder().decode(CredibilityData.self, from: Data(PackageResources.credibility_json))
        } catch {
            preconditionFailure("Inspection/credibility.json does not decode: \(error)")
        }
    }()

    /// The editor the first naming one of `texts` names (texts in order of authority: EXIF
    /// Software, XMP CreatorTool, history), the first in list order within one text; or nil.
    func editor(namedIn texts: [String]) -> String? {
        for text in texts.prefix(64) {
            let lowered = Array(text.prefix(512).lowercased().utf8)
            for editor in editors where editor.match.contains(where: { Self.occurs(Array($0.utf8), in: lowered) }) {
                return editor.name
            }
        }
        return nil
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) }

    /// `needle` in `haystack`; a needle that starts (ends) with an ASCII letter must not have an
    /// ASCII letter just before (after) it, so `canva` is not found in `canvas`.
    static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let guardStart = isASCIILetter(needle[0]), guardEnd = isASCIILetter(needle[needle.count - 1])
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            guard haystack[start..<(start + needle.count)].elementsEqual(needle) else { continue }
            if guardStart && start > 0 && isASCIILetter(haystack[start - 1]) { continue }
            let end = start + needle.count
            if guardEnd && end < haystack.count && isASCIILetter(haystack[end]) { continue }
            return true
        }
        return false
    }
}

/// Turns the credibility record of ``FileMetadata`` into findings.
enum Credibility {
    /// The findings for `file`, from its metadata, type and name (none for non-images).
    static func findings(for file: InspectedFile) -> [Finding] {
        guard file.kind == .image else { return [] }
        let metadata = file.metadata
        var findings: [Finding] = []
        if let editor = metadata.editedWith {
            findings.append(.editedBySoftware(editor))
        }
        if let label = metadata.aigcLabel {
            findings.append(.aigcLabel(label))
        }
        if metadata.c2paManifest == true {
            findings.append(.c2paPresent)
        }
        if looksStripped(file) {
            findings.append(.metadataStripped)
        }
        return findings
    }

    /// Mime types whose photos normally carry EXIF from the camera. PNG (screenshots, which never
    /// have EXIF) and GIF are never judged.
    static let photoTypes: Set<String> = ["image/jpeg", "image/webp", "image/heic", "image/heif"]

    /// Whether `file` looks like a camera photo whose metadata was removed. The heuristic:
    /// - a JPEG, WebP or HEIC/HEIF (never PNG: phone screenshots are PNG and have no EXIF) that
    ///   was checked whole, is intact, and holds no EXIF block at all (not even an empty one);
    /// - photo-sized: at least 1,000 px on the long side and 700 px on the short one
    ///   (WeChat's compressed sending keeps about 1,280 px on the long side; thumbnails, stickers
    ///   and product pictures saved from a listing are smaller);
    /// - a camera's shape: long side at most 1.9 × the short one (1:1, 4:3, 3:2, 16:9 photos;
    ///   today's phone screenshots are 2:1 to 2.3:1 and are left alone);
    /// - not named like a screenshot (`Screenshot`, `截屏`, `截图`, `Snipaste`...), since some
    ///   phones and PC tools save screenshots as JPEG without EXIF.
    /// An info, not a warning: images re-sent without 原图 are common and still count.
    static func looksStripped(_ file: InspectedFile) -> Bool {
        let metadata = file.metadata
        guard photoTypes.contains(file.mimeType), metadata.hasEXIF == false,
              !file.findings.contains(where: { $0.severity == .error }),
              let width = metadata.width, let height = metadata.height else { return false }
        let long = max(width, height), short = min(width, height)
        guard long >= 1000, short >= 700, Double(long) <= 1.9 * Double(short) else { return false }
        let name = file.name.lowercased()
        return !screenshotNames.contains { name.contains($0) }
    }

    static let screenshotNames = ["screenshot", "screen shot", "screen_shot", "screencap", "截屏", "截图", "屏幕快照",
                                  "snipaste", "qq截图", "微信截图"]
}

extension Finding {
    static func editedBySoftware(_ editor: String) -> Finding {
        .warning("credibility.edited",
                 zh: "图片的元数据显示它由 \(editor) 编辑或保存过（EXIF Software / XMP CreatorTool）。审核方可能质疑图片是否被修改。请改为提交手机相册里未经编辑的原图；如需标注或裁剪，另附原图。",
                 en: "The image's metadata says it was edited or saved by \(editor) (EXIF Software / XMP CreatorTool). Reviewers may ask whether it was altered. Send the unedited original from the phone's gallery instead; if you need to mark or crop it, attach the original too.")
    }

    static func aigcLabel(_ label: AIGCLabel) -> Finding {
        let producer = label.contentProducer.flatMap { $0.isEmpty ? nil : $0 }
        let zhProducer = producer.map { "，生成方：\($0)" } ?? ""
        let enProducer = producer.map { ", producer: \($0)" } ?? ""
        let zhLabel = label.label.map { "，Label=\($0)" } ?? ""
        let enLabel = label.label.map { ", Label=\($0)" } ?? ""
        return .warning("credibility.aigc-label",
                        zh: "图片带有 AI 生成合成内容的隐式标识（GB 45438-2025，TC260 XMP\(zhLabel)\(zhProducer)）。AI 生成或改写的图片不能证明商品或事件的真实情况。请提交实际拍摄的照片或真实截图。",
                        en: "The image carries the implicit label for AI-generated content (GB 45438-2025, TC260 XMP\(enLabel)\(enProducer)). An AI-generated or AI-altered picture cannot show the real item or event. Send a photo you took or a real screenshot instead.")
    }

    static let c2paPresent = Finding.info(
        "credibility.c2pa-present",
        zh: "图片内嵌 C2PA 内容凭证（来源清单），本工具未验证其签名。它记录拍摄或编辑的来源，请保留并提交这个原始文件，不要另存或压缩。",
        en: "The image embeds a C2PA content credential (a provenance manifest); its signature was not validated here. It records how the picture was taken or edited: keep and send this original file, without re-saving or compressing it.")

    static let metadataStripped = Finding.info(
        "credibility.metadata-stripped",
        zh: "这张照片没有任何 EXIF 信息（拍摄时间、设备），常见于微信等聊天软件未勾选“原图”发送或另存后的图片。如果是照片，请从拍摄手机的相册直接导出原图（或发送时勾选“原图”）；如果是截图，可忽略本提示。",
        en: "This photo has no EXIF at all (capture time, device), as is typical of pictures re-sent by WeChat or other chat apps without \"原图\" (original) or re-saved. If it is a photo, export the original from the gallery of the phone that took it (or tick \"原图\" when sending); if it is a screenshot, ignore this note.")
}
