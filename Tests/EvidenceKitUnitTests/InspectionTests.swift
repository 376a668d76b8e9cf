import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// What `inspect` tells a user about each kind of evidence file: real type, integrity, metadata.
@Suite struct InspectionTests {
    let dir = TemporaryDirectory("inspect")

    // MARK: photos

    @Test func jpegPhotoWithEXIFGivesCaptureTimeCameraAndGPS() throws {
        let file = try inspect(dir.write("IMG_0001.jpg", fixture("inspect/photo-exif.jpg")))
        #expect(file.status == .ok)
        #expect(file.mimeType == "image/jpeg")
        #expect(file.kind == .image)
        #expect(file.metadata.width == 96 && file.metadata.height == 64)
        #expect(file.metadata.captureTime == "2026-11-06T09:30:00+08:00")
        #expect(file.metadata.cameraModel == "Xiaomi Redmi Note 12")
        #expect(file.metadata.hasGPS == true)
        #expect(file.suggestedRole == .productPhoto)  // a camera photo with no telling name
        #expect(file.findings.isEmpty)
    }

    @Test func jpegCutShortIsCorrupt() throws {
        let photo = fixture("inspect/photo-exif.jpg")
        let file = try inspect(dir.write("cut.jpg", Array(photo.prefix(photo.count * 2 / 3))))
        #expect(file.status == .corrupt)
        #expect(file.codes.contains("jpeg.corrupt"))
    }

    @Test func jpegWithoutEndMarkerIsCorrupt() throws {
        let photo = fixture("inspect/photo-plain.jpg")
        #expect(photo.suffix(2) == [0xFF, 0xD9])
        let file = try inspect(dir.write("no-eoi.jpg", Array(photo.dropLast(2))))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["jpeg.corrupt"])
    }

    @Test func jpegWithBrokenSegmentLengthIsCorrupt() throws {
        var photo = fixture("inspect/photo-plain.jpg")
        // The first segment after SOI (APP0/JFIF) claims to run past the end of the file.
        #expect(photo[2] == 0xFF)
        photo[4] = 0xFF
        photo[5] = 0xF0
        let file = try inspect(dir.write("bad-segment.jpg", photo))
        #expect(file.status == .corrupt)
        #expect(file.codes.contains("jpeg.corrupt"))
    }

    @Test func pngScreenshotIsAcceptedWithItsSize() throws {
        let file = try inspect(dir.write("截图.png", fixture("inspect/screenshot.png")))
        #expect(file.status == .ok)
        #expect(file.mimeType == "image/png")
        #expect(file.metadata.width == 120 && file.metadata.height == 80)
        #expect(file.metadata.captureTime == nil)
    }

    @Test func pngWithBadChunkCRCIsCorrupt() throws {
        var png = fixture("inspect/screenshot.png")
        let idat = try #require(PNGBytes.chunks(png).first { $0.type == "IDAT" })
        png[idat.offset + 8 + idat.length + 3] ^= 0xFF  // last CRC byte
        let file = try inspect(dir.write("crc.png", png))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["png.corrupt"])
        #expect(file.findings[0].message.en.contains("CRC"))
    }

    @Test func pngWithoutIENDIsTruncated() throws {
        let png = fixture("inspect/screenshot.png")
        let file = try inspect(dir.write("no-iend.png", Array(png.dropLast(12))))
        #expect(file.status == .corrupt)
        #expect(file.findings[0].message.en.contains("IEND"))
    }

    @Test func pngClaimingHugeDimensionsIsRefusedWithoutDecoding() throws {
        var png = fixture("inspect/screenshot.png")
        // IHDR width and height -> 100000 x 100000, with a correct CRC so only the size is wrong.
        let big: [UInt8] = [0x00, 0x01, 0x86, 0xA0]
        png.replaceSubrange(16..<20, with: big)
        png.replaceSubrange(20..<24, with: big)
        let crc = crc32(Array(png[12..<29]))
        png.replaceSubrange(29..<33, with: [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
        let file = try inspect(dir.write("bomb.png", png))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["image.too-large"])
    }

    @Test func heicPhotoIsRecognisedAsAnImage() throws {
        let file = try inspect(dir.write("IMG_4242.HEIC", fixture("inspect/hopper.heif")))
        #expect(file.status == .ok)
        #expect(file.kind == .image)
        #expect(file.mimeType == "image/heic")
        #expect(file.metadata.width == 128 && file.metadata.height == 128)
        #expect(file.findings.isEmpty)
    }

    @Test func heicCutShortIsCorrupt() throws {
        let heic = fixture("inspect/hopper.heif")
        let file = try inspect(dir.write("cut.heic", Array(heic.prefix(heic.count - 500))))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["heif.corrupt"])
    }

    // MARK: documents

    @Test func pdfReceiptGivesPageCount() throws {
        let one = try inspect(dir.write("支付宝回单.pdf", fixture("inspect/receipt.pdf")))
        #expect(one.status == .ok)
        #expect(one.kind == .document)
        #expect(one.metadata.pageCount == 1)
        #expect(one.metadata.encrypted == false)
        #expect(one.suggestedRole == .paymentReceipt)
        let two = try inspect(dir.write("two.pdf", fixture("inspect/two-pages.pdf")))
        #expect(two.metadata.pageCount == 2)
    }

    @Test func pdfTruncatedIsCorrupt() throws {
        let pdf = fixture("inspect/receipt.pdf")
        let file = try inspect(dir.write("truncated.pdf", Array(pdf.prefix(pdf.count / 2))))
        #expect(file.status == .corrupt)
        #expect(file.codes.contains("pdf.corrupt"))
        #expect(file.findings.contains { $0.message.en.contains("%%EOF") })
    }

    @Test func pdfWithoutHeaderIsCorrupt() throws {
        var pdf = fixture("inspect/receipt.pdf")
        pdf.replaceSubrange(0..<5, with: Array("%XYZ-".utf8))
        let file = try inspect(dir.write("headless.pdf", pdf))
        #expect(file.status == .corrupt)
        #expect(file.findings.contains { $0.code == "pdf.corrupt" || $0.code == "type.unrecognized" })
    }

    @Test func pdfNeedingAPasswordIsReportedAndDoesNotCount() throws {
        let file = try inspect(dir.write("locked.pdf", fixture("inspect/encrypted-password.pdf")))
        #expect(file.status == .corrupt)
        #expect(file.codes == ["pdf.password-required"])
        #expect(file.metadata.encrypted == true)
    }

    @Test func pdfEncryptedWithoutPasswordOpensWithAWarning() throws {
        let file = try inspect(dir.write("restricted.pdf", fixture("inspect/encrypted-open.pdf")))
        #expect(file.status == .ok)
        #expect(file.codes == ["pdf.encrypted"])
        #expect(file.metadata.encrypted == true)
        #expect(file.metadata.pageCount == 1)
    }

    @Test func ofdInvoiceIsADocumentNotAnArchive() throws {
        let file = try inspect(dir.write("电子发票.ofd", fixture("inspect/helloworld.ofd")))
        #expect(file.status == .ok)
        #expect(file.kind == .document)
        #expect(file.metadata.isOFD == true)
        #expect(file.suggestedRole == .invoice)
    }

    @Test func plainZipIsUnacceptable() throws {
        // A zip whose root has no OFD.xml: only the OFD.xml entry name differs.
        var zip = fixture("inspect/helloworld.ofd")
        let name = Array("OFD.xml".utf8)
        var index = 0
        while let found = firstIndex(of: name, in: Array(zip[index...])) {
            zip.replaceSubrange((index + found)..<(index + found + name.count), with: Array("ABC.xml".utf8))
            index += found + name.count
        }
        let file = try inspect(dir.write("photos.zip", zip))
        #expect(file.kind == .archive)
        #expect(file.status == .unacceptable)
        #expect(file.codes.contains("type.archive"))
    }

    // MARK: video

    @Test func mp4GivesDuration() throws {
        let file = try inspect(dir.write("开箱视频.mp4", fixture("inspect/clip.mp4")))
        #expect(file.status == .ok)
        #expect(file.kind == .video)
        #expect(file.suggestedRole == .unboxingVideo)
        let duration = try #require(file.metadata.durationSeconds)
        #expect(duration > 0 && duration < 10)
    }

    @Test func mp4WithoutMoovIsCorrupt() throws {
        let mp4 = fixture("inspect/clip.mp4")
        let boxes = topLevelBoxes(mp4)
        let moov = try #require(boxes.first { $0.type == "moov" })
        var stripped = mp4
        stripped.removeSubrange(moov.start..<(moov.start + moov.size))
        let file = try inspect(dir.write("interrupted.mp4", stripped))
        #expect(file.status == .corrupt)
        #expect(file.codes.contains("video.no-moov"))
    }

    @Test func mp4CutShortIsCorrupt() throws {
        let mp4 = fixture("inspect/clip.mp4")
        let file = try inspect(dir.write("cut.mp4", Array(mp4.prefix(mp4.count - 100))))
        #expect(file.status == .corrupt)
        #expect(file.codes.contains("video.corrupt"))
    }

    // MARK: chat exports

    @Test(arguments: [
        ("utf8.txt", Array("客服：亲，已为您登记。\n".utf8), "utf-8"),
        ("bom.txt", [0xEF, 0xBB, 0xBF] + Array("聊天记录\n".utf8), "utf-8-bom"),
        ("utf16le.txt", [0xFF, 0xFE] + Array("聊天记录\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "utf-16le"),
        ("utf16be.txt", [0xFE, 0xFF] + Array("聊天记录\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, "utf-16be"),
        // "你好，客服" in GB18030 (GBK range), as old Windows exports write it.
        ("gbk.txt", [0xC4, 0xE3, 0xBA, 0xC3, 0xA3, 0xAC, 0xBF, 0xCD, 0xB7, 0xFE, 0x0A], "gb18030"),
    ] as [(String, [UInt8], String)])
    func chatExportsDecodeAndReportTheirEncoding(name: String, bytes: [UInt8], encoding: String) throws {
        let file = try inspect(dir.write("聊天记录-\(name)", bytes))
        #expect(file.status == .ok)
        #expect(file.kind == .text)
        #expect(file.metadata.textEncoding == encoding)
        #expect(file.suggestedRole == .chatRecord)
    }

    @Test func textThatDecodesAsNothingIsCorrupt() throws {
        // Valid-looking ASCII with bytes that are neither UTF-8 nor GB18030 (0x80 and 0xFF never occur).
        let bytes = Array("chat log line one\nline two ".utf8) + [0x80, 0xFF, 0x80] + Array(" end\n".utf8)
        let file = try inspect(dir.write("chat.txt", bytes))
        #expect(file.codes.contains("text.undecodable") || file.mimeType == "application/octet-stream")
        #expect(file.status == .corrupt)
    }

    // MARK: types and names

    @Test func elfBinaryNamedJPGIsUnacceptable() throws {
        let elf = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/proc/self/exe")).prefix(65536))
        let file = try inspect(dir.write("photo.jpg", elf))
        #expect(file.kind == .executable)
        #expect(file.status == .unacceptable)
        #expect(file.codes.contains("type.executable"))
        #expect(file.codes.contains("type.extension-mismatch"))
    }

    @Test func pdfNamedJPGWarnsOfTheMismatch() throws {
        let file = try inspect(dir.write("scan.jpg", fixture("inspect/receipt.pdf")))
        #expect(file.status == .ok)
        #expect(file.mimeType == "application/pdf")
        #expect(file.codes == ["type.extension-mismatch"])
        #expect(file.findings[0].message.zh.contains(".jpg"))
    }

    @Test func pngNamedJPGWarnsOfTheMismatch() throws {
        let file = try inspect(dir.write("photo.jpg", fixture("inspect/screenshot.png")))
        #expect(file.mimeType == "image/png")
        #expect(file.codes == ["type.extension-mismatch"])
    }

    @Test func emptyFileIsCorrupt() throws {
        let file = try inspect(dir.write("订单截图.png", []))
        #expect(file.size == 0)
        #expect(file.status == .corrupt)
        #expect(file.codes.contains("file.empty"))
    }

    @Test func shaAndSizeMatchTheBytes() throws {
        let bytes = fixture("inspect/screenshot.png")
        let file = try inspect(dir.write("a.png", bytes))
        #expect(file.size == UInt64(bytes.count))
        #expect(file.sha256 == sha256Hex(bytes))
    }

    @Test func chineseAndNFDNamesWork() throws {
        let nfd = "订单截图-café".decomposedStringWithCanonicalMapping + ".png"
        let path = dir.write(nfd, fixture("inspect/screenshot.png"))
        let file = try inspect(path)
        #expect(file.status == .ok)
        #expect(file.name == (path as NSString).lastPathComponent)
        #expect(file.suggestedRole == .orderScreenshot)
    }

    @Test func largeFilesHashOnTheSecondThreadWithTheSameResult() throws {
        // 9 MiB: above the pipelining threshold, several chunks.
        var bytes = [UInt8](repeating: 0, count: 9 << 20)
        for index in stride(from: 0, to: bytes.count, by: 4096) { bytes[index] = UInt8(truncatingIfNeeded: index >> 12) }
        let path = dir.write("big.bin", bytes)
        let inspector = try FileInspector()
        var seen = 0
        let file = inspector.inspectFile(at: path) { seen += $0.count }
        #expect(seen == bytes.count)
        #expect(file.sha256 == sha256Hex(bytes))
        // The same inspector can go on with a small file (inline hashing) and a large one again.
        #expect(inspector.inspectFile(at: dir.write("s.png", fixture("inspect/screenshot.png"))).status == .ok)
        #expect(inspector.inspectFile(at: path).sha256 == file.sha256)
    }
}

/// Data after the end of an image: a second JPEG is normal on phones, anything else is suspicious.
@Suite struct TrailingDataTests {
    let dir = TemporaryDirectory("trailing")

    @Test func aZipAppendedToAPhotoIsWarned() throws {
        let photo = fixture("inspect/photo-plain.jpg") + fixture("inspect/helloworld.ofd")
        let file = try inspect(dir.write("photo.jpg", photo))
        #expect(file.status == .ok)
        #expect(file.codes == ["format.trailing-data"])
        let png = try inspect(dir.write("shot.png", fixture("inspect/screenshot.png") + fixture("inspect/helloworld.ofd")))
        #expect(png.codes == ["format.trailing-data"])
    }

    @Test func aSecondJPEGAfterThePhotoIsOnlyNoted() throws {
        let photo = fixture("inspect/photo-exif.jpg") + [0, 0] + fixture("inspect/photo-plain.jpg")
        let file = try inspect(dir.write("mpo.jpg", photo))
        #expect(file.status == .ok)
        #expect(file.codes == ["jpeg.secondary-image"])
        #expect(file.findings[0].severity == .info)
    }
}
