import Testing
@testable import EvidenceKit

/// The pure value parsers behind facts, by table.
@Suite struct FactParsingTests {
    @Test(arguments: [
        ("91440300527NM36N5", "0"),   // the fixtures' codes, generated with the standard's check
        ("91330106Q6JF0WFKT", "N"),
        ("913505001AHDJTJ3R", "Y"),
        ("91350100M000100Y4", "3"),   // another valid code
    ])
    func creditCodeCheckCharacter(first17: String, check: Character) {
        #expect(FactParsing.creditCheckCharacter(first17) == check)
        #expect(FactParsing.isValidCreditCode(first17 + String(check)))
    }

    @Test func creditCodeRejectsWrongLengthAndLettersOutsideTheAlphabet() {
        #expect(FactParsing.creditCheckCharacter("9144030052") == nil)
        #expect(FactParsing.creditCheckCharacter("91440300527NM36NO") == nil)  // O is not in the alphabet
        #expect(!FactParsing.isValidCreditCode("91440300527NM36N51"))
        #expect(FactParsing.creditCode(in: "9144 0300 527N M36N 50") == "91440300527NM36N50")
    }

    @Test(arguments: [
        ("2026-11-03 11:09:14", "2026-11-03 11:09:14"),
        ("创建时间 2026-11-03 11:09:14", "2026-11-03 11:09:14"),
        ("2026/11/3 9:05", "2026-11-03 09:05:00"),
        ("2026年11月3日 21:05", "2026-11-03 21:05:00"),
        ("2026.11.03 11:10：12", "2026-11-03 11:10:12"),
        ("2026-11-03T11:09:14+08:00", "2026-11-03 11:09:14"),
        ("2O26-11-03 11:09:14", "2026-11-03 11:09:14"),   // O between digits is 0
    ])
    func timesAreNormalised(text: String, normalised: String) {
        #expect(FactParsing.dateTime(in: Substring(text)) == normalised)
    }

    @Test(arguments: ["2026-11-03", "11:09:14", "2026-13-03 11:09", "2026-11-03 25:00", "186****3302", "11月07日 20:39"])
    func notATime(text: String) {
        #expect(FactParsing.dateTime(in: Substring(text)) == nil)
    }

    @Test(arguments: [
        ("实付款 ¥256.00", "256.00"), ("Y59.90", "59.90"), ("-269.00", "269.00"), ("交易金额 256.00 元", "256.00"),
        ("￥1,299.5", "1299.50"), ("¥199", "199.00"), ("交易金额256.00元", "256.00"), ("RMB 12.30", "12.30"),
    ])
    func amountsAreParsed(text: String, amount: String) {
        #expect(FactParsing.amount(in: Substring(text)) == amount)
    }

    @Test(arguments: ["2026-11-03 11:09", "SF1480351918958", "运费", "12.345"])
    func notAnAmount(text: String) {
        #expect(FactParsing.amount(in: Substring(text)) == nil)
    }

    @Test func orderAndTradeNumbersByShape() {
        #expect(FactParsing.orderNumber(in: "订单编号 946799918587044260 (复制") == "946799918587044260")
        #expect(FactParsing.orderNumber(in: "T200P4653852541350408445") == "4653852541350408445")
        #expect(FactParsing.orderNumber(in: "12345678901234567") == nil)           // 17 digits
        #expect(FactParsing.orderNumber(in: "2026110322007244701361585478") == nil) // a trade number
        #expect(FactParsing.tradeNumber(in: "交易号 2026110322007244701361585478") == "2026110322007244701361585478")
        #expect(FactParsing.tradeNumber(in: "9926110322007244701361585478") == nil)  // no date at its start
    }

    @Test(arguments: [
        ("SF1480351918958", "SF1480351918958"), ("运单号 YT7898788706363", "YT7898788706363"), ("JDVC17865849677", "JDVC17865849677"),
        ("783582914289859", "783582914289859"), ("sf 1480 3519 18958", "SF1480351918958"),
    ])
    func trackingNumbers(text: String, number: String) {
        #expect(FactParsing.trackingNumber(in: Substring(text)) == number)
    }
}
