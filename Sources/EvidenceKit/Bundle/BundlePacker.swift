import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a bundle (Docs/bundle-format.md, bundle format v1): reads each evidence file exactly once,
/// inspecting, hashing and archiving it in the same pass into a temporary file beside the
/// output; evaluates completeness; appends the tag files; renames the temporary file into
/// place only when everything succeeded. On any refusal or error the temporary file is
/// removed and the output is left as it was.
///
/// Large files use both cores: SHA-256 of the input on one thread, read + format check + CRC
/// + write on the reading thread (``FileInspector``). The kernel is asked to start writing the
/// bundle to the disk as it grows, so the final `fsync` has little left to wait for. The
/// bundle's own SHA-256 (a second full SHA-256 pass, on a third thread) is computed only when
/// ``PackOptions/bundleSHA256`` asks; the bag digest (the tag manifest's SHA-256) always is.
public struct BundlePacker {
    /// A file paired with its inspection, as the completeness evaluator receives them.
    public typealias InspectedItem = (item: ComplaintCase.Item, file: InspectedFile)

    private let limits: InspectionLimits
    private let describing: Bool

    /// Creates a packer.
    /// - Parameters:
    ///   - limits: the inspection limits (chunk size, image size...).
    ///   - describing: fill each inspected file's libmagic description in the report (it is
    ///     not written into the bundle).
    public init(limits: InspectionLimits = InspectionLimits(), describing: Bool = true) {
        self.limits = limits
        self.describing = describing
    }

    /// Packs a case into a bundle.
    /// - Parameters:
    ///   - complaint: the case as loaded from its case file.
    ///   - sources: the evidence files, in evidence-list order (usually the case's `evidence`
    ///     with each `file` resolved against the case file's folder).
    ///   - output: the bundle to write (`OUT.zip`, `OUT.tar.gz`).
    ///   - options: format, language, `allowIncomplete`, `force`, `SOURCE_DATE_EPOCH`.
    ///   - evaluate: the completeness evaluation of the inspected items.
    ///   - purpose: what a role proves (证明目的), for `index.html`.
    ///   - categoryLabel: the category's label (e.g. 商品质量问题), shown by `index.html` instead of
    ///     its id; nil shows the id.
    ///   - progress: called on the packing thread after each chunk.
    /// - Returns: what was written.
    /// - Throws: ``PackError``; errors thrown by `evaluate` pass through.
    public func pack(case complaint: ComplaintCase, sources: [PackSource], output: String, options: PackOptions,
                     evaluate: ([InspectedItem]) throws -> CompletenessResult,
                     purpose: (EvidenceRole) -> LocalizedText?,
                     categoryLabel: LocalizedText? = nil,
                     progress: ((PackProgress) -> Void)? = nil) throws -> PackReport {
        guard !sources.isEmpty else { throw PackError(.noEvidence, path: output) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) {
            if isFolder.boolValue { throw PackError(.io, path: output, detail: "is a folder") }
            if !options.force { throw PackError(.outputExists, path: output) }
        }
        let epoch = options.sourceDateEpoch ?? Int64(time(nil))
        let bagName = options.bagName.map { $0.precomposedStringWithCanonicalMapping } ?? BagLayout.bagName(forOutput: output)
        let temporary = try TemporaryBundleFile(beside: output)
        defer { temporary.discard() }

        let written = try UTF8Locale.run {
            try writeBundle(complaint: complaint, sources: sources, bagName: bagName, epoch: epoch, options: options,
                            descriptor: temporary.descriptor, output: output, evaluate: evaluate, purpose: purpose,
                            categoryLabel: categoryLabel, progress: progress)
        }
        try temporary.commit(to: output, durable: options.durable)
        return PackReport(bundlePath: output, format: options.format, bundleSHA256: written.sha256,
                          tagManifestSHA256: written.tagManifestSHA256, bundleBytes: written.bytes,
                          bagName: bagName, itemCount: written.manifest.items.count,
                          payloadBytes: written.manifest.items.reduce(0) { $0 + $1.size },
                          verdict: written.manifest.completeness.status, inspected: written.inspected, manifest: written.manifest,
                          evidenceWarnings: written.manifest.evidenceWarnings ?? [],
                          disclosure: written.disclosure)
    }

    private struct Written {
        var bytes: UInt64
        var sha256: String?
        var tagManifestSHA256: String
        var manifest: EvidenceManifest
        var inspected: [InspectedFile]
        var disclosure: Disclosure?
    }

    private func writeBundle(complaint: ComplaintCase, sources: [PackSource], bagName: String, epoch: Int64, options: PackOptions,
                             descriptor: Int32, output: String,
                             evaluate: ([InspectedItem]) throws -> CompletenessResult,
                             purpose: (EvidenceRole) -> LocalizedText?,
                             categoryLabel: LocalizedText?,
                             progress: ((PackProgress) -> Void)?) throws -> Written {
        let writer: ArchiveWriter
        do {
            writer = try ArchiveWriter(descriptor: descriptor, format: options.format == .zip ? .zip : .tarGzip, modificationTime: epoch,
                                       hashOutput: options.bundleSHA256, startWriteback: options.durable)
        } catch let error as ArchiveWriteError {
            throw PackError(.io, path: output, detail: error.detail)
        }
        let inspector: FileInspector
        do {
            inspector = try FileInspector(limits: limits, describing: describing)
        } catch let error as InspectionError {
            throw PackError(.io, path: nil, detail: error.message.en)
        }
        let paths = sources.enumerated().map { index, source in
            BagLayout.payloadPath(sequence: index + 1, count: sources.count, role: source.item.role,
                                  originalName: (source.path as NSString).lastPathComponent, language: options.language)
        }
        // With `stripLocation`, photos with GPS are packed from private copies without it.
        let privacy = try PackPrivacy(sources: sources, output: output, options: options)
        defer { privacy.discard() }
        // What each file is before anything is read; checked again once all are read, so that a
        // file grown, cut, rewritten or replaced at any point of the pack stops it.
        let identities = sources.indices.map { SourceIdentity(path: privacy.readPath($0)) }
        let declaredSizes = identities.map { $0?.size ?? 0 }
        let bytesTotal = declaredSizes.reduce(0, +)
        var bytesDone: UInt64 = 0
        var inspected: [InspectedFile] = []

        for (index, source) in sources.enumerated() {
            let entryPath = "\(bagName)/\(paths[index])"
            let declared = declaredSizes[index]
            var begun = false
            var entryBytes: UInt64 = 0
            let file: InspectedFile
            do {
                privacy.begin(index, declared: declared)
                file = try inspector.inspectFile(at: privacy.readPath(index), displayPath: source.item.file) { chunk in
                    privacy.feed(chunk)
                    if !begun {
                        let compression: ArchiveWriter.Compression = BagLayout.isAlreadyCompressed(firstBytes: chunk) ? .store : .deflate
                        try writer.beginEntry(path: entryPath, size: declared, compression: compression)
                        begun = true
                    }
                    entryBytes += UInt64(chunk.count)
                    if entryBytes > declared { throw PackError(.sourceChanged, path: source.item.file) }
                    try writer.write(chunk)
                    bytesDone += UInt64(chunk.count)
                    progress?(PackProgress(fileIndex: index + 1, fileCount: sources.count, file: source.item.file,
                                           bytesDone: bytesDone, bytesTotal: bytesTotal))
                }
                if !begun && file.status != .unreadable {
                    try writer.beginEntry(path: entryPath, size: 0, compression: .deflate)
                    begun = true
                }
                if begun { try writer.finishEntry() }
            } catch let error as ArchiveWriteError {
                throw PackError(.io, path: output, detail: error.detail)
            }
            privacy.finish(index, file)
            inspected.append(Self.withReading(file, from: source.read))
        }

        for (index, source) in sources.enumerated() where SourceIdentity(path: privacy.readPath(index)) != identities[index] {
            throw PackError(.sourceChanged, path: source.item.file, inspected: inspected)
        }
        try refuseBadEvidence(inspected)
        let pairs = zip(sources, inspected).map { (item: $0.item, file: $1) }
        let completeness = try evaluate(pairs)
        if completeness.status == .incomplete && !options.allowIncomplete {
            throw PackError(.incomplete, path: nil, inspected: inspected, completeness: completeness)
        }

        let items = privacy.record(zip(sources, inspected).enumerated().map { index, pair in
            EvidenceManifest.Item(
                sequence: index + 1, path: paths[index], role: pair.0.item.role,
                originalName: (pair.0.path as NSString).lastPathComponent.precomposedStringWithCanonicalMapping,
                size: pair.1.size, sha256: pair.1.sha256, mimeType: pair.1.mimeType, captureTime: pair.1.metadata.captureTime,
                checks: .init(status: pair.1.status, findings: pair.1.findings.map(\.code), kind: pair.1.kind),
                note: pair.0.item.note,
                roleAssessment: RoleAssessment(role: pair.0.item.role, basis: .caseFile, confidence: 1, cues: []),
                reading: pair.1.reading)
        })
        let warnings = EvidenceCrossCheck.check(complaint, items: pairs.map { EvaluatedItem(item: $0.item, file: $0.file) },
                                                rolesGiven: Array(repeating: true, count: pairs.count))
        let manifest = EvidenceManifest(createdAt: Self.rfc3339(epoch), case: complaint, items: items,
                                        completeness: completeness, rulesVersion: completeness.rulesVersion,
                                        evidenceWarnings: warnings.isEmpty ? nil : warnings)
        let tags = try tagFiles(manifest: manifest, epoch: epoch, options: options, purpose: purpose, categoryLabel: categoryLabel)
        do {
            for (name, contents) in tags {
                try writer.addEntry(path: "\(bagName)/\(name)", contents: contents, compression: .deflate)
            }
            let result = try writer.close()
            let tagManifest = tags.last { $0.0 == BagLayout.tagManifestFile }?.1 ?? []
            return Written(bytes: result.bytes, sha256: result.sha256, tagManifestSHA256: TagFiles.sha256(tagManifest),
                           manifest: manifest, inspected: inspected, disclosure: privacy.disclosure(complaint, inspected))
        } catch let error as ArchiveWriteError {
            throw PackError(.io, path: output, detail: error.detail)
        }
    }

    /// The packed file's inspection with what the check phase read of the same bytes (same
    /// SHA-256): the reading, and the role the content suggests. Nothing is read again.
    static func withReading(_ file: InspectedFile, from read: InspectedFile?) -> InspectedFile {
        guard let read, !read.sha256.isEmpty, read.sha256 == file.sha256 else { return file }
        var merged = file
        merged.reading = read.reading
        merged.roleAssessment = read.roleAssessment
        merged.suggestedRole = read.suggestedRole
        return merged
    }

    /// Corrupt, unacceptable, unreadable or changed files stop the pack, naming every one.
    private func refuseBadEvidence(_ files: [InspectedFile]) throws {
        if let changed = files.first(where: { $0.findings.contains { $0.code == "file.changed-while-reading" } }) {
            throw PackError(.sourceChanged, path: changed.path, inspected: files)
        }
        func list(_ bad: [InspectedFile]) -> String {
            bad.map { file in
                file.findings.first(where: { $0.severity == .error }).map { "\(file.path) [\($0.code)]" } ?? "\(file.path) [\(file.status.rawValue)]"
            }.joined(separator: ", ")
        }
        let unreadable = files.filter { $0.status == .unreadable || $0.status == .skipped }
        if !unreadable.isEmpty {
            throw PackError(.unreadableEvidence, path: unreadable[0].path, detail: list(unreadable), inspected: files)
        }
        let bad = files.filter { $0.status == .corrupt || $0.status == .unacceptable }
        if !bad.isEmpty {
            throw PackError(.corruptEvidence, path: bad[0].path, detail: list(bad), inspected: files)
        }
    }

    /// The tag files in archive order; `tagmanifest-sha256.txt` last, covering the others.
    private func tagFiles(manifest: EvidenceManifest, epoch: Int64, options: PackOptions,
                          purpose: (EvidenceRole) -> LocalizedText?, categoryLabel: LocalizedText?) throws -> [(String, [UInt8])] {
        let payload = manifest.items.map { (path: $0.path, sha256: $0.sha256) }
        let info = BagLayout.bagInfoElements(
            baggingDate: String(Self.rfc3339(epoch).prefix(10)),
            payloadBytes: manifest.items.reduce(0) { $0 + $1.size }, payloadFiles: manifest.items.count,
            softwareAgent: "\(ToolInfo.name) \(ToolInfo.version) (EvidenceKit)",
            orderID: manifest.case.orderID, description: Self.description(of: manifest.case, language: options.language))
        let json = try EvidenceJSON.encoder().encode(manifest) + Data("\n".utf8)
        let page = withoutActuallyEscaping(purpose) { purpose in
            EvidenceIndexPage(language: options.language, purpose: purpose, categoryLabel: categoryLabel).render(manifest)
        }
        var tags: [(String, [UInt8])] = [
            (BagLayout.bagitFile, Array(TagFiles.bagit.utf8)),
            (BagLayout.bagInfoFile, Array(TagFiles.bagInfo(info).utf8)),
            (BagLayout.manifestFile, Array(TagFiles.manifest(payload).utf8)),
            (BagLayout.evidenceFile, Array(json)),
            (BagLayout.indexFile, Array(page.utf8)),
        ]
        let tagManifest = TagFiles.manifest(tags.map { (path: $0.0, sha256: TagFiles.sha256($0.1)) })
        tags.append((BagLayout.tagManifestFile, Array(tagManifest.utf8)))
        return tags
    }

    /// `External-Description`: one line saying what the bundle is.
    static func description(of c: ComplaintCase, language: Language) -> String {
        let item = c.item ?? (language == .zh ? "商品" : "item")
        let shop = c.shop.map { language == .zh ? "（\($0)）" : " from \($0)" } ?? ""
        return language == .zh
            ? "网购维权证据包：\(item)\(shop)，投诉类别 \(c.category)"
            : "Evidence bundle for a \(c.category) complaint: \(item)\(shop)"
    }

    /// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ`, computed in UTC whatever `TZ` is.
    static func rfc3339(_ epoch: Int64) -> String {
        var seconds = time_t(epoch)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}

/// Which file a path names and what state it is in: device and inode (a replacement is another
/// file), size and modification time (an edit in place). Equal identities before and after the
/// read mean the bytes packed are the file's bytes.
struct SourceIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: UInt64
    var modified: timespec

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = UInt64(max(info.st_size, 0))
        modified = info.st_mtim
    }

    static func == (a: SourceIdentity, b: SourceIdentity) -> Bool {
        a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
    }
}
