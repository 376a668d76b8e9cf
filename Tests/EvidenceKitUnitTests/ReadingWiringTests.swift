import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// What the reading feeds downstream, with readings built as the reading pass builds them on
/// real files: `init`'s filled case file, `evidence.json`'s per-item record, and `verify
/// --read`'s comparison and bounded extraction.
@Suite(.serialized) struct ReadingWiringTests {
    static let orderName = "Screenshot_20261105-203312_Taobao.png"
    static let logisticsName = "1699012345678.pdf"

    static let orderReading = ContentReading(
        source: .ocr, engine: "tesseract 5.3.0 chi_sim+eng", lineCount: 28, truncated: false,
        role: RoleAssessment(role: .orderScreenshot, basis: .content, confidence: 0.93, cues: ["订单编号", "实付款", "交易成功"]),
        facts: [Fact(kind: .orderNumber, value: "946799918587044260", line: "订单编号 946799918587044260 复制"),
                Fact(kind: .amountPaid, value: "256.00", line: "实付款 ¥256.00"),
                Fact(kind: .orderedAt, value: "2026-11-03 11:09:14", line: "创建时间 2026-11-03 11:09:14"),
                Fact(kind: .shop, value: "声悦数码旗舰店", line: "声悦数码旗舰店 ›")])
    static let logisticsReading = ContentReading(
        source: .ocr, engine: "tesseract 5.3.0 chi_sim+eng", lineCount: 20, truncated: false,
        role: RoleAssessment(role: .logisticsRecord, basis: .content, confidence: 0.9, cues: ["物流详情", "运单号", "已签收"]),
        facts: [Fact(kind: .trackingNumber, value: "783582914289859", line: "运单号 783582914289859"),
                Fact(kind: .signedAt, value: "2026-11-06 10:14:08", line: "2026-11-06 10:14:08"),
                Fact(kind: .orderNumber, value: "946799918587044260", line: "订单号 946799918587044260")])

    /// A real file inspected, with a reading attached as the reading pass attaches it.
    static func read(_ path: String, _ reading: ContentReading?) throws -> InspectedFile {
        var file = try inspect(path)
        file.reading = reading
        if let role = reading?.role {
            file.roleAssessment = role
            file.suggestedRole = role.role
        }
        return file
    }

    // MARK: - init

    @Test func initFillsTheCaseFromTheFactsWithTheFileEachWasReadFromAndTheCaseLoadsAndChecks() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        let order = try folder.copy("screenshot.png", as: Self.orderName)
        let logistics = try folder.copy("document.pdf", as: Self.logisticsName)
        let photo = try folder.copy("photo-a.jpg", as: "IMG_20261106_201405.jpg")
        var chatReading = Self.orderReading
        chatReading.role = RoleAssessment(role: .chatRecord, basis: .content, confidence: 0.88, cues: ["message bubbles"])
        chatReading.facts = [Fact(kind: .orderNumber, value: "4515791734897373412", line: "订单号：4515791734897373412")]
        let chat = try folder.copy("photo-b.jpg", as: "微信图片_20261106203901.jpg")
        let files = [
            (file: "微信图片_20261106203901.jpg", inspected: try Self.read(chat, chatReading)),
            (file: Self.orderName, inspected: try Self.read(order, Self.orderReading)),
            (file: Self.logisticsName, inspected: try Self.read(logistics, Self.logisticsReading)),
            (file: "IMG_20261106_201405.jpg", inspected: try Self.read(photo, nil)),
        ]
        let fields = CaseTemplate.filledFields(files.map { (file: $0.file, role: $0.inspected.suggestedRole, inspected: $0.inspected) })
        #expect(fields.map(\.field) == ["order_id", "shop", "amount_paid", "ordered_at", "received_at"])
        #expect(fields.map(\.value) == ["946799918587044260", "声悦数码旗舰店", "256.00", "2026-11-03", "2026-11-06"])
        // The order screenshot is trusted first, even after the chat; the chat's other number is noted.
        #expect(fields.map(\.file) == [Self.orderName, Self.orderName, Self.orderName, Self.orderName, Self.logisticsName])
        #expect(fields[0].others == ["4515791734897373412"])
        #expect(fields[0].line == "订单编号 946799918587044260 复制")

        let entries = files.map { CaseTemplate.Result.Entry(file: $0.file, role: $0.inspected.suggestedRole, status: $0.inspected.status,
                                                             roleAssessment: $0.inspected.roleAssessment) }
        let text = CaseTemplate.render(category: "quality", files: entries, fields: fields)
        #expect(text.contains("order_id: \"946799918587044260\"   # 读自 / read from \(Self.orderName)；其他文件显示 / other files show: 4515791734897373412"))
        #expect(text.contains("shop: \"声悦数码旗舰店\""))
        #expect(text.contains("amount_paid: 256.00"))
        #expect(text.contains("ordered_at: 2026-11-03"))
        #expect(text.contains("received_at: 2026-11-06      # 读自 / read from \(Self.logisticsName)"))
        #expect(text.contains("role: order-screenshot         # 读自内容 / read from content 93%: 订单编号, 实付款, 交易成功"))
        #expect(text.contains("role: product-photo         # 来自元数据 / from metadata") || text.contains("role: product-photo         # 猜测"))
        try folder.write(text, to: "case.yaml")

        let loaded = try CaseFile.load(path: folder.path)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.complaint.orderID == "946799918587044260")
        #expect(loaded.complaint.shop == "声悦数码旗舰店")
        #expect(loaded.complaint.amountPaid == "256.00")
        #expect(loaded.complaint.orderedAt == "2026-11-03")
        #expect(loaded.complaint.receivedAt == "2026-11-06")
        #expect(loaded.complaint.evidence.map(\.role) == [.chatRecord, .orderScreenshot, .logisticsRecord, .productPhoto])
        let report = try check(folder.path)
        #expect(report.status == .complete, "\(report.completeness.missingRequired.map(\.requirement)) \(report.files.map { "\($0.file) \($0.counts) \($0.reason?.rawValue ?? "")" })")
    }

    @Test func initWritesPlaceholdersWhenNothingWasRead() throws {
        let text = CaseTemplate.render(category: nil, files: [], fields: [])
        #expect(text.contains("# order_id: \"\""))
        #expect(text.contains("# received_at: YYYY-MM-DD"))
        #expect(!text.contains("read from"))
    }

    @Test func aFactThatCannotBeACaseValueIsNotWritten() throws {
        let file = try Self.read(fixturePath("check/screenshot.png"), ContentReading(
            source: .ocr, engine: "t", lineCount: 1, truncated: false, role: nil,
            facts: [Fact(kind: .amountPaid, value: "约三百", line: "约三百"), Fact(kind: .signedAt, value: "昨天", line: "昨天 已签收")]))
        #expect(CaseTemplate.filledFields([(file: "a.png", role: .orderScreenshot, inspected: file)]).isEmpty)
    }

    // MARK: - evidence.json

    @Test func evidenceJSONRecordsEachItemsRoleBasisReadingAndFactsAndTheCrossCheckWarnings() throws {
        let temporary = TemporaryDirectory("pack-reading")
        defer { temporary.remove() }
        var sources = try PackFixtures.sampleSources(in: temporary.path)
        // The order screenshot as read in the check phase; its order number is not the case's.
        sources[1].read = try Self.read(sources[1].path, Self.orderReading)
        // A stale reading (another file's bytes) is dropped, not recorded.
        var stale = try Self.read(sources[2].path, Self.logisticsReading)
        stale.sha256 = String(repeating: "0", count: 64)
        sources[2].read = stale
        let report = try PackFixtures.pack(sources, to: temporary.path + "/b.zip")
        let items = report.manifest.items
        #expect(items.map { $0.roleAssessment?.basis } == [.caseFile, .caseFile, .caseFile, .caseFile])
        #expect(items.map { $0.roleAssessment?.confidence } == [1, 1, 1, 1])
        #expect(items[1].reading == Self.orderReading)
        #expect(items[2].reading == nil)
        #expect(report.inspected[1].reading == Self.orderReading)
        #expect(report.evidenceWarnings.map(\.code) == [.orderNumberMismatch, .amountMismatch])
        #expect(report.manifest.evidenceWarnings == report.evidenceWarnings)
        #expect(report.evidenceWarnings[0].expected == "3712345678901234567")
        #expect(report.evidenceWarnings[0].found == "946799918587044260")

        let entries = try PackFixtures.entries(of: report.bundlePath)
        let json = try #require(entries.first { $0.name.hasSuffix("/evidence.json") })
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(text.contains("\"role_assessment\" : {"))
        #expect(text.contains("\"basis\" : \"case\""))
        #expect(text.contains("\"source\" : \"ocr\""))
        #expect(text.contains("\"line\" : \"订单编号 946799918587044260 复制\""))
        #expect(text.contains("\"line_count\" : 28"))
        #expect(text.contains("\"evidence_warnings\" : ["))
        let decoded = try EvidenceJSON.decoder().decode(EvidenceManifest.self, from: Data(json.bytes))
        #expect(decoded == report.manifest)
    }

    @Test func aManifestWithoutTheNewFieldsStillDecodes() throws {
        let temporary = TemporaryDirectory("pack-reading")
        defer { temporary.remove() }
        let report = try PackFixtures.pack(try PackFixtures.sampleSources(in: temporary.path), to: temporary.path + "/b.zip")
        var text = String(decoding: try EvidenceJSON.encoder().encode(report.manifest), as: UTF8.self)
        #expect(!text.contains("evidence_warnings"))
        text = text.replacingOccurrences(of: #""role_assessment" : \{[^}]*\},"#, with: "", options: .regularExpression)
        #expect(!text.contains("role_assessment"))
        let decoded = try EvidenceJSON.decoder().decode(EvidenceManifest.self, from: Data(text.utf8))
        #expect(decoded.items.allSatisfy { $0.roleAssessment == nil && $0.reading == nil })
    }

    // MARK: - verify --read

    static func item(_ reading: ContentReading?) -> EvidenceManifest.Item {
        EvidenceManifest.Item(sequence: 1, path: "data/01-order-screenshot-a.png", role: .orderScreenshot, originalName: "a.png", size: 1,
                              sha256: String(repeating: "a", count: 64), mimeType: "image/png", captureTime: nil,
                              checks: .init(status: .ok, findings: [], kind: .image), note: nil, reading: reading)
    }

    @Test func aReReadThatAgreesWithTheRecordIsNoProblem() {
        #expect(BundleReading.compare(Self.item(Self.orderReading), recorded: Self.orderReading, fresh: Self.orderReading, ocr: true).isEmpty)
        #expect(BundleReading.compare(Self.item(nil), recorded: nil, fresh: nil, ocr: true).isEmpty)
    }

    @Test func aReReadWithAnotherRoleOrOtherFactsIsAWarningNamingBoth() throws {
        var fresh = Self.orderReading
        fresh.role = RoleAssessment(role: .paymentReceipt, basis: .content, confidence: 0.7, cues: ["交易号"])
        fresh.facts[0].value = "946799918587044266"
        let problems = BundleReading.compare(Self.item(Self.orderReading), recorded: Self.orderReading, fresh: fresh, ocr: true)
        #expect(problems.map(\.code) == [.readingRoleDiffers, .readingFactsDiffer])
        #expect(problems.allSatisfy { $0.severity == .warning })
        #expect(problems[0].expected == "order-screenshot")
        #expect(problems[0].found == "payment-receipt")
        #expect(problems[1].expected == "order_number=946799918587044260")
        #expect(problems[1].found == "order_number=946799918587044266")
        #expect(problems[1].message.en == "Reading “data/01-order-screenshot-a.png” again gives order_number=946799918587044266, but evidence.json records order_number=946799918587044260. The file is unchanged: the difference comes from the reading; open the file to check.")
        #expect(problems[1].message.zh == "重新读取 “data/01-order-screenshot-a.png” 的内容，读出的信息是 order_number=946799918587044266，而 evidence.json 记录的是 order_number=946799918587044260。文件本身未变，差异来自识别；请打开文件核对。")
    }

    @Test func aRecordThatCannotBeReadAgainIsAWarningUnlessOCRIsOff() {
        let lost = BundleReading.compare(Self.item(Self.orderReading), recorded: Self.orderReading, fresh: nil, ocr: true)
        #expect(lost.map(\.code) == [.readingDiffers])
        #expect(BundleReading.compare(Self.item(Self.orderReading), recorded: Self.orderReading, fresh: nil, ocr: false).isEmpty)
        let unrecorded = BundleReading.compare(Self.item(nil), recorded: nil, fresh: Self.orderReading, ocr: true)
        #expect(unrecorded.map(\.code) == [.readingNotRecorded])
        #expect(unrecorded[0].severity == .notice)
    }

    @Test func anotherOrderNumberThanTheCaseIsAnErrorOtherDisagreementsWarnings() throws {
        var complaint = ComplaintCase(category: "quality")
        complaint.orderID = "3712345678901234567"
        complaint.amountPaid = "299.00"
        let fresh = [EvaluatedItem(role: .orderScreenshot, kind: .image, status: .ok, sha256: "a", displayName: "a.png", captureTime: nil,
                                   reading: Self.orderReading)]
        let problems = BundleReading.contradictions(complaint, fresh: fresh, paths: ["a.png": "data/01-order-screenshot-a.png"])
        #expect(problems.map(\.code) == [.orderNumberContradiction, .evidenceDisagrees])
        #expect(problems.map(\.severity) == [.error, .warning])
        #expect(problems[0].entry == "data/01-order-screenshot-a.png")
        #expect(problems[0].message.en == "“data/01-order-screenshot-a.png” shows order number 946799918587044260, but the case's order number is 3712345678901234567 (read from “订单编号 946799918587044260 复制”): the evidence contradicts the case, and this bundle does not prove the order it is about. Ask the sender.")
        #expect(problems[0].message.zh == "“data/01-order-screenshot-a.png” 的内容显示订单号 946799918587044260，而案件的订单号是 3712345678901234567（读自“订单编号 946799918587044260 复制”）：证据与案件矛盾，这个证据包不能证明它所说的这笔订单。请向发送方核实。")
        #expect(problems[1].detail == "evidence.amount-mismatch")
    }

    @Test(arguments: [BundleFormat.zip, .tarGz])
    func payloadEntriesAreCopiedOutOneByOneWithinTheirRecordedSizes(format: BundleFormat) throws {
        let temporary = TemporaryDirectory("pack-reading")
        defer { temporary.remove() }
        let output = temporary.path + (format == .zip ? "/b.zip" : "/b.tar.gz")
        let report = try PackFixtures.pack(try PackFixtures.sampleSources(in: temporary.path), to: output,
                                           options: PackOptions(format: format, sourceDateEpoch: 1_764_374_400, durable: false))
        let target = temporary.path + "/out"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        let items = Array(report.manifest.items.dropFirst())
        let written = try BundleReading.extract(output, format: format == .zip ? .zip : .tarGzip, root: report.bagName, items: items, into: target)
        #expect(written.count == 3)
        for item in items {
            let path = try #require(written[item.path])
            #expect(try PackFixtures.sha256(file: path) == item.sha256)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == ["2.png", "3.pdf", "4.txt"])
        // An item recorded smaller than its entry is refused, not copied in full.
        var shrunk = items[0]
        shrunk.size = 10
        let again = temporary.path + "/again"
        try FileManager.default.createDirectory(atPath: again, withIntermediateDirectories: false)
        #expect(throws: BundleReading.ReadingExtractError.self) {
            try BundleReading.extract(output, format: format == .zip ? .zip : .tarGzip, root: report.bagName, items: [shrunk], into: again)
        }
    }

    @Test func verifyReadLeavesNoTemporaryFolderBehind() throws {
        let temporary = TemporaryDirectory("pack-reading")
        defer { temporary.remove() }
        let report = try PackFixtures.pack(try PackFixtures.sampleSources(in: temporary.path), to: temporary.path + "/b.zip")
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        func leftovers() throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: base).filter { $0.hasPrefix("evidence-read-") })
        }
        let before = try leftovers()
        var verifier = BundleVerifier(rules: try RuleSet.bundled())
        var options = ReadingOptions()
        options.cache = false
        verifier.reading = options
        let verified = verifier.verify(report.bundlePath)
        #expect(verified.problems.filter { $0.severity == .error }.isEmpty, "\(verified.problems)")
        #expect(try leftovers() == before)
    }
}
