internal import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One evidence item as an export sees it: its place in the evidence list, its role, where its
/// bytes can be read now, and what the bundle (or the check) recorded about it.
struct ExportItem: Sendable {
    /// 1-based position in the evidence list.
    var sequence: Int
    var role: EvidenceRole
    /// The file's name as the user had it.
    var originalName: String
    /// The path in the bag (`data/...`) or, from a case folder, the path the case file gives.
    var sourcePath: String
    /// Lower-case hex SHA-256 of the bytes exported (the payload file's).
    var sha256: String
    var mimeType: String
    var kind: MediaKind
    var size: UInt64
    /// Where the bytes can be read: the case's file, the unpacked bag's file, or a private copy.
    var localPath: String
    /// What the content said (facts), when it was read.
    var reading: ContentReading?
    var note: String?
}

/// What an export starts from: a verified bundle or a checked case.
struct ExportSource: Sendable {
    var kind: ExportReport.SourceKind
    var path: String
    var complaint: ComplaintCase
    var items: [ExportItem]
    /// The bag digest (SHA-256 of `tagmanifest-sha256.txt`); nil for a case folder.
    var bagDigest: String?
    /// A private folder holding payload copies, removed by ``cleanUp()``.
    var temporaryFolder: String?

    func cleanUp() {
        if let temporaryFolder {
            try? FileManager.default.removeItem(atPath: temporaryFolder)
            InterruptCleanup.unregister(temporaryFolder)
        }
    }

    /// Whether `path` names a bundle (an archive or an unpacked bag) rather than a case.
    static func isBundle(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return false }
        if isFolder.boolValue { return FileManager.default.fileExists(atPath: path + "/" + BagLayout.bagitFile) }
        let lower = path.lowercased()
        return !(lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json"))
    }

    /// Checks a case as `pack` does and takes its files where they are (never modified).
    static func fromCase(_ path: String, rules: RuleSet, options: ExportOptions) throws -> ExportSource {
        let loaded = try CaseFile.load(path: path, rules: rules, allowOutside: options.allowOutside)
        guard !loaded.complaint.evidence.isEmpty else { throw PackError(.noEvidence, path: loaded.path) }
        let report = try EvidenceCheck.run(loaded, rules: rules, today: EvidenceCheck.currentDate(), describing: false,
                                           reading: options.reading)
        if report.evidenceProblems {
            let bad = report.files.filter { $0.status != .ok }.map { "\($0.file) (\($0.status.rawValue))" }
            throw ExportError(.corruptEvidence, path: loaded.path, detail: bad.joined(separator: ", "))
        }
        if report.status == .incomplete, !options.force {
            let missing = report.completeness.missingRequired.map(\.requirement).joined(separator: ", ")
            throw ExportError(.incomplete, path: loaded.path, detail: missing)
        }
        var items: [ExportItem] = []
        for (index, (entry, file)) in zip(loaded.items, report.files).enumerated() {
            items.append(ExportItem(sequence: index + 1, role: entry.item.role,
                                    originalName: (entry.item.file as NSString).lastPathComponent,
                                    sourcePath: entry.item.file, sha256: file.sha256, mimeType: file.mimeType, kind: file.kind,
                                    size: file.size, localPath: entry.path, reading: file.reading, note: entry.item.note))
        }
        return ExportSource(kind: .case, path: loaded.path, complaint: loaded.complaint, items: items, bagDigest: nil)
    }

    /// Verifies a bundle (refused unless valid), then makes its payload readable: an unpacked
    /// bag in place, an archive's payload entries copied (bounded) into a private folder, each
    /// copy's SHA-256 checked against the verified manifest.
    static func fromBundle(_ path: String, rules: RuleSet, options: ExportOptions) throws -> ExportSource {
        let verifier = BundleVerifier(rules: rules, limits: options.limits)
        let report = verifier.verify(path)
        switch report.status {
        case .unreadable:
            throw ExportError(.bundleUnreadable, path: path, detail: report.problems.map(\.code.rawValue).joined(separator: ", "))
        case .invalid, .validBag, .validHoley:
            let codes = report.problems.filter { $0.severity == .error }.map(\.code.rawValue)
            throw ExportError(.bundleInvalid, path: path,
                              detail: codes.isEmpty ? "not an evidence bundle (no evidence.json)" : codes.joined(separator: ", "))
        case .validIncomplete where !options.force:
            let missing = report.evidence?.recorded.missingRequired.map(\.requirement).joined(separator: ", ") ?? ""
            throw ExportError(.incomplete, path: path, detail: missing)
        default:
            break
        }
        guard let digest = report.bag?.tagManifestSHA256 else {
            throw ExportError(.bundleInvalid, path: path, detail: "no tagmanifest-sha256.txt")
        }
        // Read once more for evidence.json; the same tag manifest must come back (the bundle
        // cannot have been swapped since it was verified).
        let contents = BundleReader.read(path, limits: options.limits)
        guard contents.problems.isEmpty,
              let tagManifest = contents.files.first(where: { $0.path == BagLayout.tagManifestFile })?.content,
              hexString(SHA256.hash(data: tagManifest)) == digest,
              BagValidator.validate(files: contents.files, name: contents.bagName).problems.allSatisfy({ $0.severity != .error }),
              let manifestBytes = contents.files.first(where: { $0.path == BagLayout.evidenceFile })?.content,
              let manifest = try? EvidenceJSON.decoder().decode(EvidenceManifest.self, from: Data(manifestBytes)) else {
            throw ExportError(.bundleInvalid, path: path, detail: "the bundle changed after it was verified")
        }
        var local: [String: String] = [:]
        var folder: String?
        if contents.format == .folder {
            for item in manifest.items { local[item.path] = path + "/" + item.path }
        } else {
            let total = manifest.items.reduce(UInt64(0)) { $0 + $1.size }
            guard total <= options.maxPayloadBytes else {
                throw ExportError(.bundleInvalid, path: path, detail: "payload of \(total) bytes exceeds the export limit of \(options.maxPayloadBytes)")
            }
            guard let made = BundleReading.makePrivateFolder() else {
                throw ExportError(.io, path: path, detail: "cannot create a private temporary folder")
            }
            folder = made
            InterruptCleanup.register(made)
            do {
                local = try BundleReading.extract(path, format: contents.format, root: contents.bagName, items: manifest.items,
                                                  into: made, maxEntryBytes: options.maxPayloadBytes)
            } catch {
                try? FileManager.default.removeItem(atPath: made)
                InterruptCleanup.unregister(made)
                throw ExportError(.bundleInvalid, path: path, detail: "\(error)")
            }
        }
        var items: [ExportItem] = []
        for item in manifest.items {
            guard let file = local[item.path], let data = FileManager.default.contents(atPath: file),
                  hexString(SHA256.hash(data: data)) == item.sha256 else {
                if let folder { try? FileManager.default.removeItem(atPath: folder); InterruptCleanup.unregister(folder) }
                throw ExportError(.bundleInvalid, path: path, detail: "\(item.path): bytes differ from the verified manifest")
            }
            items.append(ExportItem(sequence: item.sequence, role: item.role, originalName: item.originalName,
                                    sourcePath: item.path, sha256: item.sha256, mimeType: item.mimeType, kind: item.checks.kind,
                                    size: item.size, localPath: file, reading: item.reading, note: item.note))
        }
        items.sort { $0.sequence < $1.sequence }
        return ExportSource(kind: .bundle, path: path, complaint: manifest.case, items: items, bagDigest: digest,
                            temporaryFolder: folder)
    }
}

