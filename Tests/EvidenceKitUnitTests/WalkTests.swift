import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// How `inspect` walks folders: recursive, hidden files included, links and special files
/// reported but never followed or read.
@Suite struct WalkTests {
    let dir = TemporaryDirectory("walk")

    @Test func foldersAreWalkedRecursivelyInNameOrderWithHiddenFiles() throws {
        dir.write("case/b.png", fixture("inspect/screenshot.png"))
        dir.write("case/a/photo.jpg", fixture("inspect/photo-plain.jpg"))
        dir.write("case/.hidden.txt", text: "note\n")
        let files = try Inspection.inspect(paths: [dir.path + "/case"], jobs: 2)
        #expect(files.map(\.name) == [".hidden.txt", "photo.jpg", "b.png"])
        #expect(files.first?.hidden == true)
        #expect(files.allSatisfy { $0.status == .ok })
    }

    @Test func symlinksInsideFoldersAreReportedNotFollowed() throws {
        let outside = dir.write("secret.txt", text: "not evidence\n")
        dir.write("case/real.png", fixture("inspect/screenshot.png"))
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/case/link.txt", withDestinationPath: outside)
        let files = try Inspection.inspect(paths: [dir.path + "/case"])
        let link = try #require(files.first { $0.name == "link.txt" })
        #expect(link.status == .skipped)
        #expect(link.codes == ["file.symlink"])
        #expect(link.sha256.isEmpty)
        #expect(InspectionReport(files: files).allReadable)
    }

    @Test func aFIFOIsReportedWithoutHanging() throws {
        try FileManager.default.createDirectory(atPath: dir.path + "/case", withIntermediateDirectories: true)
        #expect(mkfifo(dir.path + "/case/pipe", 0o600) == 0)
        let files = try Inspection.inspect(paths: [dir.path + "/case"])
        #expect(files.count == 1)
        #expect(files[0].status == .unreadable)
        #expect(files[0].codes == ["file.not-regular"])
        #expect(!InspectionReport(files: files).allReadable)
    }

    @Test func aMissingPathIsAnErrorNamingIt() throws {
        #expect {
            try Inspection.inspect(paths: [dir.path + "/nope.jpg"])
        } throws: { error in
            (error as? InspectionError)?.code == .pathNotFound && (error as? InspectionError)?.path == dir.path + "/nope.jpg"
        }
    }

    @Test func parallelInspectionKeepsOrderAndMatchesSerial() throws {
        for index in 0..<40 {
            dir.write("many/\(String(format: "%03d", index)).png", fixture("inspect/screenshot.png"))
            dir.write("many/\(String(format: "%03d", index))b.jpg", fixture("inspect/photo-exif.jpg"))
        }
        let parallel = try Inspection.inspect(paths: [dir.path + "/many"], jobs: 4)
        let serial = try Inspection.inspect(paths: [dir.path + "/many"], jobs: 1)
        #expect(parallel == serial)
        #expect(parallel.count == 80)
    }

    @Test func aGBKNamedFileIsFoundOpenedAndShownInChinese() throws {
        try FileManager.default.createDirectory(atPath: dir.path + "/case", withIntermediateDirectories: true)
        // "订单.png" as a Chinese Windows tool writes it: GBK bytes, not UTF-8.
        let name: [UInt8] = [0xB6, 0xA9, 0xB5, 0xA5] + Array(".png".utf8)
        let path = EvidencePath(dir.path + "/case").appending(name)
        let descriptor = path.open(flags: O_WRONLY | O_CREAT | O_TRUNC)
        #expect(descriptor >= 0)
        let png = fixture("inspect/screenshot.png")
        #expect(png.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == png.count)
        close(descriptor)
        let files = try Inspection.inspect(paths: [dir.path + "/case"])
        #expect(files.count == 1)
        #expect(files[0].name == "订单.png")
        #expect(files[0].status == .ok)
        #expect(files[0].sha256 == sha256Hex(png))
        #expect(files[0].codes == ["file.name-not-utf8"])
        #expect(files[0].suggestedRole == .orderScreenshot)
    }
}
