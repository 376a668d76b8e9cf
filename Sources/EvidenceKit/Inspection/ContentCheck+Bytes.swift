/// The per-format integrity and metadata checks of `inspect`, runnable on bytes in memory.
///
/// This is the entry point of the fuzz targets (`Sources/EvidenceFuzz`, `Docs/SECURITY.md`):
/// it runs exactly the checker `FileInspector` would pick after libmagic named the type, fed in
/// chunks as a file would stream past. It is `package`-level: not part of the public API.
package enum ContentCheck {
    /// A checker `inspect` runs, by the type libmagic found.
    package enum Format: String, CaseIterable, Sendable {
        case png, jpeg, webp, gif, heif, video, pdf, zip, text
    }

    /// Runs one format's checker over `bytes`.
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - format: which checker to run (as if libmagic had named that type).
    ///   - limits: inspection bounds (pixel count, buffered bytes).
    ///   - chunkSize: how many bytes each `consume` gets, so that structures straddle chunks.
    /// - Returns: the codes of the findings and the metadata read.
    package static func run(_ bytes: UnsafeRawBufferPointer, as format: Format,
                            limits: InspectionLimits = InspectionLimits(), chunkSize: Int = 997)
        -> (codes: [String], metadata: FileMetadata) {
        // Every Format names a ContentType.Check with a checker.
        let checker = ContentType.makeChecker(ContentType.Check(rawValue: format.rawValue)!, limits: limits,
                                              expectedSize: UInt64(bytes.count))!
        var offset = 0
        let step = max(1, chunkSize)
        while offset < bytes.count {
            let end = min(bytes.count, offset + step)
            checker.consume(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
        }
        let outcome = checker.finish(size: UInt64(bytes.count))
        return (outcome.codes, outcome.metadata)
    }
}
