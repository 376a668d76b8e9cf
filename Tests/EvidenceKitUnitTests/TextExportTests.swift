import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// Chat and bill exports recognised by their structure (ContentInterpreter.readExport).
@Suite struct TextExportTests {
    func facts(_ reading: ContentReading?, _ kind: Fact.Kind) -> [String] {
        reading?.facts.filter { $0.kind == kind }.map(\.value) ?? []
    }

    @Test func wechatTXTIsAChatWithTheOrderNumberAndShop() throws {
        let reading = try #require(ContentInterpreter.readExport(bytes: Array(ExportBytes.wechatTXT.utf8), name: "聊天.txt"))
        #expect(reading.source == .wechatTXT)
        #expect(reading.role?.role == .chatRecord && reading.role?.basis == .content && reading.role?.confidence == 1)
        #expect(reading.role?.cues.first?.hasPrefix("wechat-txt") == true)
        #expect(reading.fact(.orderNumber)?.value == "946799918587044260")
        #expect(reading.fact(.orderNumber)?.line == "你好，收到的耳机左耳没有声音，订单号：946799918587044260")
        #expect(reading.fact(.shop)?.value == "声悦数码旗舰店")
        #expect(!reading.truncated)
    }

    @Test func wechatCSVWithBOMAndQuotedMultilineMessages() throws {
        let reading = try #require(ContentInterpreter.readExport(bytes: Array(ExportBytes.wechatCSV.utf8), name: "messages.csv"))
        #expect(reading.source == .wechatCSV)
        #expect(reading.role?.role == .chatRecord)
        #expect(reading.role?.cues.first == "wechat-csv header (3 messages)")
        #expect(reading.fact(.orderNumber)?.value == "946799918587044260")
        #expect(reading.fact(.shop)?.value == "声悦数码旗舰店")
    }

    @Test func qianniuCopiedChatIsAChatText() throws {
        let reading = try #require(ContentInterpreter.readExport(bytes: Array(ExportBytes.qianniuText.utf8), name: "旺旺.txt"))
        #expect(reading.source == .chatText)
        #expect(reading.role?.role == .chatRecord)
        #expect(reading.fact(.orderNumber)?.value == "9980666742072952528")
        #expect(reading.fact(.shop)?.value == "山野茶叶老字号")
    }

    @Test func legacyAlipayBillInGB18030() throws {
        let bytes = ExportBytes.gb(ExportBytes.alipayLegacy)
        #expect(String(validating: bytes, as: UTF8.self) == nil)  // really GB18030, not UTF-8
        let reading = try #require(ContentInterpreter.readExport(bytes: bytes, name: "alipay_record_20261201.csv"))
        #expect(reading.source == .alipayCSV)
        #expect(reading.role?.role == .paymentReceipt && reading.role?.confidence == 1)
        #expect(reading.role?.cues.first == "alipay-csv header (legacy 16 columns, 2 rows)")
        #expect(facts(reading, .tradeNumber) == ["2026110322007952471286562382", "2026110522001100220033004455"])
        #expect(facts(reading, .orderNumber) == ["946799918587044260"])   // T200P prefix dropped
        #expect(facts(reading, .amountPaid) == ["256.00"])                // the income row gives no amount paid
        #expect(facts(reading, .paidAt).first == "2026-11-03 11:10:12")
        #expect(facts(reading, .orderedAt).first == "2026-11-03 11:09:14")
        #expect(facts(reading, .merchantName).first == "深圳市声悦数码科技有限公司")
        #expect(reading.fact(.orderNumber)?.line.hasPrefix("2026110322007952471286562382") == true)
    }

    @Test func currentAlipayBillInGB18030() throws {
        let reading = try #require(ContentInterpreter.readExport(bytes: ExportBytes.gb(ExportBytes.alipayCurrent), name: "支付宝交易明细.csv"))
        #expect(reading.source == .alipayCSV)
        #expect(reading.role?.role == .paymentReceipt)
        #expect(reading.role?.cues.first == "alipay-csv header (12 columns, 1 rows)")
        #expect(facts(reading, .tradeNumber) == ["2026110322007244701361585478"])
        #expect(facts(reading, .orderNumber) == ["4653852541350408445"])
        #expect(facts(reading, .amountPaid) == ["269.00"])
        #expect(facts(reading, .paidAt) == ["2026-11-03 11:52:05"])
        #expect(facts(reading, .merchantName) == ["泉州潮流体育用品有限公司"])
    }

    @Test func utf16ExportWithBOMIsDecoded() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in ExportBytes.wechatTXT.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let reading = try #require(ContentInterpreter.readExport(bytes: bytes, name: "chat.txt"))
        #expect(reading.source == .wechatTXT)
        #expect(reading.fact(.orderNumber)?.value == "946799918587044260")
    }

    @Test func plainTextIsReadForCuesAndBinaryIsNotText() throws {
        let note = try #require(ContentInterpreter.readExport(bytes: Array("订单详情\n订单编号 946799918587044260\n实付款 ¥256.00\n".utf8), name: "note.txt"))
        #expect(note.source == .plainText)
        #expect(note.role?.role == .orderScreenshot)
        #expect(note.fact(.amountPaid)?.value == "256.00")
        #expect(ContentInterpreter.readExport(bytes: [0x00, 0x01, 0x02, 0xFF, 0x00], name: "x.bin") == nil)
        #expect(ContentInterpreter.readExport(bytes: [], name: "empty.txt")?.role == nil)
    }

    @Test func moreThanTheBoundIsCutAtALineEndAndMarkedTruncated() throws {
        // 5 MiB of chat lines: only the first 4 MiB are decoded, cut at a line end.
        let block = Array(ExportBytes.wechatTXT.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(5 << 20 + block.count)
        while bytes.count < 5 << 20 { bytes += block }
        let reading = try #require(ContentInterpreter.readExport(bytes: bytes, name: "big.txt"))
        #expect(reading.truncated)
        #expect(reading.source == .wechatTXT)
        #expect(reading.lineCount <= ContentInterpreter.maxExportLines)
        // A GB18030 bill cut in the middle still decodes (0x0A is never inside a character).
        var bill = ExportBytes.gb(ExportBytes.alipayLegacy)
        let row = ExportBytes.gb(ExportBytes.alipayLegacy.split(separator: "\n")[5] + "\n")
        while bill.count < ContentInterpreter.maxExportBytes + 1000 { bill += row }
        let cut = try #require(ContentInterpreter.readExport(bytes: bill, name: "bill.csv"))
        #expect(cut.source == .alipayCSV && cut.truncated)
        #expect(facts(cut, .tradeNumber).count == ContentInterpreter.maxBillRows)
    }
}
