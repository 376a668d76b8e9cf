/// Bounds that keep `verify` safe on hostile archives: memory and time stay bounded because
/// entries are streamed and counting stops at the first limit crossed.
public struct VerificationLimits: Sendable, Codable, Hashable {
    /// Most entries (files, folders) an archive may hold. Default 10,000: a complaint has tens
    /// of files, never thousands.
    public var maxEntries: Int
    /// Most bytes all entries may expand to. Default 16 GiB: a few long phone videos.
    public var maxTotalSize: UInt64
    /// Most expanded bytes per archive byte. Default 200: photos, videos and PDFs hardly
    /// compress, chat text about 10x; a zip bomb reaches 1,000 or far more.
    public var maxRatio: Double
    /// The ratio is only enforced once this many bytes have expanded (default 1 MiB), so that a
    /// tiny bundle of very repetitive text is not refused.
    public var ratioFloor: UInt64
    /// Largest tag file (`bagit.txt`, manifests, `evidence.json`...) kept in memory. Default 16 MiB.
    public var maxTagFileSize: Int

    /// The defaults above, or any of them changed.
    public init(maxEntries: Int = 10_000, maxTotalSize: UInt64 = 16 << 30, maxRatio: Double = 200,
                ratioFloor: UInt64 = 1 << 20, maxTagFileSize: Int = 16 << 20) {
        self.maxEntries = maxEntries
        self.maxTotalSize = maxTotalSize
        self.maxRatio = maxRatio
        self.ratioFloor = ratioFloor
        self.maxTagFileSize = maxTagFileSize
    }

    enum CodingKeys: String, CodingKey {
        case maxEntries = "max_entries"
        case maxTotalSize = "max_total_size"
        case maxRatio = "max_ratio"
        case ratioFloor = "ratio_floor"
        case maxTagFileSize = "max_tag_file_size"
    }

    /// The first limit `expanded` bytes cross, given the archive's size on disk (nil: not compressed).
    func sizeProblem(expanded: UInt64, archiveSize: UInt64?, entry: String?) -> VerificationProblem? {
        if expanded > maxTotalSize {
            return VerificationProblem(.totalSizeTooLarge, entry: entry, expected: String(maxTotalSize), found: String(expanded))
        }
        if let archiveSize, expanded > ratioFloor {
            let ratio = Double(expanded) / Double(max(archiveSize, 1))
            if ratio > maxRatio {
                return VerificationProblem(.expansionRatioTooHigh, entry: entry, expected: formatRatio(maxRatio), found: formatRatio(ratio))
            }
        }
        return nil
    }
}

func formatRatio(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}
