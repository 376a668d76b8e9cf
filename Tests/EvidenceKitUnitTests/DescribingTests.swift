import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Inspection without libmagic's description (what the human reports use: they never show it)
/// must reach the same verdict on every file; only `description` differs.
@Suite struct DescribingTests {
    let dir = TemporaryDirectory("describing")

    /// Real files of every checked kind, sound and damaged, plus a script and a text file.
    private func folder() -> String {
        let jpeg = fixture("inspect/photo-exif.jpg")
        dir.write("photo.jpg", jpeg)
        dir.write("cut.jpg", Array(jpeg.prefix(jpeg.count / 2)))
        dir.write("screenshot.png", fixture("inspect/screenshot.png"))
        dir.write("receipt.pdf", fixture("inspect/receipt.pdf"))
        dir.write("invoice.ofd", fixture("inspect/helloworld.ofd"))
        dir.write("clip.mp4", fixture("inspect/clip.mp4"))
        dir.write("photo.heif", fixture("inspect/hopper.heif"))
        dir.write("聊天记录.txt", text: "2026-11-06 买家：左耳没有声音。\n")
        dir.write("run.sh", text: "#!/bin/sh\necho hello\n")
        dir.write("photo-really-a-pdf.jpg", fixture("inspect/receipt.pdf"))
        return dir.path
    }

    @Test func everyVerdictIsTheSameWithoutTheDescription() throws {
        let path = folder()
        let described = try Inspection.inspect(paths: [path])
        let plain = try Inspection.inspect(paths: [path], describing: false)
        #expect(described.count == 10 && plain.count == described.count)
        for (a, b) in zip(described, plain) {
            #expect(a.path == b.path)
            #expect(!a.description.isEmpty, "\(a.path)")
            #expect(b.description.isEmpty, "\(b.path)")
            var same = b
            same.description = a.description
            #expect(same == a, "\(a.path)")
        }
        // The set covers what matters: damage, an unacceptable script, a type mismatch.
        #expect(plain.contains { $0.status == .corrupt })
        #expect(plain.contains { $0.status == .unacceptable })
        #expect(plain.contains { $0.findings.contains { $0.code == "type.extension-mismatch" } })
    }

    /// `--json` outputs carry the description; the human reports, which skip it, are unchanged.
    @Test func jsonOutputsStillDescribe() throws {
        let path = folder()
        let json = try CLI.run(["inspect", path, "--json"])
        let files = try #require(json.json["files"] as? [[String: Any]], "\(json.stdout)")
        #expect(files.count == 10)
        #expect(files.allSatisfy { !(($0["description"] as? String) ?? "").isEmpty }, "\(json.stdout)")
        let png = try #require(files.first { ($0["name"] as? String) == "screenshot.png" })
        #expect((png["description"] as? String)?.hasPrefix("PNG image data") == true, "\(png)")

        let human = try CLI.run(["inspect", path, "--lang", "en"])
        #expect(human.stdout.contains("screenshot.png") && !human.stdout.contains("PNG image data"), "\(human.stdout)")
    }
}
