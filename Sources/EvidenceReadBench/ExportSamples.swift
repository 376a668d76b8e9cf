import EvidenceKit
import Foundation

/// Generated chat and bill exports with their expected role and facts (placeholder until the
/// export reader lands).
struct ExportSamples {
    var name: String
    var bytes: [UInt8]
    var role: EvidenceRole
    var facts: [String: String]

    static func all() -> [ExportSamples] { [] }
}
