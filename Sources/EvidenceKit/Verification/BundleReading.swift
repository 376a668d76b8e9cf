import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `verify --read`: reads the text of every payload file again (the same reading pass as
/// `inspect`, on the payload bytes) and compares the role and facts with what `evidence.json`
/// recorded when the bundle was packed, and the facts with the case.
///
/// Run only on a bundle whose container and bag were read safely. From an archive, each payload
/// entry to read is copied to a private temporary folder (mode 0700, never the current
/// directory), at most ``maxEntryBytes`` per entry and ``maxTotalBytes`` in all, and the
/// folder is removed before returning; an unpacked bag folder is read in place.
///
/// Weights: a re-read that differs from the record (another role, other facts) is a warning:
/// the bytes are proven unchanged by the manifests, so a difference comes from the reader
/// (another engine or language data, `--no-ocr`), not from tampering. A file whose text shows
/// an order number other than the case's `order_id` (none of its order numbers is the case's)
/// is an error (`meaning.order-number-contradiction`): the bundle then does not prove the
/// purchase it is about, whatever was recorded, and an agent must not accept it as it is. The
/// other cross-checks (amounts, signing time, roles) stay warnings
/// (`meaning.evidence-disagrees`): an amount can differ for good reasons (coupons, shipping).
enum BundleReading {
    /// Entries larger than this are not read (``BundlePacker/maxReadBytes``).
    static let maxEntryBytes: UInt64 = BundlePacker.maxReadBytes
    /// At most this many bytes are copied out of one archive.
    static let maxTotalBytes: UInt64 = 1 << 30

    /// The problems found by re-reading `contents`' payload.
    /// - Parameters:
    ///   - path: the bundle (archive or folder).
    ///   - contents: what ``BundleReader`` read of it (files, bag name, format).
    ///   - options: how to read (OCR, cache).
    static func check(bundle path: String, contents: BundleContents, options: ReadingOptions) -> [VerificationProblem] {
        guard let bytes = contents.files.first(where: { $0.path == "evidence.json" })?.content,
              let manifest = try? EvidenceJSON.decoder().decode(EvidenceManifest.self, from: Data(bytes)) else { return [] }
        let payload = Dictionary(contents.files.filter(\.isPayload).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var wanted: [EvidenceManifest.Item] = []
        var problems: [VerificationProblem] = []
        var total: UInt64 = 0
        var seen: Set<String> = []
        for item in manifest.items where seen.insert(item.path).inserted {
            guard let file = payload[item.path], file.observed?.status == .ok else { continue }
            guard file.size <= maxEntryBytes, total + file.size <= maxTotalBytes else {
                problems.append(VerificationProblem(.readingSkipped, entry: item.path, found: String(file.size),
                                                    detail: "limit \(file.size > maxEntryBytes ? maxEntryBytes : maxTotalBytes) bytes"))
                continue
            }
            total += file.size
            wanted.append(item)
        }
        guard !wanted.isEmpty else { return problems }

        var folder: String?
        defer { if let folder { try? FileManager.default.removeItem(atPath: folder) } }
        var local: [String: String] = [:]
        if contents.format == .folder {
            for item in wanted { local[item.path] = path + "/" + item.path }
        } else {
            guard let made = makePrivateFolder() else {
                return problems + [VerificationProblem(.readingSkipped, entry: nil, detail: "no temporary folder: \(String(cString: strerror(errno)))")]
            }
            folder = made
            do {
                local = try extract(path, format: contents.format, root: contents.bagName, items: wanted, into: made)
            } catch {
                return problems + [VerificationProblem(.readingSkipped, entry: nil, detail: "\(error)")]
            }
        }
        let ordered = wanted.filter { local[$0.path] != nil }
        guard let read = try? ReadingPass.inspectFiles(ordered.map { local[$0.path]! }, describing: false, reading: options) else {
            return problems + [VerificationProblem(.readingSkipped, entry: nil, detail: "the reading pass could not start")]
        }
        var fresh: [EvaluatedItem] = []
        for (item, file) in zip(ordered, read) where file.sha256 == item.sha256 {
            problems += compare(item, recorded: item.reading, fresh: file.reading, ocr: options.ocr)
            var evaluated = EvaluatedItem(manifestItem: item)
            evaluated.reading = file.reading
            fresh.append(evaluated)
        }
        problems += contradictions(manifest.case, fresh: fresh, paths: Dictionary(ordered.map { ($0.originalName, $0.path) },
                                                                                  uniquingKeysWith: { first, _ in first }))
        return problems
    }

    /// One item's re-read against its record.
    static func compare(_ item: EvidenceManifest.Item, recorded: ContentReading?, fresh: ContentReading?, ocr: Bool) -> [VerificationProblem] {
        switch (recorded, fresh) {
        case (nil, nil):
            return []
        case (nil, let fresh?):
            guard !fresh.facts.isEmpty || fresh.role != nil else { return [] }
            return [VerificationProblem(.readingNotRecorded, entry: item.path, found: summary(fresh.facts, role: fresh.role))]
        case (let recorded?, nil):
            // Read by OCR when packed, and OCR is off now: nothing to compare.
            if !ocr && [.ocr, .pdfOCR].contains(recorded.source) { return [] }
            guard !recorded.facts.isEmpty || recorded.role != nil else { return [] }
            return [VerificationProblem(.readingDiffers, entry: item.path, expected: summary(recorded.facts, role: recorded.role),
                                        found: "-", detail: "no text read now")]
        case (let recorded?, let fresh?):
            var problems: [VerificationProblem] = []
            if recorded.role?.role != fresh.role?.role {
                problems.append(VerificationProblem(.readingRoleDiffers, entry: item.path, expected: recorded.role?.role.rawValue ?? "-",
                                                    found: fresh.role?.role.rawValue ?? "-",
                                                    detail: fresh.role.map { "\($0.basis.rawValue) \(EvidenceCrossCheck.percent($0.confidence))" }))
            }
            let before = Set(recorded.facts.map { FactKey(kind: $0.kind, value: $0.value) })
            let after = Set(fresh.facts.map { FactKey(kind: $0.kind, value: $0.value) })
            if before != after {
                let kinds = Set(before.symmetricDifference(after).map(\.kind))
                problems.append(VerificationProblem(.readingFactsDiffer, entry: item.path,
                                                    expected: summary(recorded.facts.filter { kinds.contains($0.kind) }, role: nil),
                                                    found: summary(fresh.facts.filter { kinds.contains($0.kind) }, role: nil)))
            }
            return problems
        }
    }

    /// The cross-checks on what the payload says now, as problems.
    static func contradictions(_ complaint: ComplaintCase, fresh: [EvaluatedItem], paths: [String: String]) -> [VerificationProblem] {
        EvidenceCrossCheck.check(complaint, items: fresh, rolesGiven: Array(repeating: true, count: fresh.count)).map { warning in
            let entry = paths[warning.file] ?? warning.file
            if warning.code == .orderNumberMismatch && warning.otherFile == nil {
                return VerificationProblem(.orderNumberContradiction, entry: entry, expected: warning.expected, found: warning.found,
                                           detail: warning.line)
            }
            return VerificationProblem(.evidenceDisagrees, entry: entry, expected: warning.expected, found: warning.found,
                                       detail: warning.code.rawValue)
        }
    }

    /// "order_number=946799918587044260; amount_paid=256.00" (and the role first, when given).
    static func summary(_ facts: [Fact], role: RoleAssessment?) -> String {
        let parts = (role.map { ["role=\($0.role.rawValue)"] } ?? []) + facts.map { "\($0.kind.rawValue)=\($0.value)" }
        return parts.isEmpty ? "-" : parts.joined(separator: "; ")
    }

    struct FactKey: Hashable {
        var kind: Fact.Kind
        var value: String
    }

    /// A new folder only this user can enter, under `$TMPDIR` (or /tmp).
    static func makePrivateFolder() -> String? {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/evidence-read-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }
    }

    /// Copies the wanted payload entries of an archive into `folder` (one file each, named by
    /// sequence number with the original extension) and returns where each went.
    /// `maxEntryBytes` bounds each copy (`export` copies every payload file, not only those read).
    static func extract(_ path: String, format: VerificationReport.Format?, root: String, items: [EvidenceManifest.Item],
                        into folder: String, maxEntryBytes: UInt64 = BundleReading.maxEntryBytes) throws -> [String: String] {
        let formats: ArchiveReader.Formats = format == .zip ? .zip : format == .tar ? .tar : .tarGzip
        let wanted = Dictionary(items.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var written: [String: String] = [:]
        let reader = try ArchiveReader(path: path, formats: formats)
        var buffer = [UInt8](repeating: 0, count: 256 << 10)
        while let entry = try reader.next() {
            guard let name = entry.pathname, let relative = BundleReader.relative(name, root: root),
                  let item = wanted[relative], written[relative] == nil, entry.fileType == 0o100000 else {
                if format != .zip { try reader.skipData() }
                continue
            }
            let ext = (item.originalName as NSString).pathExtension
            let target = folder + "/\(item.sequence)" + (ext.isEmpty || ext.count > 8 ? "" : "." + ext)
            let descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw ReadingExtractError(detail: "\(target): \(String(cString: strerror(errno)))") }
            defer { close(descriptor) }
            var copied: UInt64 = 0
            while true {
                let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
                if count == 0 { break }
                copied += UInt64(count)
                guard copied <= item.size, copied <= maxEntryBytes else { throw ReadingExtractError(detail: "\(relative): larger than recorded") }
                let done = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress, count) }
                guard done == count else { throw ReadingExtractError(detail: "\(target): \(String(cString: strerror(errno)))") }
            }
            written[relative] = target
            if written.count == wanted.count { break }
        }
        return written
    }

    struct ReadingExtractError: Error, CustomStringConvertible {
        var detail: String
        var description: String { detail }
    }
}

extension VerificationProblem {
    /// The messages of `verify --read`'s problems (``BundleReading``).
    var readingMessage: LocalizedText {
        let e = entry.map { "“\($0)”" } ?? ""
        let x = expected ?? "-", f = found ?? "-"
        let d = detail.map { "（\($0)）" } ?? ""
        let dEn = detail.map { " (\($0))" } ?? ""
        switch code {
        case .readingRoleDiffers:
            return LocalizedText(zh: "重新读取 \(e) 的内容，显示的角色是 \(f)\(d)，而 evidence.json 记录的是 \(x)。文件本身未变（校验和一致），差异来自识别；请打开文件核对。",
                                 en: "Reading \(e) again, its content shows role \(f)\(dEn), but evidence.json records \(x). The file is unchanged (its checksums match): the difference comes from the reading; open the file to check.")
        case .readingFactsDiffer:
            return LocalizedText(zh: "重新读取 \(e) 的内容，读出的信息是 \(f)，而 evidence.json 记录的是 \(x)。文件本身未变，差异来自识别；请打开文件核对。",
                                 en: "Reading \(e) again gives \(f), but evidence.json records \(x). The file is unchanged: the difference comes from the reading; open the file to check.")
        case .readingDiffers:
            return LocalizedText(zh: "evidence.json 记录了 \(e) 的内容（\(x)），本次却读不出文字\(d)。", en: "evidence.json records what \(e) says (\(x)), but no text could be read now\(dEn).")
        case .readingNotRecorded:
            return LocalizedText(zh: "\(e) 的内容读出 \(f)，但 evidence.json 没有记录（打包时未读取内容）。", en: "\(e) reads as \(f), which evidence.json does not record (its content was not read when packed).")
        case .readingSkipped:
            return LocalizedText(zh: "未重新读取 \(e.isEmpty ? "载荷" : e) 的内容\(d)。", en: "The content of \(e.isEmpty ? "the payload" : e) was not read again\(dEn).")
        case .orderNumberContradiction:
            return LocalizedText(zh: "\(e) 的内容显示订单号 \(f)，而案件的订单号是 \(x)\(detail.map { "（读自“\($0)”）" } ?? "")：证据与案件矛盾，这个证据包不能证明它所说的这笔订单。请向发送方核实。",
                                 en: "\(e) shows order number \(f), but the case's order number is \(x)\(detail.map { " (read from “\($0)”)" } ?? ""): the evidence contradicts the case, and this bundle does not prove the order it is about. Ask the sender.")
        case .evidenceDisagrees:
            return LocalizedText(zh: "\(e) 的内容与案件或其他证据不符\(d)：应为 \(x)，内容显示 \(f)。", en: "\(e) disagrees with the case or the other evidence\(dEn): expected \(x), the content shows \(f).")
        default:
            return LocalizedText(zh: code.rawValue, en: code.rawValue)
        }
    }
}
