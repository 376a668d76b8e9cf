import Foundation
import EvidenceTestSupport
import Testing
@_spi(Bench) @testable import EvidenceKit

/// Reading the text of screenshots and PDFs (Tesseract + poppler) and its cache. Each test makes
/// its own reader and cache folder; OCR is kept to a handful of images (~0.5-1 s each).
@Suite struct TextReaderTests {
    let dir = TemporaryDirectory("read")

    /// A reader whose cache lives in this test's folder (never the user's).
    func reader(cache: Bool = false, ocr: Bool = true, cacheFolder: String? = nil) throws -> TextReader {
        var options = ReadingOptions()
        options.cache = cache
        options.ocr = ocr
        options.cacheDirectory = cacheFolder ?? dir.file("cache")
        return try TextReader(options: options)
    }

    func read(_ reader: TextReader, _ fixture: String) throws -> ReadText? {
        let path = ScreenshotFixtures.path(fixture)
        return try reader.read(path: path, file: inspect(path))
    }

    /// Digit runs of a line (an order number must be one of them, exactly).
    func digitRuns(_ lines: [String]) -> Set<String> {
        Set(lines.flatMap { $0.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).map(String.init) })
    }

    // MARK: OCR of screenshots

    @Test func orderScreenshotGivesTheOrderNumberExactlyAndItsLabels() throws {
        let fixture = ScreenshotFixtures.named("order-01.png")
        let text = try #require(try read(reader(), fixture.file))
        #expect(text.source == .ocr)
        #expect(text.engine.hasPrefix("tesseract 5") && text.engine.hasSuffix("chi_sim+eng"))
        #expect(!text.truncated)
        #expect(digitRuns(text.lines).contains(fixture.facts["order_number"]!))
        let joined = text.lines.joined(separator: "\n")
        for label in ["订单详情", "订单编号", "实付款", "交易成功", fixture.facts["paid_at"]!] {
            #expect(joined.contains(label), "\(label) not in \(text.lines)")
        }
        // Lines are trimmed, non-empty, one space at most between words.
        #expect(text.lines.allSatisfy { !$0.isEmpty && $0 == $0.trimmingCharacters(in: .whitespaces) && !$0.contains("  ") })
        // The label and its value stay on one line (rows are kept as rows).
        #expect(text.lines.contains { $0.contains("订单编号") && $0.contains(fixture.facts["order_number"]!) })
    }

    @Test func darkModeChatWithGreenBubblesIsRead() throws {
        let fixture = ScreenshotFixtures.named("chat-dark-green-01.png")
        #expect(fixture.theme == "dark" && fixture.bubble == "green")
        let text = try #require(try read(reader(), fixture.file))
        let joined = text.lines.joined()
        // The shopper's green bubbles and the shop's grey ones on the dark background.
        #expect(joined.contains("充电仓也有"))
        #expect(joined.contains("麻烦提供一下视频"))
        #expect(joined.contains("11月07日"))  // a time header
        #expect(joined.contains(fixture.facts["shop"]!))
    }

    @Test func halfSizeJPEGResaveKeepsTheOrderNumber() throws {
        let fixture = ScreenshotFixtures.named("order-03.half.jpg")
        #expect(fixture.variant == "half-jpeg")
        let text = try #require(try read(reader(), fixture.file))
        #expect(digitRuns(text.lines).contains(fixture.facts["order_number"]!))
        #expect(text.lines.joined().contains("订单编号"))
    }

    // MARK: PDFs

    @Test func pdfTextLayerIsReadWithoutOCR() throws {
        let fixture = ScreenshotFixtures.named("receipt-text.pdf")
        let reader = try reader()
        let text = try #require(try read(reader, fixture.file))
        #expect(text.source == .pdfText)
        #expect(text.engine.hasPrefix("poppler "))
        #expect(reader.recognitions == 0)
        // Rows in reading order, each label with its value (poppler gives them as columns).
        #expect(text.lines.first == "支付宝电子回单")
        #expect(text.lines.contains("交易号 \(fixture.facts["trade_number"]!)"))
        #expect(text.lines.contains("收款方 \(fixture.facts["merchant_name"]!)"))
        let joined = text.lines.joined(separator: "\n")
        for key in ["trade_number", "order_number", "merchant_name", "paid_at"] {
            #expect(joined.contains(fixture.facts[key]!), "\(key)")
        }
        // With OCR off the text layer is still read.
        let noOCR = try #require(try read(self.reader(ocr: false), fixture.file))
        #expect(noOCR.lines == text.lines)
    }

    @Test func scannedPDFIsRenderedAndOCRed() throws {
        let fixture = ScreenshotFixtures.named("receipt-scan.pdf")
        let reader = try reader()
        let text = try #require(try read(reader, fixture.file))
        #expect(text.source == .pdfOCR)
        #expect(text.engine.contains("poppler") && text.engine.contains("tesseract"))
        #expect(reader.recognitions == 1)
        #expect(digitRuns(text.lines).contains(fixture.facts["order_number"]!))
        #expect(digitRuns(text.lines).contains(fixture.facts["trade_number"]!))
        // OCR off: the scan has no text layer, so nothing is read (and nothing recognised).
        let noOCR = try #require(try read(self.reader(ocr: false), fixture.file))
        #expect(noOCR.lines.isEmpty && noOCR.source == .pdfText)
    }

    @Test func pagesBeyondTheLimitAreNotReadAndTheResultSaysSo() throws {
        // Four pages of text; the reader reads three.
        let pages = (1...4).map { "BT /F1 12 Tf 72 700 Td (Page number \($0)) Tj ET" }
        let path = dir.write("four.pdf", Array(TestPDF.make(pages: pages).utf8))
        let text = try #require(try reader().read(path: path, file: inspect(path)))
        #expect(text.lines == ["Page number 1", "Page number 2", "Page number 3"])
        #expect(text.truncated)
    }

    @Test func corruptPDFGivesAClearErrorNamingTheFile() throws {
        let path = dir.write("回单.pdf", Array("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nendobj\ngarbage\n%%EOF\n".utf8))
        let error = try #require(throws: ReadingError.self) { try reader().read(path: path, file: inspect(path)) }
        #expect(error.code == .pdfUnreadable)
        #expect(error.message.zh.contains(path) && error.message.en.contains(path))
        #expect(error.message.zh.contains("重新下载") && error.message.en.contains("Download the file again"))
    }

    @Test func passwordProtectedPDFIsReportedAsEncrypted() throws {
        let path = dir.write("locked.pdf", fixture("inspect/encrypted-password.pdf"))
        let error = try #require(throws: ReadingError.self) { try reader().read(path: path, file: inspect(path)) }
        #expect(error.code == .pdfEncrypted)
        #expect(error.message.en.contains(path) && error.message.zh.contains("密码"))
    }

    // MARK: Bounds

    @Test func hugeImageIsRefusedFromItsHeaderWithoutDecoding() throws {
        // A PNG header claiming 30000x30000 pixels and a few bytes of data: decoding it would need
        // 900 million pixels. The refusal comes from the header (a decode would fail otherwise).
        let path = dir.write("huge.png", TestPNG.header(width: 30_000, height: 30_000))
        let reader = try reader()
        let error = try #require(throws: ReadingError.self) { try reader.read(path: path, file: inspect(path)) }
        #expect(error.code == .imageTooLarge)
        #expect(error.detail.contains("30000x30000"))
        #expect(error.message.en.contains(path) && error.message.zh.contains("尺寸过大"))
        #expect(reader.recognitions == 0)
    }

    @Test func filesOtherThanImagesAndPDFsGiveNil() throws {
        let path = dir.write("chat.txt", text: "2026-11-06 20:39 买家\n你好\n")
        #expect(try reader().read(path: path, file: inspect(path)) == nil)
        // An image with OCR off gives nil too.
        let image = ScreenshotFixtures.path("order-01.png")
        #expect(try reader(ocr: false).read(path: image, file: inspect(image)) == nil)
    }

    // MARK: Cache

    @Test func cacheHitReturnsTheSameTextWithoutRunningOCR() throws {
        let cacheFolder = dir.file("user-cache")
        let first = try reader(cache: true, cacheFolder: cacheFolder)
        let text = try #require(try read(first, "order-01.half.jpg"))
        #expect(first.recognitions == 1)
        let entries = try cacheEntries(cacheFolder)
        #expect(entries.count == 1)

        // A new reader (a later command) finds it: no recognition, the same text.
        let second = try reader(cache: true, cacheFolder: cacheFolder)
        #expect(try read(second, "order-01.half.jpg") == text)
        #expect(second.recognitions == 0)

        // It is the cache that answers: an entry edited on disk is what comes back.
        let entry = try #require(entries.first)
        var json = try String(contentsOfFile: entry, encoding: .utf8)
        json = json.replacingOccurrences(of: "订单编号", with: "CACHED-订单编号")
        try json.write(toFile: entry, atomically: true, encoding: .utf8)
        let third = try reader(cache: true, cacheFolder: cacheFolder)
        #expect(try read(third, "order-01.half.jpg")?.lines.contains { $0.contains("CACHED-订单编号") } == true)
        #expect(third.recognitions == 0)
    }

    @Test func corruptCacheEntryIsIgnoredAndReplaced() throws {
        let cacheFolder = dir.file("user-cache")
        let text = try #require(try read(reader(cache: true, cacheFolder: cacheFolder), "receipt-text.pdf"))
        let entry = try #require(try cacheEntries(cacheFolder).first)
        try Data("{\"format_version\": 1, \"key\": trunc".utf8).write(to: URL(fileURLWithPath: entry))
        let again = try reader(cache: true, cacheFolder: cacheFolder)
        #expect(try read(again, "receipt-text.pdf") == text)
        let repaired = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: entry))) as? [String: Any]
        #expect(repaired?["format_version"] as? Int == 1)
    }

    @Test func cacheOffWritesNothingAndRecognisesEachTime() throws {
        let cacheFolder = dir.file("user-cache")
        let reader = try reader(cache: false, cacheFolder: cacheFolder)
        let a = try read(reader, "chat-light-blue-01.half.jpg")
        let b = try read(reader, "chat-light-blue-01.half.jpg")
        #expect(a == b && a != nil)
        #expect(reader.recognitions == 2)
        #expect(!FileManager.default.fileExists(atPath: cacheFolder))
    }

    @Test func defaultCacheFolderFollowsXDGThenHome() {
        #expect(ReadCache(directory: nil, environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"])?.folder == "/x/cache/evidence/read-v1")
        #expect(ReadCache(directory: nil, environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"])?.folder == "/home/u/.cache/evidence/read-v1")
        #expect(ReadCache(directory: "/tmp/c", environment: ["HOME": "/home/u"])?.folder == "/tmp/c/read-v1")
        #expect(ReadCache(directory: nil, environment: [:]) == nil)
    }

    @Test func cacheKeyChangesWithContentAndRecipe() {
        let a = ReadCache.key(content: [1, 2, 3], recipe: "ocr=tesseract 5.3.0;data=aa")
        #expect(a == ReadCache.key(content: [1, 2, 3], recipe: "ocr=tesseract 5.3.0;data=aa"))
        #expect(a != ReadCache.key(content: [1, 2, 4], recipe: "ocr=tesseract 5.3.0;data=aa"))
        #expect(a != ReadCache.key(content: [1, 2, 3], recipe: "ocr=tesseract 5.3.0;data=bb"))
        #expect(a.count == 64)
    }

    @Test func cacheIsBoundedByEvictingTheLeastRecentlyUsed() throws {
        let cache = try #require(ReadCache(directory: dir.file("small-cache"), maxBytes: 4_000))
        let text = ReadText(source: .ocr, lines: [String(repeating: "订单编号 1234567890123456789 ", count: 20)], engine: "t", truncated: false)
        var keys: [String] = []
        for i in 0..<8 {
            let key = ReadCache.key(content: [UInt8(i)], recipe: "r")
            cache.store(text, key: key)
            keys.append(key)
            // Distinct, increasing use times (older entries first).
            var times = [timespec(tv_sec: 1_700_000_000 + i, tv_nsec: 0), timespec(tv_sec: 1_700_000_000 + i, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, cache.path(for: key), &times, 0) == 0)
        }
        cache.evictIfNeeded()
        let kept = keys.filter { FileManager.default.fileExists(atPath: cache.path(for: $0)) }
        #expect(!kept.isEmpty && kept.count < keys.count)
        #expect(kept == Array(keys.suffix(kept.count)))  // the newest survive
        let total = try cacheEntries(cache.folder).reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        #expect(total <= 4_000)
    }

    // MARK: Lines

    @Test func linesAreTrimmedAndChineseIsNotSpacedOut() {
        #expect(TextLines.normalise("  营 业 执 照 \n 订单编号   1234 5678 \n\n 实付款  ¥128.00\r\n11月07日 20:39\n收款方全称      福建山野茶业\n") ==
                ["营业执照", "订单编号 1234 5678", "实付款 ¥128.00", "11月07日 20:39", "收款方全称 福建山野茶业"])
    }

    func cacheEntries(_ folder: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.map { folder + "/" + $0 }
    }
}

/// Small PDFs written by hand (classic xref, one Helvetica font).
enum TestPDF {
    static func make(pages contents: [String]) -> String {
        var objects: [String] = []
        let pageIDs = contents.indices.map { 4 + 2 * $0 }
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(contents.count) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        for (i, content) in contents.enumerated() {
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents \(pageIDs[i] + 1) 0 R >>")
            objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
        }
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(format: "%010d 00000 n \n", offset) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out
    }
}

/// A PNG that is only a signature, an IHDR claiming `width`×`height` and a truncated IDAT.
enum TestPNG {
    static func header(width: UInt32, height: UInt32) -> [UInt8] {
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(UInt32(data.count)) + body + be32(crc32(body))
        }
        let ihdr = be32(width) + be32(height) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", [0x78, 0x9C, 0x63, 0x60]) + chunk("IEND", [])
    }
}
