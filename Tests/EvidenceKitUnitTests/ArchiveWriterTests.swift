import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit
#if canImport(Glibc)
import Glibc
#endif

/// The zip central directory, parsed by hand so that the tests look at the bytes themselves.
private struct CentralEntry {
    var flags: UInt16
    var method: UInt16
    var dosTime: UInt16
    var dosDate: UInt16
    var extra: [UInt8]
    var name: [UInt8]

    static func all(in zip: [UInt8]) -> [CentralEntry] {
        func u16(_ i: Int) -> UInt16 { UInt16(zip[i]) | UInt16(zip[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { Int(u16(i)) | Int(u16(i + 2)) << 16 }
        guard let end = stride(from: zip.count - 22, through: 0, by: -1).first(where: { zip[$0..<($0 + 4)] == [0x50, 0x4B, 0x05, 0x06] }) else { return [] }
        var offset = u32(end + 16)
        var entries: [CentralEntry] = []
        for _ in 0..<Int(u16(end + 10)) {
            let nameLength = Int(u16(offset + 28)), extraLength = Int(u16(offset + 30)), commentLength = Int(u16(offset + 32))
            entries.append(CentralEntry(flags: u16(offset + 8), method: u16(offset + 10), dosTime: u16(offset + 12), dosDate: u16(offset + 14),
                                        extra: Array(zip[(offset + 46 + nameLength)..<(offset + 46 + nameLength + extraLength)]),
                                        name: Array(zip[(offset + 46)..<(offset + 46 + nameLength)])))
            offset += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }
}

struct ArchiveWriterTests {
    private func write(_ format: ArchiveWriter.Format, to path: String, _ body: (ArchiveWriter) throws -> Void) throws -> (bytes: UInt64, sha256: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        let writer = try ArchiveWriter(descriptor: fd, format: format, modificationTime: 1_764_374_400)
        try body(writer)
        let result = try writer.close()
        return (result.bytes, try #require(result.sha256, "hashOutput defaults to true"))
    }

    @Test func zipEntriesCarryTheUTF8FlagAndNoTimeZoneDependentTime() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let path = folder + "/t.zip"
        let result = try write(.zip, to: path) { writer in
            try writer.addEntry(path: "证据/照片.png", contents: PackFixtures.png(), compression: .store)
            try writer.addEntry(path: "证据/聊天.txt", contents: Array(String(repeating: "你好", count: 500).utf8), compression: .deflate)
        }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(result.bytes == UInt64(bytes.count))
        #expect(result.sha256 == PackFixtures.sha256(bytes))
        let entries = CentralEntry.all(in: bytes)
        #expect(entries.map { String(decoding: $0.name, as: UTF8.self) } == ["证据/照片.png", "证据/聊天.txt"])
        #expect(entries.allSatisfy { $0.flags & 0x0800 != 0 })          // names are UTF-8
        #expect(entries.map(\.method) == [0, 8])                          // stored, deflated
        #expect(entries.allSatisfy { $0.dosDate == 0x0021 && $0.dosTime == 0 })  // 1980-01-01 00:00 in any TZ
        // The extended-timestamp field ("UT") carries no time: flags byte 0, no 4-byte time.
        #expect(entries.allSatisfy { Array($0.extra.prefix(5)) == [0x55, 0x54, 0x01, 0x00, 0x00] })
    }

    @Test func tarGzEntriesHaveFixedOwnerModeAndTimeAndGzipHasNoTimestamp() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let path = folder + "/t.tar.gz"
        _ = try write(.tarGzip, to: path) { writer in
            try writer.addEntry(path: "证据/很长的中文文件名-聊天记录.txt", contents: Array("聊天".utf8), compression: .deflate)
        }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(2)) == [0x1F, 0x8B])
        #expect(Array(bytes[4..<8]) == [0, 0, 0, 0])  // gzip MTIME unset
        let listing = try ProcessRunner.run("/usr/bin/env", ["bsdtar", "-tvf", path], environment: ["LC_ALL": "C.UTF-8", "TZ": "UTC", "PATH": "/usr/bin:/bin"])
        #expect(listing.status == 0)
        #expect(listing.output.hasPrefix("-rw-r--r--  0 0      0"))
        #expect(listing.output.contains("Nov 29  2025 证据/很长的中文文件名-聊天记录.txt"))
        #expect(try PackFixtures.entries(of: path, formats: .tarGzip).map(\.name) == ["证据/很长的中文文件名-聊天记录.txt"])
    }

    @Test func aFullDiskIsReportedAsAWriteError() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let error = try #require(throws: ArchiveWriteError.self) {
            let writer = try ArchiveWriter(descriptor: fd, format: .zip, modificationTime: 0)
            try writer.addEntry(path: "a.txt", contents: Array(repeating: 65, count: 1 << 16), compression: .store)
            _ = try writer.close()
        }
        #expect(error.detail.contains("No space left on device"))
    }

    @Test func packingIntoAMissingFolderIsAnIOError() throws {
        let temporary = TemporaryDirectory("pack")
        defer { temporary.remove() }
        let folder = temporary.path
        let sources = try PackFixtures.sampleSources(in: folder)
        let error = try #require(throws: PackError.self) { try PackFixtures.pack(sources, to: folder + "/没有/bundle.zip") }
        #expect(error.code == .io)
        #expect(error.message.zh.contains("没有/bundle.zip"))
    }
}
