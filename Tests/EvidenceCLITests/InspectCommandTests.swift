import Foundation
import EvidenceTestSupport
import Testing

/// `evidence inspect` as a user and a script run it: exit codes, languages, JSON.
@Suite struct InspectCommandTests {
    let dir = TemporaryDirectory("inspect-cli")

    @Test func allGoodFilesExitZeroWithAReadableTable() throws {
        dir.write("case/订单截图.png", fixture("inspect/screenshot.png"))
        dir.write("case/photo.jpg", fixture("inspect/photo-exif.jpg"))
        let result = try CLI.run(["inspect", "--lang", "en", dir.path + "/case"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("订单截图.png"))
        #expect(result.stdout.contains("order-screenshot"))
        #expect(result.stdout.contains("2 file(s)"))
        #expect(result.stdout.contains("2 ok"))
    }

    @Test func aCorruptFileExitsOneAndSaysWhatToDo() throws {
        let png = fixture("inspect/screenshot.png")
        dir.write("case/cut.png", Array(png.dropLast(12)))
        let result = try CLI.run(["inspect", "--lang", "en", dir.path + "/case"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("png.corrupt"))
        #expect(result.stdout.contains("capture it again"))
    }

    @Test func chineseIsTheDefaultUnderAChineseLocale() throws {
        dir.write("a.png", fixture("inspect/screenshot.png"))
        let zh = try CLI.run(["inspect", dir.path + "/a.png"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.stdout.contains("状态"))
        #expect(zh.stdout.contains("正常"))
        let en = try CLI.run(["inspect", dir.path + "/a.png"], environment: ["LANG": "C.UTF-8"])
        #expect(en.stdout.contains("Status"))
        let forced = try CLI.run(["inspect", "--lang", "zh", dir.path + "/a.png"], environment: ["LANG": "C"])
        #expect(forced.stdout.contains("状态"))
    }

    @Test func jsonIsOneDocumentWithEveryFile() throws {
        dir.write("case/a.png", fixture("inspect/screenshot.png"))
        dir.write("case/b.pdf", fixture("inspect/receipt.pdf"))
        let result = try CLI.run(["inspect", "--json", dir.path + "/case"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.count == 2)
        #expect(files.map { $0["mime_type"] as? String } == ["image/png", "application/pdf"])
        #expect((files[0]["sha256"] as? String) == sha256Hex(fixture("inspect/screenshot.png")))
        #expect(result.stderr.isEmpty)
    }

    @Test func jsonOutputFollowsTheDocumentedSchema() throws {
        dir.write("case/a.png", fixture("inspect/screenshot.png"))
        dir.write("case/cut.jpg", Array(fixture("inspect/photo-exif.jpg").prefix(900)))
        dir.write("case/clip.mp4", fixture("inspect/clip.mp4"))
        dir.write("case/chat.txt", text: "你好\n")
        let result = try CLI.run(["inspect", "--json", dir.path + "/case"])
        let output = dir.write("out.json", Array(result.stdout.utf8))
        try expectSchemaValid("inspect.schema.json", [output])
    }

    @Test func aWebPPhotoExitsZeroWithItsSizeAndCaptureTimeInJSON() throws {
        dir.write("webp/商品图.webp", fixture("webp-gif/photo-exif.webp"))
        let result = try CLI.run(["inspect", "--json", dir.path + "/webp"])
        #expect(result.status == 0)
        let files = try #require(result.json["files"] as? [[String: Any]])
        #expect(files.count == 1)
        #expect(files[0]["mime_type"] as? String == "image/webp")
        #expect(files[0]["status"] as? String == "ok")
        #expect((files[0]["findings"] as? [Any])?.isEmpty == true)
        let metadata = try #require(files[0]["metadata"] as? [String: Any])
        #expect(metadata["width"] as? Int == 96 && metadata["height"] as? Int == 64)
        #expect(metadata["capture_time"] as? String == "2026-11-06T09:30:00+08:00")
        #expect(files[0]["sha256"] as? String == sha256Hex(fixture("webp-gif/photo-exif.webp")))
        try expectSchemaValid("inspect.schema.json", [dir.write("webp.json", Array(result.stdout.utf8))])
    }

    @Test func aDamagedGIFExitsOneAndSaysWhatToDo() throws {
        let gif = fixture("webp-gif/animated.gif")
        dir.write("gif/聊天截图.gif", Array(gif.prefix(gif.count / 2)))
        let result = try CLI.run(["inspect", "--lang", "en", dir.path + "/gif"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("gif.corrupt"))
        #expect(result.stdout.contains("Save the original again"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["inspect"]).status == 2)
        #expect(try CLI.run(["inspect", "--lang", "fr", "x"]).status == 2)
        #expect(try CLI.run(["inspect", "--bogus"]).status == 2)
    }

    @Test func aMissingPathIsNamed() throws {
        let result = try CLI.run(["inspect", "--lang", "en", dir.path + "/missing.jpg"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("missing.jpg"))
    }
}
