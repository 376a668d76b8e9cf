import Foundation
import EvidenceTestSupport
import Testing

/// `evidence inspect` on images whose metadata raises credibility flags: the codes and the
/// record in `--json` (valid against the schema), warnings that never change the exit code.
@Suite struct CredibilityCLITests {
    let dir = TemporaryDirectory("credibility-cli")
    typealias F = CredibilityFixtures

    func writeFolder() {
        dir.write("case/修图.jpg", F.jpeg(width: 640, height: 480, segments: [F.exifAPP1([(0x0131, "美图秀秀")])]))
        dir.write("case/ai.png", F.png(fixture("inspect/screenshot.png"), inserting: [F.pngITXt(
            keyword: "XML:com.adobe.xmp",
            F.xmp(namespaces: [("TC260", F.tc260)], elements: "<TC260:AIGC>\(F.aigcJSON(producer: "doubao"))</TC260:AIGC>"))]))
        dir.write("case/signed.jpg", F.jpeg(width: 640, height: 480, segments: [
            F.exifAPP1([(0x010F, "Google"), (0x0110, "Pixel 10"), (0x0131, "HDR+ 1.0.741")]), F.jumbfAPP11(F.jumbf())]))
        dir.write("case/微信图片_20261106203901.jpg", F.jpeg(width: 1280, height: 960))
        dir.write("case/订单截图.png", fixture("inspect/screenshot.png"))
    }

    @Test func inspectJSONShowsTheCodesAndTheRecord() throws {
        writeFolder()
        let result = try CLI.run(["inspect", "--json", dir.path + "/case"])
        #expect(result.status == 0, "\(result.stderr)")  // flags never refuse a file
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        var byName: [String: (codes: [String], metadata: [String: Any])] = [:]
        for file in files {
            let codes = (file["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            byName[file["name"] as? String ?? ""] = (codes, file["metadata"] as? [String: Any] ?? [:])
            #expect(file["status"] as? String == "ok")
        }
        #expect(byName["修图.jpg"]?.codes == ["credibility.edited"])
        #expect(byName["修图.jpg"]?.metadata["edited_with"] as? String == "美图秀秀 (Meitu)")
        #expect(byName["ai.png"]?.codes == ["credibility.aigc-label"])
        #expect((byName["ai.png"]?.metadata["aigc_label"] as? [String: Any])?["content_producer"] as? String == "doubao")
        #expect(byName["signed.jpg"]?.codes == ["credibility.c2pa-present"])
        #expect(byName["signed.jpg"]?.metadata["c2pa_manifest"] as? Bool == true)
        #expect(byName["微信图片_20261106203901.jpg"]?.codes == ["credibility.metadata-stripped"])
        #expect(byName["订单截图.png"]?.codes == [])
        try expectSchemaValid("inspect.schema.json", [dir.write("inspect.json", text: result.stdout)])
    }

    @Test func theHumanReportSaysWhatToSendInstead() throws {
        writeFolder()
        let en = try CLI.run(["inspect", "--lang", "en", dir.path + "/case"])
        #expect(en.status == 0)
        #expect(en.stdout.contains("credibility.edited") && en.stdout.contains("美图秀秀"))
        #expect(en.stdout.contains("unedited original"))
        let zh = try CLI.run(["inspect", "--lang", "zh", dir.path + "/case"])
        #expect(zh.stdout.contains("GB 45438-2025") && zh.stdout.contains("原图"))
    }
}
