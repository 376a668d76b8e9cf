/// Zip files: the entry list is read with libarchive; an OFD document (GB/T 33190, the format
/// of Chinese e-invoices) is a zip whose root holds `OFD.xml` and is acceptable as evidence,
/// every other archive is not.
final class ZipChecker: WholeFileChecker {
    /// Opens the bytes with libarchive; tests pass one that cannot start.
    typealias Open = @Sendable (UnsafeRawBufferPointer) throws -> ArchiveReader
    private let open: Open

    init(limits: InspectionLimits, expectedSize: UInt64 = 0,
         open: @escaping Open = { try ArchiveReader(memory: $0, formats: .zip) }) {
        self.open = open
        super.init(limits: limits, expectedSize: expectedSize)
    }

    override func partialCheck(size: UInt64) -> CheckOutcome {
        var outcome = super.partialCheck(size: size)
        outcome.metadata.isOFD = false
        return outcome
    }

    override func fullCheck(size: UInt64) -> CheckOutcome {
        var outcome = CheckOutcome()
        var names: [String] = []
        var readError: String?
        var notStarted = false
        buffer.bytes.withUnsafeBytes { bytes in
            do {
                let reader = try open(bytes)
                while let entry = try reader.next(), names.count < 100_000 {
                    names.append(entry.pathname ?? "")
                }
            } catch let error as ArchiveReadError {
                readError = error.detail
                notStarted = error.notStarted
            } catch {
                readError = "\(error)"
            }
        }
        if notStarted, let readError {
            outcome.unfinished = .notRun(format: "zip/OFD", reason: readError)
            return outcome
        }
        outcome.metadata.isOFD = names.contains { $0 == "OFD.xml" || $0 == "/OFD.xml" || $0 == "./OFD.xml" }
        if let readError, outcome.metadata.isOFD != true {
            outcome.findings.append(.error(
                "zip.corrupt",
                zh: "压缩包无法读取（\(readError)）。",
                en: "The zip archive cannot be read (\(readError))."))
        } else if let readError {
            outcome.findings.append(.error(
                "ofd.corrupt",
                zh: "OFD 发票文件已损坏（\(readError)）。请从开票平台重新下载。",
                en: "The OFD invoice is damaged (\(readError)). Download it again from the invoicing platform."))
        }
        return outcome
    }
}
