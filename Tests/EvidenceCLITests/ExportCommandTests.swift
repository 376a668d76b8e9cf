import EvidenceKit
import EvidenceTestSupport
import Foundation
import Testing

/// `evidence export` end to end: a case built here with HEIC, WebP, GIF, a large photo, a long
/// chat text and a PDF receipt, every sample, packed bundles (zip and unpacked) and a tampered
/// one. Platform files are decoded by Pillow (a third-party decoder: format, size, pixels, no
/// GPS left); the PDF is checked with qpdf --check, pdftotext, pdfinfo, and rendered with
/// pdftoppm into .build/test-artifacts/export/ for review; export.json against its schema.
@Suite struct ExportCommandTests {
    static let fixtures = CaseFolder.fixtures
    static let artifacts = Repository.path(".build/test-artifacts/export")

    /// One JSON object per file: Pillow's format, size, and how many GPS entries its EXIF holds.
    static let decode = """
        import sys, json
        from PIL import Image
        out = []
        for path in sys.argv[1:]:
            with Image.open(path) as img:
                img.load()
                out.append({"path": path, "format": img.format, "width": img.size[0], "height": img.size[1],
                            "gps": len(img.getexif().get_ifd(0x8825))})
        print(json.dumps(out))
        """

    /// A large photo (5000x4000, more pixels and bytes than the platform takes) with GPS in its EXIF.
    static let bigPhoto = """
        import sys
        from PIL import Image
        img = Image.linear_gradient("L").resize((5000, 4000)).convert("RGB")
        exif = Image.Exif()
        exif.get_ifd(0x8825).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 50.0)})
        img.save(sys.argv[1], quality=95, exif=exif)
        """

    static func python(_ script: String, _ arguments: [String]) throws -> ProcessResult {
        let python = try #require(PythonTools.python, "the pinned venv (make venv) is needed")
        return try ProcessRunner.run(python, ["-c", script] + arguments)
    }

    /// A case with every kind the export converts: screenshot PNG, HEIC, WebP with GPS, animated
    /// GIF, a 5000x4000 JPEG with GPS, a chat export of 400 lines and a PDF receipt.
    static func richCase(_ dir: TemporaryDirectory, extraItems: String = "", extraFiles: [(String, [UInt8])] = []) throws -> String {
        let copies = [("screenshot.png", "订单截图.png"), ("photo.heic", "实物.heic"), ("document.pdf", "支付回单.pdf")]
        for (fixture, name) in copies {
            try FileManager.default.copyItem(atPath: fixtures + "/" + fixture, toPath: dir.file(name))
        }
        let webpGif = (fixtures as NSString).deletingLastPathComponent + "/webp-gif"
        try FileManager.default.copyItem(atPath: webpGif + "/photo-exif.webp", toPath: dir.file("细节.webp"))
        try FileManager.default.copyItem(atPath: webpGif + "/animated.gif", toPath: dir.file("动图.gif"))
        let big = try python(bigPhoto, [dir.file("大图.jpg")])
        #expect(big.status == 0, "\(big.output)")
        var chat = ""
        for line in 1...400 { chat += "2026-11-06 10:\(String(format: "%02d", line % 60)) 买家：第\(line)条消息，左耳机没有声音，请尽快处理。\n" }
        dir.write("聊天记录.txt", text: chat)
        for (name, bytes) in extraFiles { dir.write(name, bytes) }
        let yaml = """
            platform: taobao
            category: quality
            order_id: "3712345678901234567"
            shop: 某某数码旗舰店
            item: 蓝牙耳机
            amount_paid: "299.00"
            ordered_at: 2026-11-01
            received_at: 2026-11-05
            found_at: 2026-11-06
            claim: refund
            description: 左耳无声，充电仓有裂纹，联系客服三天未回复。
            complainant:
              name: 张三
              phone: "13800000000"
            evidence:
              - file: 订单截图.png
                role: order-screenshot
              - file: 实物.heic
                role: product-photo
                note: 左耳机无声音
              - file: 细节.webp
                role: product-photo
              - file: 动图.gif
                role: product-photo
              - file: 大图.jpg
                role: product-photo
              - file: 聊天记录.txt
                role: chat-record
              - file: 支付回单.pdf
                role: payment-receipt

            """
        return dir.write("case.yaml", text: yaml + extraItems)
    }

    static func exportJSON(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/export.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Checks every platform image with Pillow against the profile's limits; returns the files.
    static func expectPlatformFiles(_ folder: String, maxBytes: Int = 500_000, maxSide: Int = 2048, maxPixels: Int = 4_000_000,
                                    sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let report = try exportJSON(folder)
        let files = try #require(report["files"] as? [[String: Any]])
        let images = files.filter { ($0["mime_type"] as? String)?.hasPrefix("image/") == true }
        let paths = images.map { folder + "/" + ($0["name"] as! String) }
        #expect(!paths.isEmpty, sourceLocation: sourceLocation)
        let decoded = try python(decode, paths)
        #expect(decoded.status == 0, "\(decoded.output)", sourceLocation: sourceLocation)
        let results = try #require(try JSONSerialization.jsonObject(with: decoded.stdoutData) as? [[String: Any]])
        #expect(results.count == paths.count, sourceLocation: sourceLocation)
        for result in results {
            let path = result["path"] as! String
            let width = result["width"] as! Int, height = result["height"] as! Int
            #expect(["JPEG", "PNG", "GIF"].contains(result["format"] as! String), "\(path)", sourceLocation: sourceLocation)
            #expect(width <= maxSide && height <= maxSide && width * height <= maxPixels, "\(path): \(width)x\(height)", sourceLocation: sourceLocation)
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
            #expect(size <= maxBytes, "\(path): \(size) bytes", sourceLocation: sourceLocation)
            #expect(result["gps"] as! Int == 0, "\(path) still has GPS", sourceLocation: sourceLocation)
        }
        return images
    }

    static func pdfText(_ pdf: String) throws -> String {
        let text = try ProcessRunner.run("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"])
        #expect(text.status == 0, "\(text.stderr)")
        return text.stdout
    }

    static func pdfPages(_ pdf: String) throws -> Int {
        let info = try ProcessRunner.run("/usr/bin/pdfinfo", [pdf])
        #expect(info.status == 0, "\(info.stderr)")
        let line = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? 0
    }

    /// Renders the first pages into .build/test-artifacts/export/NAME-*.png for review.
    static func saveRendering(_ pdf: String, as name: String, pages: Int = 4) throws {
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        let render = try ProcessRunner.run("/usr/bin/pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", String(pages), pdf, artifacts + "/" + name])
        #expect(render.status == 0, "\(render.stderr)")
        let made = try FileManager.default.contentsOfDirectory(atPath: artifacts).filter { $0.hasPrefix(name + "-") && $0.hasSuffix(".png") }
        #expect(!made.isEmpty)
    }

    @Test func platformExportOfABuiltCaseGivesDecodableImagesWithinTheLimitsWithoutGPS() throws {
        let dir = TemporaryDirectory("export-platform")
        let casePath = try Self.richCase(dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: dir.file("大图.jpg")))
        let out = dir.file("上传")
        let run = try CLI.run(["export", casePath, "--for", "platform", "-o", out, "--lang", "zh", "--no-ocr"])
        #expect(run.status == 0, "\(run.output)")
        let images = try Self.expectPlatformFiles(out)
        let names = images.map { $0["name"] as! String }
        // Evidence-list order, named from the role's Chinese title.
        // Screenshots stay PNG, photos become JPEG (HEIC and WebP converted), the GIF is kept.
        #expect(names == ["01-订单截图.png", "02-商品照片.jpg", "03-商品照片.jpg", "04-商品照片.gif", "05-商品照片.jpg"])
        let sources = images.map { (($0["sources"] as! [[String: Any]])[0]["transforms"] as! [[String: Any]]).map { $0["kind"] as! String } }
        #expect(sources[1].contains("converted"), "HEIC converted: \(sources[1])")
        #expect(sources[2].contains("converted"), "WebP converted: \(sources[2])")
        #expect(sources[4].contains("scaled"), "big photo scaled: \(sources[4])")
        let converted = (((images[1]["sources"] as! [[String: Any]])[0]["transforms"] as! [[String: Any]]).first { $0["kind"] as? String == "converted" })
        #expect(converted?["from"] as? String == "image/heic")
        // The originals are untouched; the description names the order and fits.
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.file("大图.jpg"))) == before)
        let description = try String(contentsOfFile: out + "/说明.txt", encoding: .utf8)
        #expect(description.contains("3712345678901234567"))
        #expect(description.contains("左耳无声，充电仓有裂纹，联系客服三天未回复。"))
        // The chat text and the PDF are not images: findings, not files.
        let report = try Self.exportJSON(out)
        let codes = (report["findings"] as! [[String: Any]]).map { $0["code"] as! String }
        #expect(codes.filter { $0 == "export.not-uploadable" }.count == 2, "\(codes)")
        #expect(report["source_kind"] as? String == "case")
        try expectSchemaValid("export.schema.json", [out + "/export.json"])
        // No temporary folder is left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".上传.export-") }.isEmpty)
    }

    @Test func keepLocationKeepsGPSInPhotosCopiedAsTheyAre() throws {
        let dir = TemporaryDirectory("export-keep")
        let sample = Repository.samples + "/quality-earbuds"
        let out = dir.file("kept"), stripped = dir.file("stripped")
        let kept = try CLI.run(["export", sample, "--for", "platform", "-o", out, "--keep-location", "--no-ocr"])
        #expect(kept.status == 0, "\(kept.output)")
        let plain = try CLI.run(["export", sample, "--for", "platform", "-o", stripped, "--no-ocr"])
        #expect(plain.status == 0, "\(plain.output)")
        let keptFiles = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".jpg") }.sorted()
        let decoded = try Self.python(Self.decode, keptFiles.map { out + "/" + $0 })
        let results = try #require(try JSONSerialization.jsonObject(with: decoded.stdoutData) as? [[String: Any]])
        #expect(results.contains { ($0["gps"] as? Int ?? 0) > 0 }, "the sample's photos carry GPS; --keep-location keeps it: \(decoded.output)")
        _ = try Self.expectPlatformFiles(stripped)
        #expect(try Self.exportJSON(out)["kept_location"] as? Bool == true)
    }

    @Test func pdfExportOfABuiltCaseHasTheLetterTheListAndEveryItem() throws {
        let dir = TemporaryDirectory("export-12315")
        let casePath = try Self.richCase(dir)
        let out = dir.file("12315")
        let run = try CLI.run(["export", casePath, "--for", "12315", "-o", out, "--lang", "zh", "--no-ocr", "--date", "2026-11-10"])
        #expect(run.status == 0, "\(run.output)")
        let pdf = out + "/证据材料.pdf"
        let check = try ProcessRunner.run("/usr/bin/qpdf", ["--check", pdf])
        #expect(check.status == 0, "\(check.output)")
        let text = try Self.pdfText(pdf)
        for needle in ["投诉书", "3712345678901234567", "某某数码旗舰店", "张三", "证据目录", "订单截图", "商品照片", "聊天记录", "支付凭证",
                       "第400条消息", "未打包"] {
            #expect(text.contains(needle), "pdftotext finds \(needle)")
        }
        let report = try Self.exportJSON(out)
        let file = try #require((report["files"] as? [[String: Any]])?.first { $0["name"] as? String == "证据材料.pdf" })
        let pages = try Self.pdfPages(pdf)
        #expect(pages == file["pages"] as? Int)
        // Letter + list + at least one page per item (7), the long chat more than one.
        #expect(pages >= 2 + 7 + 1, "\(pages) pages")
        let sources = try #require(file["sources"] as? [[String: Any]])
        #expect(sources.count == 7)
        #expect(sources.allSatisfy { !($0["pages"] as? [Int] ?? []).isEmpty })
        try expectSchemaValid("export.schema.json", [out + "/export.json"])
        try Self.saveRendering(pdf, as: "built-case-12315")
    }

    @Test func courtExportFromAPackedBundleCarriesTheBagDigestOnTheStatementOfClaim() throws {
        let dir = TemporaryDirectory("export-court")
        let bundle = dir.file("证据包.zip")
        let pack = try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", bundle, "--json", "--no-ocr"],
                               environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        #expect(pack.status == 0, "\(pack.output)")
        let digest = try #require(pack.json["tag_manifest_sha256"] as? String)
        let out = dir.file("court")
        let run = try CLI.run(["export", bundle, "--for", "court", "-o", out, "--lang", "zh", "--json"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.json["bag_digest"] as? String == digest)
        #expect(run.json["exit_code"] as? Int == 0)
        let pdf = out + "/证据材料.pdf"
        #expect(try ProcessRunner.run("/usr/bin/qpdf", ["--check", pdf]).status == 0)
        let text = try Self.pdfText(pdf)
        // The sample's chat export is GB18030 (as 旺旺 writes it): typeset as text, not mojibake.
        for needle in ["民事起诉状", "原告", "被告", "诉讼请求", "3712345678901234567", "某某数码旗舰店", digest, "订单截图", "商品照片",
                       "聊天记录", "支付凭证", "充电仓也有裂纹"] {
            #expect(text.contains(needle), "pdftotext finds \(needle)")
        }
        let sources = try #require(((run.json["files"] as? [[String: Any]])?.first)?["sources"] as? [[String: Any]])
        #expect(sources.allSatisfy { ($0["path"] as? String)?.hasPrefix("data/") == true })
        #expect(try Self.pdfPages(pdf) >= 2 + sources.count)
        try Self.saveRendering(pdf, as: "quality-earbuds-court", pages: 3)
        let json = dir.write("export-stdout.json", run.stdoutData.map { $0 })
        try expectSchemaValid("export.schema.json", [json, out + "/export.json"])
    }

    @Test func aBundleThatFailsVerifyIsRefused() throws {
        let dir = TemporaryDirectory("export-tampered")
        let bundle = dir.file("b.zip")
        let pack = try CLI.run(["pack", Repository.samples + "/quality-earbuds", "-o", bundle, "--no-ocr"])
        #expect(pack.status == 0, "\(pack.output)")
        let unzip = try ProcessRunner.run("/usr/bin/unzip", ["-q", bundle, "-d", dir.file("bag")])
        #expect(unzip.status == 0, "\(unzip.output)")
        let bag = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.file("bag")).first.map { dir.file("bag/" + $0) })
        // The unpacked bag exports; after one payload byte changes it is refused (exit 1), nothing written.
        let good = try CLI.run(["export", bag, "--for", "12315", "-o", dir.file("ok"), "--json"])
        #expect(good.status == 0, "\(good.output)")
        let payload = try #require(try FileManager.default.contentsOfDirectory(atPath: bag + "/data").first { $0.hasSuffix(".txt") })
        let handle = try #require(FileHandle(forUpdatingAtPath: bag + "/data/" + payload))
        handle.write(Data("X".utf8))
        try handle.close()
        let refused = try CLI.run(["export", bag, "--for", "12315", "-o", dir.file("refused")])
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.stderr.contains("fails verification"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("refused")))
    }

    @Test func aHostileHEICBecomesAFindingAndTheRestIsExported() throws {
        let dir = TemporaryDirectory("export-hostile")
        // The fixture HEIC with its primary-item reference pointing nowhere: the container looks
        // intact (check accepts it), libheif refuses it in the helper process.
        var heic = fixture("check/photo.heic")
        let pitm = try #require(Self.find(Array("pitm".utf8), in: heic))
        heic[pitm + 8] = 0
        heic[pitm + 9] = 77
        let casePath = try Self.richCase(dir, extraItems: "  - file: 坏图.heic\n    role: product-photo\n", extraFiles: [("坏图.heic", heic)])
        let out = dir.file("out")
        let run = try CLI.run(["export", casePath, "--for", "platform", "-o", out, "--no-ocr", "--json"])
        #expect(run.status == 0, "\(run.output)")
        let findings = try #require(run.json["findings"] as? [[String: Any]])
        let heicFinding = findings.first { $0["code"] as? String == "export.heic-not-converted" }
        #expect(heicFinding?["sequence"] as? Int == 8, "\(findings)")
        #expect(((heicFinding?["message"] as? [String: Any])?["en"] as? String ?? "").contains("save a JPEG copy on the phone"))
        let images = try Self.expectPlatformFiles(out)
        #expect(images.count == 5)
        let pdfRun = try CLI.run(["export", casePath, "--for", "12315", "-o", dir.file("pdf"), "--no-ocr"])
        #expect(pdfRun.status == 0, "\(pdfRun.output)")
        #expect(pdfRun.stderr.contains("坏图.heic"))
        #expect(try ProcessRunner.run("/usr/bin/qpdf", ["--check", dir.file("pdf/evidence.pdf")]).status == 0)
    }

    /// The libheif fuzz reproducers are judged corrupt by the check before anything is decoded:
    /// the export is refused with exit 1 naming the file (never a crash, nothing written).
    @Test(.enabled(if: Repository.sharedCorpus != nil, "../shared/corpus is not beside the checkout"))
    func theCorpusFuzzFilesAreRefusedAsCorruptEvidence() throws {
        let corpus = try #require(Repository.sharedCorpus) + "/images/heic"
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasPrefix("libheif_fuzz_") }.sorted()
        #expect(names.count >= 10)
        for name in names {
            let dir = TemporaryDirectory("export-fuzz")
            try FileManager.default.copyItem(atPath: corpus + "/" + name, toPath: dir.file("photo.heic"))
            let casePath = dir.write("case.yaml", text: "category: quality\nevidence:\n  - file: photo.heic\n    role: product-photo\n")
            let run = try CLI.run(["export", casePath, "--for", "platform", "-o", dir.file("out"), "--no-ocr", "--force"])
            #expect(run.status == 1, "\(name): \(run.output)")
            #expect(run.stderr.contains("photo.heic"), "\(name)")
            #expect(!FileManager.default.fileExists(atPath: dir.file("out")), "\(name)")
        }
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle }
    }

    @Test func incompleteCasesExitThreeUnlessForced() throws {
        let dir = TemporaryDirectory("export-incomplete")
        try FileManager.default.copyItem(atPath: Self.fixtures + "/photo-a.jpg", toPath: dir.file("a.jpg"))
        let casePath = dir.write("case.yaml", text: "category: quality\norder_id: \"3712345678901234567\"\nevidence:\n  - file: a.jpg\n    role: product-photo\n")
        let refused = try CLI.run(["export", casePath, "--for", "12315", "-o", dir.file("out"), "--no-ocr"])
        #expect(refused.status == 3, "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
        let forced = try CLI.run(["export", casePath, "--for", "12315", "-o", dir.file("out"), "--no-ocr", "--force"])
        #expect(forced.status == 0, "\(forced.output)")
        // An existing, non-empty output folder is not replaced without --force (usage, exit 2).
        let again = try CLI.run(["export", casePath, "--for", "12315", "-o", dir.file("out"), "--no-ocr"])
        #expect(again.status == 2, "\(again.output)")
    }

    @Test func aProfileFileOverridesTheDefaultsAndABadOneNamesTheField() throws {
        let dir = TemporaryDirectory("export-profile")
        let casePath = try Self.richCase(dir)
        let profile = """
            {"format_version": "1", "profiles": [{"id": "platform", "label": {"zh": "测试", "en": "test"}, "output": "images",
              "accepted_formats": ["image/jpeg"], "max_file_bytes": 60000, "max_pixels": 250000, "max_side": 400, "max_files": 3,
              "max_video_bytes": 1000, "description_max_chars": 20}]}
            """
        let file = dir.write("profile.json", text: profile)
        let out = dir.file("small")
        let run = try CLI.run(["export", casePath, "--for", "platform", "-o", out, "--profile", file, "--lang", "zh", "--no-ocr"])
        #expect(run.status == 0, "\(run.output)")
        let images = try Self.expectPlatformFiles(out, maxBytes: 60_000, maxSide: 400, maxPixels: 250_000)
        #expect(images.allSatisfy { $0["mime_type"] as? String == "image/jpeg" })
        let report = try Self.exportJSON(out)
        #expect(report["profile_source"] as? String == file)
        let codes = (report["findings"] as! [[String: Any]]).map { $0["code"] as! String }
        #expect(codes.contains("export.too-many-files"))
        #expect(codes.contains("export.description-cut"))
        let description = try String(contentsOfFile: out + "/说明.txt", encoding: .utf8)
        #expect(description.contains("左耳无声，充电仓有裂纹，") && !description.contains("联系客服三天未回复。\n"))
        let bad = dir.write("bad.json", text: profile.replacingOccurrences(of: "\"max_side\": 400", with: "\"max_side\": \"big\""))
        let refused = try CLI.run(["export", casePath, "--for", "platform", "-o", dir.file("never"), "--profile", bad])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("bad.json") && refused.stderr.contains("profiles[0].max_side"), "\(refused.stderr)")
    }

    @Test(arguments: ["quality-earbuds", "not-as-described-jacket", "counterfeit-sneakers", "missing-items-charger", "logistics-lost-parcel",
                      "order-status-intercept", "price-fraud-blender", "shipping-delay-lamp"])
    func everySampleExportsForThePlatformAndTheRegulator(sample: String) throws {
        let dir = TemporaryDirectory("export-sample")
        let casePath = Repository.samples + "/" + sample
        let platform = try CLI.run(["export", casePath, "--for", "platform", "-o", dir.file("p"), "--lang", "zh", "--force"])
        #expect(platform.status == 0, "\(platform.output)")
        _ = try Self.expectPlatformFiles(dir.file("p"))
        let regulator = try CLI.run(["export", casePath, "--for", "12315", "-o", dir.file("r"), "--lang", "zh", "--force"])
        #expect(regulator.status == 0, "\(regulator.output)")
        let pdf = dir.file("r/证据材料.pdf")
        #expect(try ProcessRunner.run("/usr/bin/qpdf", ["--check", pdf]).status == 0)
        let report = try Self.exportJSON(dir.file("r"))
        let sources = try #require(((report["files"] as? [[String: Any]])?.first)?["sources"] as? [[String: Any]])
        #expect(try Self.pdfPages(pdf) >= 2 + sources.count)
        let text = try Self.pdfText(pdf)
        #expect(text.contains("证据目录"))
        if let order = report["order_id"] as? String { #expect(text.contains(order)) }
        try expectSchemaValid("export.schema.json", [dir.file("p/export.json"), dir.file("r/export.json")])
        if sample == "quality-earbuds" { try Self.saveRendering(pdf, as: "sample-\(sample)", pages: 2) }
    }
}
