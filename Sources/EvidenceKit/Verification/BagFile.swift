/// A regular file of a bag, as read from a bundle: its path relative to the bag root, the size
/// actually read, its digests, and (tag files only) its bytes.
struct BagFile: Sendable, Hashable {
    /// Relative to the bag root, e.g. `data/photo.jpg` or `bagit.txt`.
    var path: String
    var size: UInt64
    /// Lower-case hex digests, by algorithm; always SHA-256, plus what the manifests use.
    var digests: [ChecksumAlgorithm: String]
    /// The bytes of a tag file (outside `data/`), when it was small enough to keep.
    var content: [UInt8]?
    /// What a payload file's content is (type, integrity), read in the same pass.
    var observed: ObservedContent?

    /// Whether the file is payload (under `data/`).
    var isPayload: Bool { path.hasPrefix("data/") }
}

/// Everything read from a bundle, before the bag and its meaning are judged.
struct BundleContents: Sendable {
    var format: VerificationReport.Format?
    /// The bag's name (top-level folder, or the unpacked folder's own name).
    var bagName: String = ""
    /// Regular files, in archive order.
    var files: [BagFile] = []
    /// What stopped or troubled the reading (safety, limits, damage).
    var problems: [VerificationProblem] = []
    var bytesRead: UInt64 = 0
}
