/// What every EvidenceKit error type offers besides its own `code`: a message in both languages
/// that names the file (and line or field) and says what to do. Lets a caller report any of
/// them in one place.
public protocol EvidenceKitError: Error {
    /// What went wrong and what to do, in zh and en.
    var message: LocalizedText { get }
}

extension InspectionError: EvidenceKitError {}
extension CaseFileError: EvidenceKitError {}
extension RulesError: EvidenceKitError {}
extension PackError: EvidenceKitError {}
