import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// The cross-checks on facts read from the evidence (``EvidenceCrossCheck``), with readings
/// built as the reading pass builds them, and their effect on the deadline advice.
struct EvidenceCrossCheckTests {
    static let orderNumber = "946799918587044260"

    /// An evidence item whose content was read, stating `facts` (kind, value, line).
    static func item(_ name: String, _ role: EvidenceRole, _ facts: [(Fact.Kind, String, String)], contentRole: RoleAssessment? = nil,
                     captureTime: String? = nil, status: InspectedFile.Status = .ok) -> EvaluatedItem {
        let reading = ContentReading(source: .ocr, engine: "tesseract 5.3.0 chi_sim+eng", lineCount: 30, truncated: false,
                                     role: contentRole, facts: facts.map { Fact(kind: $0.0, value: $0.1, line: $0.2) })
        return EvaluatedItem(role: role, kind: .image, status: status, sha256: String(repeating: "a", count: 63) + "\(name.count % 10)",
                             displayName: name, captureTime: captureTime, reading: reading)
    }

    static func complaint(order: String? = orderNumber, amount: String? = nil, received: String? = nil) -> ComplaintCase {
        var c = ComplaintCase(category: "quality")
        c.orderID = order
        c.amountPaid = amount
        c.receivedAt = received
        return c
    }

    static let order = item("Screenshot_20261105-203312_Taobao.png", .orderScreenshot,
                            [(.orderNumber, orderNumber, "订单编号 946799918587044260 复制"), (.amountPaid, "256.00", "实付款 ¥256.00")])
    static let logistics = item("Screenshot_20261106-101500_Taobao.png", .logisticsRecord,
                                [(.trackingNumber, "783582914289859", "运单号 783582914289859"),
                                 (.signedAt, "2026-11-06 10:14:08", "您的快件已签收 2026-11-06 10:14:08")])

    @Test func evidenceThatAgreesWithTheCaseGivesNoWarning() {
        let warnings = EvidenceCrossCheck.check(Self.complaint(amount: "256", received: "2026-11-06"), items: [Self.order, Self.logistics])
        #expect(warnings.isEmpty)
    }

    @Test func anotherOrderNumberThanTheCaseIsWarnedAboutWithBothNumbersAndTheFile() throws {
        let warnings = EvidenceCrossCheck.check(Self.complaint(order: "3712345678901234567"), items: [Self.order, Self.logistics])
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.code == .orderNumberMismatch)
        #expect(warning.file == "Screenshot_20261105-203312_Taobao.png")
        #expect(warning.otherFile == nil)
        #expect(warning.expected == "3712345678901234567")
        #expect(warning.found == Self.orderNumber)
        #expect(warning.line == "订单编号 946799918587044260 复制")
        #expect(warning.message.zh == "“Screenshot_20261105-203312_Taobao.png”显示的订单编号是 946799918587044260，而案件的订单号（order_id）是 3712345678901234567：这份证据可能属于另一笔订单。请核对订单号，或换成这笔订单的截图。")
        #expect(warning.message.en == "“Screenshot_20261105-203312_Taobao.png” shows order number 946799918587044260, but the case's order_id is 3712345678901234567: this evidence may belong to another order. Check the order number, or replace the file with one of this order.")
    }

    @Test func aBillListingSeveralOrdersIsFineWhenOneOfThemIsTheCasesOrder() {
        let bill = Self.item("alipay.csv", .paymentReceipt, [(.orderNumber, "4515791734897373412", "a"), (.orderNumber, Self.orderNumber, "b")])
        #expect(EvidenceCrossCheck.check(Self.complaint(), items: [bill]).isEmpty)
    }

    @Test func withoutACaseOrderNumberFilesShowingDifferentOrdersAreWarnedAbout() throws {
        let chat = Self.item("微信图片_20261106203901.png", .chatRecord, [(.orderNumber, "4515791734897373412", "订单号：4515791734897373412")])
        // The order screenshot is the reference even when it comes later in the list.
        let warnings = EvidenceCrossCheck.check(Self.complaint(order: nil), items: [chat, Self.order])
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.code == .orderNumberMismatch)
        #expect(warning.file == "微信图片_20261106203901.png")
        #expect(warning.otherFile == "Screenshot_20261105-203312_Taobao.png")
        #expect(warning.expected == Self.orderNumber)
        #expect(warning.found == "4515791734897373412")
        #expect(warning.message.zh == "“微信图片_20261106203901.png”显示的订单编号是 4515791734897373412，而“Screenshot_20261105-203312_Taobao.png”显示的是 946799918587044260：证据里出现了两笔不同的订单。请只放同一笔订单的证据，或在案件文件中写明 order_id。")
        #expect(warning.message.en == "“微信图片_20261106203901.png” shows order number 4515791734897373412, but “Screenshot_20261105-203312_Taobao.png” shows 946799918587044260: the evidence shows two different orders. Keep the evidence of one order only, or write the order_id in a case file.")
    }

    @Test func anAmountOtherThanTheCasesIsWarnedAboutInCents() throws {
        #expect(EvidenceCrossCheck.check(Self.complaint(amount: "256"), items: [Self.order]).isEmpty)
        #expect(EvidenceCrossCheck.check(Self.complaint(amount: "256.0"), items: [Self.order]).isEmpty)
        let warnings = EvidenceCrossCheck.check(Self.complaint(amount: "299.00"), items: [Self.order])
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.code == .amountMismatch)
        #expect(warning.expected == "299.00")
        #expect(warning.found == "256.00")
        #expect(warning.line == "实付款 ¥256.00")
        #expect(warning.message.zh == "“Screenshot_20261105-203312_Taobao.png”显示的实付款是 ¥256.00，而案件写的实付金额（amount_paid）是 ¥299.00。请核对金额：退款以实际支付为准。")
        #expect(warning.message.en == "“Screenshot_20261105-203312_Taobao.png” shows an amount paid of ¥256.00, but the case's amount_paid is ¥299.00. Check the amount: a refund follows what was actually paid.")
    }

    @Test func withoutACaseAmountAmountsThatDisagreeAcrossFilesAreWarnedAbout() throws {
        let bill = Self.item("IMG_4471.PNG", .paymentReceipt, [(.amountPaid, "265.00", "-265.00")])
        let warnings = EvidenceCrossCheck.check(Self.complaint(), items: [bill, Self.order])
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.code == .amountMismatch)
        #expect(warning.file == "IMG_4471.PNG")
        #expect(warning.otherFile == "Screenshot_20261105-203312_Taobao.png")
        #expect(warning.message.zh == "“IMG_4471.PNG”显示的实付款是 ¥265.00，而“Screenshot_20261105-203312_Taobao.png”显示的是 ¥256.00：两份证据的金额不一致。请核对是否为同一笔付款。")
        #expect(warning.message.en == "“IMG_4471.PNG” shows an amount paid of ¥265.00, but “Screenshot_20261105-203312_Taobao.png” shows ¥256.00: the two amounts disagree. Check that they are the same payment.")
    }

    @Test func aProductPhotoTakenBeforeTheSigningTimeIsWarnedAbout() throws {
        let before = Self.item("IMG_20261106_091405.jpg", .productPhoto, [], captureTime: "2026-11-06T09:14:05+08:00")
        let after = Self.item("IMG_20261106_201405.jpg", .productPhoto, [], captureTime: "2026-11-06T20:14:05")
        let warnings = EvidenceCrossCheck.check(Self.complaint(), items: [Self.order, Self.logistics, before, after])
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.code == .capturedBeforeSigning)
        #expect(warning.file == "IMG_20261106_091405.jpg")
        #expect(warning.otherFile == "Screenshot_20261106-101500_Taobao.png")
        #expect(warning.expected == "2026-11-06 10:14:08")
        #expect(warning.found == "2026-11-06 09:14:05")
        #expect(warning.message.zh == "“IMG_20261106_091405.jpg”的拍摄时间（2026-11-06 09:14:05）早于“Screenshot_20261106-101500_Taobao.png”显示的签收时间 2026-11-06 10:14:08：照片可能拍的不是收到的这件商品，商家会据此质疑。请核对或重新拍摄。")
        #expect(warning.message.en == "“IMG_20261106_091405.jpg” was taken (2026-11-06 09:14:05) before the parcel was signed for at 2026-11-06 10:14:08, as “Screenshot_20261106-101500_Taobao.png” shows: it is probably not of the item received, and the seller will say so. Check it or take a new one.")
    }

    @Test func aCaseReceiptDateOtherThanTheSigningDayIsWarnedAboutAndAnEarlierPhotoLeftToTheDeadlineAdvice() throws {
        let photo = Self.item("IMG_20261104_120000.jpg", .productPhoto, [], captureTime: "2026-11-04T12:00:00")
        let warnings = EvidenceCrossCheck.check(Self.complaint(received: "2026-11-05"), items: [Self.logistics, photo])
        let warning = try #require(warnings.first)
        #expect(warnings.map(\.code) == [.signingDateMismatch])
        #expect(warning.expected == "2026-11-05")
        #expect(warning.found == "2026-11-06 10:14:08")
        #expect(warning.message.zh == "“Screenshot_20261106-101500_Taobao.png”显示包裹于 2026-11-06 10:14:08 签收，而案件写的签收日期（received_at）是 2026-11-05。退货期限从签收次日起算，请核对签收日期。")
        #expect(warning.message.en == "“Screenshot_20261106-101500_Taobao.png” shows the parcel signed for at 2026-11-06 10:14:08, but the case's received_at is 2026-11-05. Return deadlines count from the day after signing: check the date.")
        let advice = DeadlineAdvisor.advise(Self.complaint(received: "2026-11-05"), items: [Self.logistics, photo], today: CivilDate("2026-11-08")!)
        #expect(advice.map(\.code).contains(.capturedBeforeReceipt))
    }

    @Test func aCaseRoleTheContentClearlyContradictsIsWarnedAbout() throws {
        let chat = RoleAssessment(role: .chatRecord, basis: .content, confidence: 0.91, cues: ["message bubbles", "time headers"])
        let listed = Self.item("订单截图.png", .orderScreenshot, [], contentRole: chat)
        let unsure = Self.item("b.png", .orderScreenshot, [], contentRole: RoleAssessment(role: .chatRecord, basis: .content, confidence: 0.6, cues: []))
        let warnings = EvidenceCrossCheck.check(Self.complaint(), items: [listed, unsure], rolesGiven: [true, true])
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.code == .roleDiffers)
        #expect(warning.expected == "order-screenshot")
        #expect(warning.found == "chat-record")
        #expect(warning.message.zh == "案件把“订单截图.png”列为订单截图（order-screenshot），但其内容看起来是聊天记录（chat-record，置信度 91%，依据：message bubbles, time headers）。请核对是否放错了文件。")
        #expect(warning.message.en == "The case lists “订单截图.png” as Order screenshot (order-screenshot), but its content looks like Chat record (chat-record, confidence 91%, cues: message bubbles, time headers). Check that it is the right file.")
        // A guessed role is the content's own: nothing to contradict.
        #expect(EvidenceCrossCheck.check(Self.complaint(), items: [listed]).isEmpty)
    }

    @Test func filesThatDoNotCountSayNothing() {
        let damaged = Self.item("bad.png", .orderScreenshot, [(.orderNumber, "1111111111111111111", "x")], status: .corrupt)
        #expect(EvidenceCrossCheck.check(Self.complaint(), items: [damaged]).isEmpty)
    }

    @Test func withoutReceivedAtTheDeadlinesCountFromTheSigningTimeReadFromTheLogisticsRecord() throws {
        let advice = DeadlineAdvisor.advise(Self.complaint(), items: [Self.order, Self.logistics], today: CivilDate("2026-11-08")!)
        #expect(advice.map(\.code) == [.receiptDateRead, .returnWindowOpen])
        let read = try #require(advice.first)
        #expect(read.readFrom == "Screenshot_20261106-101500_Taobao.png")
        #expect(read.file == "Screenshot_20261106-101500_Taobao.png")
        #expect(read.date == "2026-11-06")
        #expect(read.message.zh == "案件未写签收日期（received_at）：签收时间 2026-11-06 10:14:08 读自“Screenshot_20261106-101500_Taobao.png”（“您的快件已签收 2026-11-06 10:14:08”），以下期限据此计算。请核对后写入 received_at。")
        #expect(read.message.en == "The case gives no receipt date (received_at): the signing time 2026-11-06 10:14:08 was read from “Screenshot_20261106-101500_Taobao.png” (“您的快件已签收 2026-11-06 10:14:08”) and the deadlines below count from it. Check it and write it as received_at.")
        let window = advice[1]
        #expect(window.date == "2026-11-13")
        #expect(window.daysLeft == 5)
        #expect(window.readFrom == "Screenshot_20261106-101500_Taobao.png")
        #expect(window.message.en.contains("(signing date read from “Screenshot_20261106-101500_Taobao.png”)"))
        #expect(window.message.zh.contains("（签收日期读自“Screenshot_20261106-101500_Taobao.png”）"))
        // Nothing read: as before.
        #expect(DeadlineAdvisor.advise(Self.complaint(), items: [Self.order], today: CivilDate("2026-11-08")!).map(\.code) == [.noReceiptDate])
    }

    @Test(arguments: [("299", 29900), ("299.5", 29950), ("¥1,299.00", 129900), ("0.05", 5), ("12.345", nil), ("abc", nil), ("", nil), ("-3", nil)] as [(String, Int?)])
    func amountsAreComparedInCents(text: String, cents: Int?) {
        #expect(EvidenceCrossCheck.cents(text) == cents)
    }

    @Test func everyWarningCodeIsInTheSchema() throws {
        let schema = try String(contentsOfFile: Repository.schema("common.schema.json"), encoding: .utf8)
        for code in EvidenceWarning.Code.allCases { #expect(schema.contains("\"\(code.rawValue)\""), "\(code.rawValue)") }
        for kind in Fact.Kind.allCases { #expect(schema.contains("\"\(kind.rawValue)\""), "\(kind.rawValue)") }
    }
}
