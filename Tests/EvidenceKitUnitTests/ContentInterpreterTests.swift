import Foundation
import EvidenceTestSupport
import Synchronization
import Testing
@testable import EvidenceKit

/// Readers shared by the parameterised fixture tests: loading the language data costs about a
/// second, so each reader is reused by one test case at a time. The cache lives in a temporary
/// folder of this test run, never the user's.
final class ReaderPool: @unchecked Sendable {
    static let shared = ReaderPool()
    let cache = TemporaryDirectory("read-pool")
    private let lock = NSLock()
    private var idle: [TextReader] = []

    func with<T>(_ body: (TextReader) throws -> T) throws -> T {
        lock.lock()
        var reader = idle.popLast()
        lock.unlock()
        if reader == nil {
            var options = ReadingOptions()
            options.cacheDirectory = cache.path
            reader = try TextReader(options: options)
        }
        defer { lock.lock(); idle.append(reader!); lock.unlock() }
        return try body(reader!)
    }
}

/// The role and every labelled fact of every rendered screenshot (Tests/Fixtures/screenshots,
/// labels.json), read by the real engine and interpreted with the bundled cues.
@Suite struct ContentInterpreterTests {
    /// Facts the OCR engine does not give in a recoverable form (the text it returns has
    /// another character in the name, or lacks the row); each is named with its reason and
    /// stays a failure if it starts passing (withKnownIssue is not intermittent).
    static let knownMisses: [String: String] = [
        "order-04.png/shop": "Tesseract reads 婴 as 遇 (小鹿母遇生活馆)",
        "alipay-02.png/shop": "the bill's headline shop row is read as Latin noise (MESA TEIE)",
        "alipay-02.png/merchant_name": "the payee row is read as Latin noise (Lis VES22 aa A RAB])",
        "chat-dark-blue-01.png/shop": "Tesseract reads 鹿 as 论 in the dark chat title (小论母婴生活馆)",
        "refund-03.crop.png/shop": "the crop cuts the shop row so that only its icon and noise are read (国 nese)",
    ]

    static func interpretation(_ file: String) throws -> (ReadText, ContentReading) {
        let path = ScreenshotFixtures.path(file)
        let inspected = try inspect(path)
        let text = try #require(try ReaderPool.shared.with { try $0.read(path: path, file: inspected) })
        return (text, ContentInterpreter.interpret(text))
    }

    @Test(arguments: ScreenshotFixtures.all.map(\.file))
    func fixtureGivesItsRoleAndEveryFact(file: String) throws {
        let fixture = ScreenshotFixtures.named(file)
        let (text, reading) = try Self.interpretation(file)
        // The role comes from the content, confidently (the file names are not looked at).
        let role = try #require(reading.role, "no role cue found in \(text.lines)")
        #expect(role.role.rawValue == fixture.role, "cues \(role.cues)")
        #expect(role.basis == .content)
        #expect(role.confidence >= ContentCues.bundled.confidenceThreshold, "confidence \(role.confidence), cues \(role.cues)")
        #expect(!role.cues.isEmpty)
        #expect(reading.lineCount == text.lines.count)
        for (kind, expected) in fixture.facts.sorted(by: { $0.key < $1.key }) {
            let found = reading.facts.first { $0.kind.rawValue == kind }
            let check = {
                #expect(found?.value == expected, "\(kind): \(found?.value ?? "none") in \(text.lines)")
                // The line it came from is one of the lines read.
                if let found { #expect(text.lines.contains(found.line)) }
            }
            if let reason = Self.knownMisses["\(file)/\(kind)"] {
                withKnownIssue(Comment(rawValue: reason)) { check() }
            } else {
                check()
            }
        }
    }

    @Test func everyKnownMissNamesALabelledFact() {
        for key in Self.knownMisses.keys {
            let parts = key.split(separator: "/").map(String.init)
            #expect(ScreenshotFixtures.all.contains { $0.file == parts[0] && $0.facts[parts[1]] != nil }, "\(key)")
        }
    }

    // MARK: Text as OCR gives it

    func interpret(_ lines: [String]) -> ContentReading {
        ContentInterpreter.interpret(ReadText(source: .ocr, lines: lines, engine: "test", truncated: false))
    }

    @Test func labelAndValueOnSeparateRowsAndStraySpacesInNumbers() {
        let reading = interpret([
            "订单详情", "订单编号", "4653 8525 4135 0408 445", "实付款", "￥ 1,269.50", "付款时间", "2026/11/3 9:05",
        ])
        #expect(reading.role?.role == .orderScreenshot)
        #expect(reading.fact(.orderNumber)?.value == "4653852541350408445")
        #expect(reading.fact(.orderNumber)?.line == "4653 8525 4135 0408 445")
        #expect(reading.fact(.amountPaid)?.value == "1269.50")
        #expect(reading.fact(.paidAt)?.value == "2026-11-03 09:05:00")
    }

    @Test func digitConfusionsAreUndoneOnlyInsideNumbers() {
        let reading = interpret(["订单编号 94679991858704426O", "订单编号 9467999l8587044260"])
        // A trailing O is not between two digits: not a safe repair, so the first row gives nothing.
        #expect(reading.fact(.orderNumber)?.value == "946799918587044260")
        #expect(reading.fact(.orderNumber)?.line == "订单编号 9467999l8587044260")
    }

    @Test func refundAmountIsNotTheAmountPaidAndRefundPagesAreNotOrders() {
        let reading = interpret(["退款详情", "退款金额 ¥59.90", "退款编号 3530321684177385175", "订单编号 4515791734897373412"])
        #expect(reading.fact(.amountPaid) == nil)
        #expect(reading.fact(.orderNumber)?.value == "4515791734897373412")
        #expect(reading.role?.role == .other)
    }

    @Test func chatScreenshotIsRecognisedByItsLayout() {
        // No cue words at all: time headers and bubbles.
        let reading = interpret(["《 某某旗舰店 oo°", "昨天 20:15", "|| 收到的耳机左耳没有声音", "好的，我们看一下 a", "11月6日 09:12", "|| 已经三天了还没有处理"])
        #expect(reading.role?.role == .chatRecord)
        #expect(reading.role?.cues.contains { $0.hasPrefix("time headers") } == true)
        #expect(reading.role?.cues.contains { $0.hasPrefix("bubbles") } == true)
        #expect(reading.fact(.shop)?.value == "某某旗舰店")
    }

    @Test func noCueGivesNoRole() {
        #expect(interpret(["hello", "world"]).role == nil)
        #expect(interpret([]).facts.isEmpty)
    }

    @Test func creditCodeWithAWrongCheckCharacterIsNotAFact() {
        #expect(interpret(["统一社会信用代码 91440300527NM36N51"]).fact(.creditCode) == nil)
        // O read for 0 (the code never uses O) is repaired, and the check character holds.
        #expect(interpret(["统一社会信用代码 91330106Q6JFOWFKTN"]).fact(.creditCode)?.value == "91330106Q6JF0WFKTN")
    }

    @Test func trackingNumbersCouriersAndTimelineTimes() {
        let reading = interpret([
            "物流详情", "已签收", "快递公司 顺丰速运", "运单号 SF 1480 3519 18958", "已签收", "您的快件已签收", "2026-11-08 17:37:08",
            "运输中", "2026-11-07 06:12:40", "已揽收", "2026-11-06 14:56:52",
        ])
        #expect(reading.role?.role == .logisticsRecord)
        #expect(reading.fact(.courier)?.value == "顺丰速运")
        #expect(reading.fact(.trackingNumber)?.value == "SF1480351918958")
        #expect(reading.fact(.signedAt)?.value == "2026-11-08 17:37:08")
        // No 已发货 row: the timeline's oldest time.
        #expect(reading.fact(.shippedAt)?.value == "2026-11-06 14:56:52")
    }

    // MARK: Cue data

    @Test func bundledCuesParseAndCoverEveryRoleAndFact() {
        let cues = ContentCues.bundled
        #expect(!cues.version.isEmpty)
        #expect(Set(cues.roles.keys) == Set(EvidenceRole.allCases))
        #expect(Fact.Kind.allCases.allSatisfy { cues.facts[$0]?.labels.isEmpty == false })
        #expect((0...1).contains(cues.confidenceThreshold))
    }

    func parseError(_ edit: (inout [String: Any]) -> Void) throws -> ContentCuesError {
        var root = try #require(try JSONSerialization.jsonObject(with: Data(PackageResources.cues_json)) as? [String: Any])
        edit(&root)
        let bytes = [UInt8](try JSONSerialization.data(withJSONObject: root))
        return try #require(throws: ContentCuesError.self) { try ContentCues.parse(bytes, path: "my-cues.json") }
    }

    @Test func unknownRoleIsRefusedNamingFileAndField() throws {
        let error = try parseError { root in
            var roles = root["roles"] as! [String: Any]
            roles["order-screenshots"] = ["content": ["订单": 1], "name": []]
            root["roles"] = roles
        }
        #expect(error.code == .unknownRole)
        #expect(error.field == "roles.order-screenshots")
        #expect(error.message.en.contains("my-cues.json") && error.message.en.contains("roles.order-screenshots"))
        #expect(error.message.zh.contains("order-screenshots"))
    }

    @Test func badCueFilesAreRefusedWithTheFieldAtFault() throws {
        #expect(try parseError { $0["schema"] = "evidencekit-cues/9" }.code == .unsupportedSchema)
        #expect(try parseError { $0.removeValue(forKey: "cues_version") }.field == "cues_version")
        #expect(try parseError { $0["confidence_threshold"] = "high" }.code == .wrongType)
        #expect(try parseError { $0["confidence_threshold"] = 3 }.code == .invalidValue)
        #expect(try parseError { $0["cue_version"] = "x" }.code == .unknownField)
        #expect(try parseError { root in
            var facts = root["facts"] as! [String: Any]
            facts.removeValue(forKey: "order_number")
            root["facts"] = facts
        }.field == "facts.order_number")
        let syntax = try #require(throws: ContentCuesError.self) { try ContentCues.parse(Array("{".utf8), path: "x.json") }
        #expect(syntax.code == .syntax)
    }

    @Test func cuesLoadFromAFile() throws {
        let dir = TemporaryDirectory("cues")
        let path = dir.write("cues.json", PackageResources.cues_json)
        #expect(try ContentCues(contentsOf: URL(fileURLWithPath: path)) == ContentCues.bundled)
        let missing = try #require(throws: ContentCuesError.self) { try ContentCues(contentsOf: URL(fileURLWithPath: dir.file("none.json"))) }
        #expect(missing.code == .unreadable && missing.message.en.contains("none.json"))
    }
}
