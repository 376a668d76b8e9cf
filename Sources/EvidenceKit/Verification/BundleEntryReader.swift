import Foundation

/// Reads one file from inside a bundle (zip or tar.gz) without extracting anything to disk:
/// for previews of a received bundle's payload and for its `index.html`.
public enum BundleEntryReader {
    /// Why an entry could not be read.
    public enum Failure: Error, Sendable, Equatable {
        /// The bundle holds no such regular file.
        case notFound
        /// The entry is larger than the limit.
        case tooLarge
        /// The archive cannot be read.
        case unreadable(String)
    }

    /// The bytes of the entry at `path` relative to the bag's root folder (`index.html`,
    /// `data/01-product-photo-IMG_1.jpg`), reading at most `maxBytes` and at most
    /// `limits.maxEntries` headers.
    public static func read(bundle: String, path: String, maxBytes: Int,
                            limits: VerificationLimits = VerificationLimits()) throws(Failure) -> [UInt8] {
        guard let file = ByteFile(path: bundle) else { throw .unreadable("cannot open the bundle") }
        let format = BundleReader.sniff(file)
        guard let format else { throw .unreadable("not a zip, tar or tar.gz archive") }
        let reader: ArchiveReader
        do {
            reader = try ArchiveReader(path: bundle, formats: format == .zip ? .zip : format == .tar ? .tar : .tarGzip)
        } catch let error as ArchiveReadError {
            throw .unreadable(error.detail)
        } catch {
            throw .unreadable("\(error)")
        }
        var seen = 0
        do {
            while let entry = try reader.next() {
                seen += 1
                if seen > limits.maxEntries { throw Failure.unreadable("more than \(limits.maxEntries) entries") }
                guard let name = entry.pathname, let slash = name.firstIndex(of: "/"),
                      String(name[name.index(after: slash)...]) == path else { continue }
                guard entry.fileType == 0o100000, entry.hardlink == nil, entry.symlink == nil else { throw Failure.notFound }
                if let declared = entry.declaredSize, declared > maxBytes { throw Failure.tooLarge }
                var bytes: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 64 << 10)
                while true {
                    let count = try chunk.withUnsafeMutableBytes { try reader.read(into: $0) }
                    if count == 0 { break }
                    bytes += chunk[0..<count]
                    if bytes.count > maxBytes { throw Failure.tooLarge }
                }
                return bytes
            }
        } catch let failure as Failure {
            throw failure
        } catch let error as ArchiveReadError {
            throw .unreadable(error.detail)
        } catch {
            throw .unreadable("\(error)")
        }
        throw .notFound
    }
}
