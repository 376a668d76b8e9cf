/// Decides the role a file most probably plays when no case file says: what its content shows
/// (text read from it, when confident) beats its metadata (camera EXIF: a product photo; a
/// video: an unboxing video; OFD: an invoice), which beats keywords in its name (Chinese and
/// English, from the cue data's `name` lists); `other` when nothing speaks. A suggestion only:
/// the case file has the last word.
public enum RoleGuesser {
    /// Kinds of file that can plausibly play a role (a PDF is never a product photo).
    public static func plausibleKinds(for role: EvidenceRole) -> Set<MediaKind> {
        switch role {
        case .productPhoto, .packagePhoto: [.image]
        case .unboxingVideo: [.video]
        case .orderScreenshot, .listingScreenshot, .merchantInfo, .paymentReceipt: [.image, .document]
        case .chatRecord, .logisticsRecord: [.image, .document, .text]
        case .invoice: [.document, .image, .text]
        case .inspectionReport, .authenticationReport: [.document, .image]
        case .other: Set(MediaKind.allCases)
        }
    }

    /// Roles a file name may give a camera photo instead of product-photo: photographed parcels
    /// and paper documents.
    static let refinesCameraPhoto: Set<EvidenceRole> = [.packagePhoto, .inspectionReport, .authenticationReport, .invoice, .logisticsRecord]

    /// The role a file most probably plays, from its name and metadata only (no content read).
    /// - Parameters:
    ///   - path: the file's path; its name weighs most, then its folder names.
    ///   - kind: the content's kind.
    ///   - metadata: what was read of the content (camera EXIF suggests a photo; OFD an invoice).
    public static func guess(path: String, kind: MediaKind, metadata: FileMetadata) -> EvidenceRole {
        assess(path: path, kind: kind, metadata: metadata, reading: nil).role
    }

    /// The role a file most probably plays, with its basis, confidence and cues.
    /// - Parameters:
    ///   - path: the file's path (name, then folders, for keywords).
    ///   - kind: the content's kind.
    ///   - metadata: what inspection read of the content.
    ///   - reading: what the content says, when it was read; its role decides when its
    ///     confidence reaches the cue data's threshold and the role fits the file's kind.
    ///   - cues: the cue data (name keywords, threshold).
    public static func assess(path: String, kind: MediaKind, metadata: FileMetadata, reading: ContentReading?,
                              cues: ContentCues = .bundled) -> RoleAssessment {
        if let content = reading?.role, content.basis == .content, content.confidence >= cues.confidenceThreshold,
           plausibleKinds(for: content.role).contains(kind) || kind == .text {
            // (A text file's role comes from its export structure: an Alipay bill is a payment.)
            return content
        }
        let named = nameRole(path: path, kind: kind, cues: cues)
        if let fromMetadata = metadataRole(kind: kind, metadata: metadata) {
            if let named, fromMetadata.role == .productPhoto, refinesCameraPhoto.contains(named.role) {
                return RoleAssessment(role: named.role, basis: .name, confidence: named.confidence, cues: named.cues + fromMetadata.cues)
            }
            if fromMetadata.role == .chatRecord, let named { return named }  // "a text file" is the weakest hint
            return fromMetadata
        }
        if let named { return named }
        return RoleAssessment(role: .other, basis: .name, confidence: 0, cues: [])
    }

    /// What the metadata alone says.
    static func metadataRole(kind: MediaKind, metadata: FileMetadata) -> RoleAssessment? {
        switch kind {
        case .video:
            return RoleAssessment(role: .unboxingVideo, basis: .metadata, confidence: 0.6, cues: ["video"])
        case .document where metadata.isOFD == true:
            return RoleAssessment(role: .invoice, basis: .metadata, confidence: 0.9, cues: ["OFD document"])
        case .image where metadata.cameraModel != nil || metadata.captureTime != nil:
            let cue = metadata.cameraModel.map { "camera EXIF: \($0)" } ?? "camera EXIF: taken \(metadata.captureTime ?? "")"
            return RoleAssessment(role: .productPhoto, basis: .metadata, confidence: 0.7, cues: [cue])
        case .text:
            return RoleAssessment(role: .chatRecord, basis: .metadata, confidence: 0.2, cues: ["text file"])
        default:
            return nil
        }
    }

    /// The first name keyword found: the file name first, then its two parent folders; roles in
    /// the cue data's `name_order` (most specific first: a 快递面单 is a package photo).
    static func nameRole(path: String, kind: MediaKind, cues: ContentCues) -> RoleAssessment? {
        // Plain UTF-8 substring search: Foundation's `contains` (locale-aware CFStringFind) made
        // this guess cost more than reading a small file (Docs/PERFORMANCE.md). The keywords are
        // lower-case and NFC, and UTF-8 never matches in the middle of a character.
        let components = path.split(separator: "/").suffix(3).map { Array($0.lowercased().utf8) }
        for (depth, component) in components.reversed().enumerated() {
            for role in cues.nameOrder where plausibleKinds(for: role).contains(kind) {
                for word in cues.roles[role]?.name ?? [] where component.containsBytes(Array(word.utf8)) {
                    return RoleAssessment(role: role, basis: .name, confidence: depth == 0 ? 0.5 : 0.4,
                                          cues: [depth == 0 ? "name: \(word)" : "folder: \(word)"])
                }
            }
        }
        return nil
    }
}
