import Foundation
import EvidenceTestSupport
@testable import EvidenceKit

extension PackFixtures {
    /// Every entry of an archive: name and full contents, in archive order (through libarchive).
    static func entries(of path: String, formats: ArchiveReader.Formats = .zip) throws -> [(name: String, bytes: [UInt8])] {
        let reader = try ArchiveReader(path: path, formats: formats)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { buffer.deallocate() }
        var result: [(String, [UInt8])] = []
        while let entry = try reader.next() {
            var bytes: [UInt8] = []
            while true {
                let count = try reader.read(into: buffer)
                if count == 0 { break }
                bytes += buffer[0..<count]
            }
            result.append((entry.pathname ?? "<invalid>", bytes))
        }
        return result
    }

}
