import EvidenceKit
import EvidenceTestSupport
import Foundation
import Testing

/// `evidence export` of phone photos stored sideways, checked against a third party: Pillow writes
/// each JPEG with its EXIF Orientation (1...8) and says, with `ImageOps.exif_transpose`, how a
/// viewer honouring the tag shows it; the exported files must look like that with no tag at all.
@Suite struct ExportOrientationCommandTests {
    /// Writes o1.jpg ... o8.jpg into argv[1]: the scene (20x60, blue, a red 8x8 block top left)
    /// stored the way a camera stores it for each orientation, tagged with it.
    static let make = """
        import sys
        from PIL import Image
        T = Image.Transpose
        upright = Image.new("RGB", (20, 60), (20, 20, 230))
        upright.paste((230, 20, 20), (0, 0, 8, 8))
        # The inverse of what a viewer does for each tag (exif_transpose: 6 -> ROTATE_270, 8 -> ROTATE_90).
        stored = {1: None, 2: T.FLIP_LEFT_RIGHT, 3: T.ROTATE_180, 4: T.FLIP_TOP_BOTTOM, 5: T.TRANSPOSE,
                  6: T.ROTATE_90, 7: T.TRANSVERSE, 8: T.ROTATE_270}
        for o, op in stored.items():
            img = upright if op is None else upright.transpose(op)
            exif = Image.Exif()
            exif[0x0112] = o
            img.save(f"{sys.argv[1]}/o{o}.jpg", quality=95, exif=exif)
        """

    /// For each path: its size and four corner colours as shown by a viewer honouring the tag
    /// (exif_transpose), the corners of the stored pixels (a viewer ignoring it), and the tag.
    static let look = """
        import sys, json
        from PIL import Image, ImageOps
        def name(p):
            r, g, b = p[:3]
            return "red" if r > 150 and g < 100 and b < 100 else "blue" if b > 150 and r < 100 and g < 100 else f"rgb{p}"
        out = []
        for path in sys.argv[1:]:
            with Image.open(path) as img:
                tag = img.getexif().get(0x0112)
                def corners(im):
                    w, h = im.size
                    return [name(im.getpixel(xy)) for xy in [(3, 3), (w - 4, 3), (3, h - 4), (w - 4, h - 4)]]
                shown = ImageOps.exif_transpose(img).convert("RGB")
                out.append({"size": list(shown.size), "corners": corners(shown), "raw_size": list(img.size),
                            "raw_corners": corners(img.convert("RGB")), "tag": tag})
        print(json.dumps(out))
        """

    static func look(_ paths: [String]) throws -> [[String: Any]] {
        let run = try ExportCommandTests.python(look, paths)
        #expect(run.status == 0, "\(run.output)")
        return try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [[String: Any]])
    }

    @Test func everyOrientationIsExportedUprightWithoutATagAndRecorded() throws {
        let dir = TemporaryDirectory("export-orient-cli")
        let made = try ExportCommandTests.python(Self.make, [dir.path])
        #expect(made.status == 0, "\(made.output)")
        var yaml = "category: quality\norder_id: \"3712345678901234567\"\nreceived_at: 2026-11-05\nevidence:\n"
        for o in 1...8 { yaml += "  - file: o\(o).jpg\n    role: product-photo\n" }
        let casePath = dir.write("case.yaml", text: yaml)
        let sources = try Self.look((1...8).map { dir.file("o\($0).jpg") })
        let upright = ["red", "blue", "blue", "blue"]
        // Pillow's view of the sources: the scene upright, whatever the stored layout.
        #expect(sources.allSatisfy { $0["size"] as? [Int] == [20, 60] && $0["corners"] as? [String] == upright }, "\(sources)")
        let out = dir.file("上传")
        let run = try CLI.run(["export", casePath, "--for", "platform", "-o", out, "--no-ocr", "--force", "--lang", "en"])
        #expect(run.status == 0, "\(run.output)")
        let report = try ExportCommandTests.exportJSON(out)
        let files = try #require(report["files"] as? [[String: Any]]).filter { ($0["mime_type"] as? String)?.hasPrefix("image/") == true }
        #expect(files.count == 8)
        let exported = try Self.look(files.map { out + "/" + ($0["name"] as! String) })
        for (index, (file, shown)) in zip(files, exported).enumerated() {
            let o = index + 1
            #expect(shown["size"] as? [Int] == [20, 60], "o\(o): \(shown)")
            #expect(shown["corners"] as? [String] == upright, "o\(o): \(shown)")
            if o != 1 {
                // Turned in the pixels themselves: a viewer or form that ignores EXIF shows it upright too.
                #expect(shown["raw_size"] as? [Int] == [20, 60] && shown["raw_corners"] as? [String] == upright, "o\(o): \(shown)")
            }
            #expect([file["width"] as? Int, file["height"] as? Int] == [20, 60], "o\(o): export.json size")
            let steps = ((file["sources"] as? [[String: Any]])?.first?["transforms"] as? [[String: Any]]) ?? []
            let rotated = steps.filter { $0["kind"] as? String == "rotated" }
            if o == 1 {
                // Upright and within the limits: copied as it is, its tag (1) kept.
                #expect(rotated.isEmpty, "o1: \(steps)")
                #expect(shown["tag"] as? Int == 1)
            } else {
                #expect(rotated.count == 1 && rotated.first?["from"] as? String == "exif-orientation-\(o)"
                        && rotated.first?["to"] as? String == "upright", "o\(o): \(steps)")
                #expect(shown["tag"] == nil || shown["tag"] is NSNull, "o\(o) re-encoded without a tag: \(shown)")
            }
        }
        try expectSchemaValid("export.schema.json", [out + "/export.json"])

        // The PDF channel: every embedded photo (extracted by poppler's pdfimages) is upright.
        let pdfFolder = dir.file("12315")
        let pdf = try CLI.run(["export", casePath, "--for", "12315", "-o", pdfFolder, "--no-ocr", "--force", "--lang", "en", "--date", "2026-11-10"])
        #expect(pdf.status == 0, "\(pdf.output)")
        let extracted = dir.file("extracted")
        try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
        let images = try ProcessRunner.run("/usr/bin/pdfimages", ["-all", pdfFolder + "/evidence.pdf", extracted + "/img"])
        #expect(images.status == 0, "\(images.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: extracted).sorted().map { extracted + "/" + $0 }
        #expect(pages.count == 8, "\(pages)")
        let embedded = try Self.look(pages)
        #expect(embedded.allSatisfy { $0["raw_size"] as? [Int] == [20, 60] && $0["raw_corners"] as? [String] == upright }, "\(embedded)")
        let pdfReport = try ExportCommandTests.exportJSON(pdfFolder)
        let items = try #require((pdfReport["files"] as? [[String: Any]])?.first?["sources"] as? [[String: Any]])
        let turned = items.map { (($0["transforms"] as? [[String: Any]]) ?? []).filter { $0["kind"] as? String == "rotated" }.count }
        #expect(turned == [0, 1, 1, 1, 1, 1, 1, 1], "\(items)")
    }
}
