import Foundation

/// Which time-stamp authorities a seal may chain to: the system's certificate store (Debian's
/// `ca-certificates`, through OpenSSL's default paths) and any CA certificates given as PEM
/// files (`--tsa-ca FILE`). Certificates found inside a bundle (the token's own, the
/// `.tsr.crt` chain) are only ever untrusted intermediates: a bundle cannot vouch for itself.
public struct SealTrust: Sendable, Hashable {
    /// Trust the system's store of root certificates.
    public var systemStore: Bool
    /// PEM files of CA certificates trusted in addition (each may hold several).
    public var authorityFiles: [String]

    /// Creates a trust setting.
    /// - Parameters:
    ///   - systemStore: trust the system's root certificates (default true).
    ///   - authorityFiles: further CA certificates, PEM files.
    public init(systemStore: Bool = true, authorityFiles: [String] = []) {
        self.systemStore = systemStore
        self.authorityFiles = authorityFiles
    }

    /// Checks that every ``authorityFiles`` entry can be read and holds at least one certificate.
    /// - Throws: ``SealError`` `seal.bad-ca-file` naming the file.
    public func validate() throws(SealError) {
        for file in authorityFiles {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw SealError(.badTrustFile, subject: file, detail: "cannot be read")
            }
            if TimestampOpenSSL.certificates(fromPEM: Array(data)).isEmpty {
                throw SealError(.badTrustFile, subject: file, detail: "no PEM certificate in it")
            }
        }
    }
}
