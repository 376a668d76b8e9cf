@testable import EvidenceKit
import EvidenceTestSupport
import Foundation
import Testing

/// The export's parts in process: the built-in profiles and profile files, the description cut,
/// the letter's wording, and the HEIC decoder process against valid and hostile files.
@Suite struct ExportTests {
    @Test func theBuiltInProfilesCoverEveryChannelAndAreValid() throws {
        let profiles = ExportProfiles.builtIn
        #expect(profiles.profiles.map(\.id) == ExportProfiles.channels)
        for profile in profiles.profiles {
            #expect(profile.invalidField() == nil, "\(profile.id)")
            // Every number says where it comes from.
            for field in ["accepted_formats", "max_file_bytes", "max_pixels", "max_side", "max_files", "description_max_chars"] {
                #expect(profile.sources?[field]?.isEmpty == false, "\(profile.id).\(field)")
            }
        }
        #expect(profiles.profile("platform")?.output == .images)
        #expect(profiles.profile("court")?.letter == "court")
        #expect(profiles.profile("platform")?.accepts("image/heic") == false)
    }

    @Test func aProfileFileReplacesOneChannelAndKeepsTheOthers() throws {
        let dir = TemporaryDirectory("export-profiles")
        let file = dir.write("p.json", text: """
            {"format_version": "1", "profiles": [{"id": "12315", "label": {"zh": "甲", "en": "A"}, "output": "pdf",
              "accepted_formats": ["application/pdf"], "max_file_bytes": 2000000, "max_pixels": 1000000, "max_side": 1000,
              "max_files": 1, "description_max_chars": 300, "letter": "court"}]}
            """)
        let loaded = try ExportProfiles.load(file: file)
        #expect(loaded.profile("12315")?.maxFileBytes == 2_000_000)
        #expect(loaded.profile("12315")?.letter == "court")
        #expect(loaded.profile("platform") == ExportProfiles.builtIn.profile("platform"))
    }

    @Test(arguments: [
        ("{\"format_version\": \"1\", \"profiles\": [{\"id\": \"x\"}]}", "profiles[0].label"),
        ("{\"format_version\": \"2\", \"profiles\": []}", "format_version"),
        ("{\"format_version\": \"1\", \"profiles\": [{\"id\": \"x\", \"label\": {\"zh\": \"a\", \"en\": \"a\"}, \"output\": \"images\", \"accepted_formats\": [\"image/bmp\"], \"max_file_bytes\": 100000, \"max_pixels\": 100000, \"max_side\": 1000, \"max_files\": 1, \"description_max_chars\": 100}]}", "profiles[0].accepted_formats"),
        ("{\"format_version\": \"1\", \"profiles\": [{\"id\": \"x\", \"label\": {\"zh\": \"a\", \"en\": \"a\"}, \"output\": \"pdf\", \"accepted_formats\": [\"application/pdf\"], \"max_file_bytes\": 100000, \"max_pixels\": 100000, \"max_side\": 1000, \"max_files\": 1, \"description_max_chars\": 100, \"letter\": \"poem\"}]}", "profiles[0].letter"),
        ("{\"format_version\": \"1\", \"profiles\": [{\"id\": \"x\", \"label\": {\"zh\": \"a\", \"en\": \"a\"}, \"output\": \"video\", \"accepted_formats\": [], \"max_file_bytes\": 1, \"max_pixels\": 1, \"max_side\": 1, \"max_files\": 1, \"description_max_chars\": 1}]}", "profiles[0].output"),
    ])
    func aBadProfileFileNamesTheFileAndTheField(text: String, field: String) throws {
        let dir = TemporaryDirectory("export-profiles")
        let file = dir.write("bad.json", text: text)
        let error = try #require(throws: ExportError.self) { try ExportProfiles.load(file: file) }
        #expect(error.code == .profileInvalid)
        #expect(error.field == field)
        #expect(error.message.zh.contains(file) && error.message.en.contains(field))
    }

    @Test func theDescriptionIsCutAtTheLastSentenceThatFits() {
        #expect(Exporter.cut("短。", to: 20) == ("短。", false))
        #expect(Exporter.cut("左耳无声。充电仓有裂纹。联系客服三天未回复。", to: 14) == ("左耳无声。充电仓有裂纹。", true))
        #expect(Exporter.cut("abcdefghij", to: 4) == ("abcd", true))
    }

    @Test func lettersFillEveryPlaceholderOrDropTheSentence() {
        #expect(LetterTemplates.fill("实付{amount_paid}元。", ["amount_paid": "299.00"]) == "实付299.00元。")
        #expect(LetterTemplates.fill("实付{amount_paid}元。", [:]) == nil)
        let texts = LetterTemplates.builtIn
        for letter in ["complaint", "association", "court"] {
            for language in Language.allCases {
                let wording = texts.wording(letter, language)
                #expect(Set(wording.claims.keys) == Set(ComplaintCase.Claim.allCases.map(\.rawValue)), "\(letter) \(language)")
            }
        }
        #expect(texts.wording("court", .zh).title == "民事起诉状")
        #expect(texts.wording("complaint", .zh).title == "投诉书")
    }

    @Test func theLetterNamesTheMerchantFromItsEvidenceBeforeTheShop() throws {
        var complaint = PackFixtures.sampleCase(evidence: [])
        complaint.complainant = .init(name: "李四")
        let reading = ContentReading(source: .ocr, engine: "test", lineCount: 2, truncated: false, role: nil, facts: [
            Fact(kind: .merchantName, value: "深圳市某某科技有限公司", line: "企业名称：深圳市某某科技有限公司"),
            Fact(kind: .creditCode, value: "91440300MA5EXAMPLE", line: "统一社会信用代码：91440300MA5EXAMPLE"),
        ])
        let item = ExportItem(sequence: 1, role: .merchantInfo, originalName: "m.png", sourcePath: "data/01-m.png",
                              sha256: String(repeating: "a", count: 64), mimeType: "image/png", kind: .image, size: 1,
                              localPath: "/nonexistent", reading: reading, note: nil)
        let source = ExportSource(kind: .bundle, path: "b.zip", complaint: complaint, items: [item], bagDigest: nil)
        let letter = ComplaintLetter.make(source, template: "court", rules: try RuleSet.bundled(), language: .zh, date: "2026-11-10")
        #expect(letter.respondent == "深圳市某某科技有限公司")
        let text = letter.sections.flatMap { [$0.heading] + $0.paragraphs }.joined(separator: "\n")
        #expect(text.contains("被告") && text.contains("某某旗舰店") && text.contains("91440300MA5EXAMPLE"))
        #expect(text.contains("判令被告退还货款299.00元"))
        #expect(text.contains("李四"))
        #expect(letter.closing.contains("具状人：李四"))
    }

    static let helper = HEIFConversion(helper: CLI.productsFolder + "/evidence-heif-decode")

    @Test func theHelperDecodesAValidHEICToPNG() throws {
        let dir = TemporaryDirectory("export-heif")
        let png = try Self.helper.decode(fixturePath("check/photo.heic"), scratch: dir.path).get()
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let size = try #require(LeptImage.dimensions(png))
        #expect(size.width > 0 && size.height > 0)
    }

    @Test func tightLimitsEndTheHelperNotTheCaller() throws {
        let dir = TemporaryDirectory("export-heif")
        var tight = Self.helper
        tight.maxPixels = 16
        guard case .failure(let failure) = tight.decode(fixturePath("check/photo.heic"), scratch: dir.path) else {
            Issue.record("a 16-pixel limit must refuse the photo")
            return
        }
        #expect(failure.reason.contains("limit"))
        let missing = HEIFConversion(helper: dir.file("no-such-helper"))
        guard case .failure(let gone) = missing.decode(fixturePath("check/photo.heic"), scratch: dir.path) else {
            Issue.record("a missing helper must be a failure")
            return
        }
        #expect(gone.reason.contains("missing"))
    }

    @Test(.enabled(if: Repository.sharedCorpus != nil, "../shared/corpus is not beside the checkout"))
    func everyFileOfTheHEICCorpusEndsAsAnImageOrAFailureInTheHelper() throws {
        let corpus = try #require(Repository.sharedCorpus) + "/images/heic"
        let dir = TemporaryDirectory("export-heif")
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { !$0.hasSuffix(".txt") }.sorted()
        #expect(names.count >= 10)
        var decoded = 0, refused = 0
        for name in names {
            switch Self.helper.decode(corpus + "/" + name, scratch: dir.path) {
            case .success(let png):
                #expect(LeptImage.dimensions(png) != nil, "\(name)")
                decoded += 1
            case .failure(let failure):
                #expect(!failure.reason.isEmpty, "\(name)")
                refused += 1
            }
        }
        // The valid photos decode, the fuzz reproducers are refused (this process is still here).
        #expect(decoded >= 4, "decoded \(decoded), refused \(refused)")
        #expect(refused >= 5, "decoded \(decoded), refused \(refused)")
    }
}
