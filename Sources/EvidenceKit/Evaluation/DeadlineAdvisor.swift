/// Turns the case dates into time advice (Docs/user-guide.en.md, "Deadlines"; the rules in Docs/rules.md).
public enum DeadlineAdvisor {
    /// Roles whose files show the item itself: a capture before receipt suggests another item.
    static let itemRoles: Set<EvidenceRole> = [.productPhoto, .packagePhoto, .unboxingVideo]

    /// Advice for a case on a given day.
    /// - Parameters:
    ///   - complaint: the case (dates and the durable flag are read).
    ///   - items: the evidence (capture times are compared with the receipt date).
    ///   - today: the day to count from.
    public static func advise(_ complaint: ComplaintCase, items: [EvaluatedItem], today: CivilDate) -> [TimeAdvice] {
        var advice: [TimeAdvice] = []
        let received: CivilDate
        // Without a date in the case, the signing time a logistics record shows (read from its text).
        var readFrom: String?
        if let given = complaint.receivedAt.flatMap(CivilDate.init) {
            received = given
        } else if let (signed, file) = EvidenceCrossCheck.signing(in: items), let day = CivilDate(String(signed.value.prefix(10))) {
            received = day
            readFrom = file
            advice.append(TimeAdvice(code: .receiptDateRead, severity: .info, message: LocalizedText(
                zh: "案件未写签收日期（received_at）：签收时间 \(signed.value) 读自“\(file)”（“\(signed.line)”），以下期限据此计算。请核对后写入 received_at。",
                en: "The case gives no receipt date (received_at): the signing time \(signed.value) was read from “\(file)” (“\(signed.line)”) and the deadlines below count from it. Check it and write it as received_at."),
                date: day.description, daysLeft: nil, file: file, citation: nil, readFrom: file))
        } else {
            advice.append(TimeAdvice(code: .noReceiptDate, severity: .info, message: LocalizedText(
                zh: "案件未写签收日期（received_at），无法计算退货期限。请补上签收日期。",
                en: "The case gives no receipt date (received_at), so return deadlines cannot be computed. Add the signing date."),
                date: nil, daysLeft: nil, file: nil, citation: nil))
            return advice
        }
        let source = readFrom.map { LocalizedText(zh: "（签收日期读自“\($0)”）", en: " (signing date read from “\($0)”)") }
            ?? LocalizedText(zh: "", en: "")
        let lastDay = received.adding(days: 7)
        let left = today.days(to: lastDay)
        let returnCitation = LocalizedText(zh: "消费者权益保护法第二十四条、第二十五条；网络购买商品七日无理由退货暂行办法第十条",
                                           en: "Consumer Rights Protection Law, Art. 24 and 25; Interim Measures on 7-Day No-Reason Returns for Online Purchases, Art. 10")
        if left >= 0 {
            advice.append(TimeAdvice(code: .returnWindowOpen, severity: left <= 2 ? .warning : .info, message: LocalizedText(
                zh: "七日退货期：自签收次日（\(received.adding(days: 1))）起算，最后一天是 \(lastDay)，还剩 \(left) 天\(source.zh)。请在此之前提出退货。",
                en: "7-day return window: counted from the day after signing (\(received.adding(days: 1))), its last day is \(lastDay): \(left) day(s) left\(source.en). Ask for the return before then."),
                date: lastDay.description, daysLeft: left, file: nil, citation: returnCitation, readFrom: readFrom))
        } else {
            advice.append(TimeAdvice(code: .returnWindowClosed, severity: .warning, message: LocalizedText(
                zh: "七日退货期已于 \(lastDay) 结束（\(-left) 天前）\(source.zh)。质量问题仍可要求修理、更换或退货（产品质量法第四十条），并在平台售后期内投诉。",
                en: "The 7-day return window ended on \(lastDay) (\(-left) day(s) ago)\(source.en). A defect still entitles you to repair, replacement or refund (Product Quality Law, Art. 40) within the platform's after-sale period."),
                date: lastDay.description, daysLeft: left, file: nil, citation: returnCitation, readFrom: readFrom))
        }
        if complaint.durable == true {
            let until = received.adding(months: 6)
            let remaining = today.days(to: until)
            let citation = LocalizedText(zh: "消费者权益保护法第二十三条第三款", en: "Consumer Rights Protection Law, Art. 23 para. 3")
            if remaining >= 0 {
                advice.append(TimeAdvice(code: .durableBurdenOnSeller, severity: .info, message: LocalizedText(
                    zh: "耐用商品：自交付起六个月内（至 \(until)，还剩 \(remaining) 天）发现瑕疵的，由经营者承担举证责任。",
                    en: "Durable goods: for a defect found within 6 months of delivery (until \(until), \(remaining) day(s) left) the seller bears the burden of proof."),
                    date: until.description, daysLeft: remaining, file: nil, citation: citation, readFrom: readFrom))
            } else {
                advice.append(TimeAdvice(code: .durableBurdenEnded, severity: .warning, message: LocalizedText(
                    zh: "耐用商品的六个月举证责任倒置已于 \(until) 结束：现在须由你证明瑕疵，建议取得质检报告。",
                    en: "The 6-month burden shift for durable goods ended on \(until): you now have to prove the defect; get an inspection report."),
                    date: until.description, daysLeft: remaining, file: nil, citation: citation, readFrom: readFrom))
            }
        }
        // With a date read from the evidence, EvidenceCrossCheck compares capture and signing times.
        for item in items where readFrom == nil && itemRoles.contains(item.role) {
            guard let time = item.captureTime, let taken = CivilDate(String(time.prefix(10))), taken < received else { continue }
            advice.append(TimeAdvice(code: .capturedBeforeReceipt, severity: .warning, message: LocalizedText(
                zh: "“\(item.displayName)”的拍摄时间（\(time)）早于签收日期 \(received)：可能拍的不是这件商品，商家会据此质疑。请核对或重新拍摄。",
                en: "“\(item.displayName)” was taken (\(time)) before the item was received on \(received): it is likely not of this item, and the seller will say so. Check it or take a new one."),
                date: taken.description, daysLeft: nil, file: item.displayName, citation: nil))
        }
        return advice
    }
}
