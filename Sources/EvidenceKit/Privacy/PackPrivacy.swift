import Foundation

/// The privacy side of one `pack`, kept out of ``BundlePacker``'s loop: the location-free copies
/// (`stripLocation`), the text of small text exports as they stream past, and, at the end, the
/// manifest fields (`original_sha256`, `transform`, `outside_case`) and the ``Disclosure``.
final class PackPrivacy {
    private let sources: [PackSource]
    private let options: PackOptions
    private let copies: LocationCopies?
    private var capture = TextCapture()
    private var texts: [Int: String] = [:]

    init(sources: [PackSource], output: String, options: PackOptions) throws {
        self.sources = sources
        self.options = options
        copies = options.stripLocation ? try LocationCopies(sources: sources, output: output) : nil
    }

    /// Removes the private copies.
    func discard() { copies?.discard() }

    /// The file to read for source `index`: its location-free copy, or the original.
    func readPath(_ index: Int) -> String { copies?.copies[index]?.path ?? sources[index].path }

    func begin(_ index: Int, declared: UInt64) { capture.begin(declared: declared) }

    func feed(_ chunk: UnsafeRawBufferPointer) { capture.feed(chunk) }

    func finish(_ index: Int, _ file: InspectedFile) {
        if let text = capture.finish(file) { texts[index] = text }
    }

    /// The manifest items with the transform, the original's SHA-256 and where the file came from.
    func record(_ items: [EvidenceManifest.Item]) -> [EvidenceManifest.Item] {
        items.enumerated().map { index, item in
            var item = item
            if let copy = copies?.copies[index] {
                item.originalSHA256 = copy.originalSHA256
                item.transform = PrivacyTransform(kind: .stripLocation, removed: ["GPS"])
            }
            item.outsideCase = sources[index].outside?.reason
            return item
        }
    }

    /// What the bundle shows.
    func disclosure(_ complaint: ComplaintCase, _ inspected: [InspectedFile]) -> Disclosure {
        let inputs = zip(sources, inspected).enumerated().map { index, pair in
            let copy = copies?.copies[index]
            return Disclosure.Input(file: pair.0.item.file, inspected: pair.1, text: texts[index],
                                    removedLocation: copy.map { (latitude: $0.latitude, longitude: $0.longitude) },
                                    outside: pair.0.outside)
        }
        return Disclosure.assess(case: complaint, inputs: inputs, stripping: options.stripLocation)
    }
}

extension LoadedCase {
    /// The evidence files as the packer takes them, those from outside the case folder marked.
    public var packSources: [PackSource] {
        items.map { pair in
            var source = PackSource(item: pair.item, path: pair.path)
            source.outside = outsideFiles.first { $0.file == pair.item.file }
            return source
        }
    }
}

extension EvidenceIndexPage {
    /// The page's privacy notes: files taken from outside the case folder (`--allow-outside`)
    /// and copies made without the photo location, each with both SHA-256s. Empty when none.
    func privacySection(_ items: [EvidenceManifest.Item]) -> String {
        let zh = language == .zh
        let outside = items.filter { $0.outsideCase != nil }
        let transformed = items.filter { $0.transform != nil }
        guard !outside.isEmpty || !transformed.isEmpty else { return "" }
        var html = "<h2>\(zh ? "隐私说明" : "Privacy notes")</h2>\n"
        if !outside.isEmpty {
            html += "<p>\(zh ? "以下文件取自案件文件夹之外或经由符号链接（打包者允许了案件文件夹之外的文件）：" : "These files were taken from outside the case folder or through a symbolic link (the sender allowed files from outside the case folder):")</p>\n<ul class=\"outside\">\n"
            for item in outside {
                let why = item.outsideCase == .symbolicLink ? (zh ? "经由符号链接" : "through a symbolic link") : (zh ? "在案件文件夹之外" : "outside the case folder")
                html += "<li>\(item.sequence). \(Self.escape(item.originalName)) (\(Self.escape(why)))</li>\n"
            }
            html += "</ul>\n"
        }
        if !transformed.isEmpty {
            html += "<p>\(zh ? "以下照片是去除了 GPS 位置信息的副本（图像数据未改动）；原文件的 SHA-256 一并列出：" : "These photos are copies without their GPS position (the image data is untouched); the original file's SHA-256 is listed too:")</p>\n<ul class=\"transformed\">\n"
            for item in transformed {
                html += "<li>\(item.sequence). \(Self.escape(item.originalName)): \(zh ? "副本" : "copy") <span class=\"hash\">\(item.sha256)</span>, \(zh ? "原文件" : "original") <span class=\"hash\">\(item.originalSHA256 ?? "—")</span></li>\n"
            }
            html += "</ul>\n"
        }
        return html
    }
}

/// An item of a received bundle that is a privacy-transformed copy (``PrivacyTransform``):
/// its payload file is the copy (`sha256`, checked against the manifests like any file), made
/// from an original whose SHA-256 the sender recorded (`original_sha256`).
public struct TransformedItem: Sendable, Codable, Hashable {
    /// Path inside the bag, `data/...`.
    public var path: String
    /// The copy's SHA-256 (the payload file's).
    public var sha256: String
    /// The original's SHA-256, as recorded by the sender.
    public var originalSHA256: String?
    /// What was done (`strip-location`).
    public var kind: PrivacyTransform.Kind
    /// What was removed (`GPS`).
    public var removed: [String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case path, sha256, kind, removed
        case originalSHA256 = "original_sha256"
    }

    /// The transformed items of a manifest; nil when there are none.
    static func list(_ manifest: EvidenceManifest) -> [TransformedItem]? {
        let items = manifest.items.compactMap { item in
            item.transform.map { TransformedItem(path: item.path, sha256: item.sha256, originalSHA256: item.originalSHA256,
                                                 kind: $0.kind, removed: $0.removed) }
        }
        return items.isEmpty ? nil : items
    }
}
