import Foundation

/// Compares what the evidence says (the facts read from each file) with the case and with the
/// other evidence, and returns warnings as values (``EvidenceWarning``); never a refusal.
///
/// - Order number: a file whose order numbers (all of them: a bill list may show several)
///   do not include the case's `order_id`; without an `order_id`, a file whose order numbers
///   share none with the reference file's (the first order screenshot showing one, else the
///   first file showing one).
/// - Amount paid: an amount that is not the case's `amount_paid` (compared in cents); without
///   one, an amount that is not the reference file's (as for order numbers).
/// - Signing: the case's `received_at` against the day a logistics record shows the parcel
///   signed for; product photos taken before that signing time (EXIF time and the logistics
///   time are both read as the local clock). A photo whose capture *day* is already before
///   the case's `received_at` is left to ``DeadlineAdvisor`` (`time.captured-before-receipt`).
/// - Roles: a case role that the content clearly contradicts (content role confidence at
///   least ``roleDiffersConfidence``).
public enum EvidenceCrossCheck {
    /// Content confidence from which a case role the content contradicts is warned about.
    public static let roleDiffersConfidence = 0.8

    /// Roles whose files are taken as the reference for order numbers and amounts, best first.
    static let referenceRoles: [EvidenceRole] = [.orderScreenshot, .paymentReceipt, .invoice, .logisticsRecord, .chatRecord]

    /// The warnings for a case and its evidence.
    /// - Parameters:
    ///   - complaint: the case (`order_id`, `amount_paid`, `received_at`); its evidence list is not read.
    ///   - items: the evidence files with their roles and readings (items without a reading say nothing).
    ///   - rolesGiven: for each item, whether its role came from the case file or the command
    ///     line (only then is a contradicting content role worth a warning); nil: none did.
    /// - Returns: the warnings, in item order within each kind.
    public static func check(_ complaint: ComplaintCase, items: [EvaluatedItem], rolesGiven: [Bool]? = nil) -> [EvidenceWarning] {
        var warnings: [EvidenceWarning] = []
        warnings += orderNumbers(complaint, items)
        warnings += amounts(complaint, items)
        warnings += signing(complaint, items)
        warnings += roles(items, given: rolesGiven ?? Array(repeating: false, count: items.count))
        return warnings
    }

    /// The signing time a logistics record shows (first logistics record with one, else the
    /// first file with one): for the deadline advice of a case without `received_at`.
    /// - Returns: the fact (value `YYYY-MM-DD HH:MM:SS`) and the file's display name.
    public static func signing(in items: [EvaluatedItem]) -> (fact: Fact, file: String)? {
        let withSigning = items.filter { $0.counts }.compactMap { item in item.reading?.fact(.signedAt).map { (item, $0) } }
        guard let chosen = withSigning.first(where: { $0.0.role == .logisticsRecord }) ?? withSigning.first else { return nil }
        return (chosen.1, chosen.0.displayName)
    }

    // MARK: - Order numbers

    static func orderNumbers(_ complaint: ComplaintCase, _ items: [EvaluatedItem]) -> [EvidenceWarning] {
        let shown = items.map { item in (item, facts(item, .orderNumber)) }.filter { !$0.1.isEmpty }
        let label = Fact.Kind.orderNumber.label
        if let caseNumber = complaint.orderID.map(digits), !caseNumber.isEmpty {
            return shown.compactMap { item, facts in
                guard !facts.contains(where: { digits($0.value) == caseNumber }) else { return nil }
                let found = facts[0]
                return EvidenceWarning(
                    code: .orderNumberMismatch, file: item.displayName, fact: .orderNumber, expected: caseNumber, found: digits(found.value),
                    line: found.line, message: LocalizedText(
                        zh: "“\(item.displayName)”显示的\(label.zh)是 \(digits(found.value))，而案件的订单号（order_id）是 \(caseNumber)：这份证据可能属于另一笔订单。请核对订单号，或换成这笔订单的截图。",
                        en: "“\(item.displayName)” shows \(label.en) \(digits(found.value)), but the case's order_id is \(caseNumber): this evidence may belong to another order. Check the order number, or replace the file with one of this order."))
            }
        }
        guard let reference = reference(shown) else { return [] }
        let referenceNumbers = Set(reference.1.map { digits($0.value) })
        let shownNumber = digits(reference.1[0].value)
        return shown.compactMap { item, facts in
            guard item.displayName != reference.0.displayName || item.sha256 != reference.0.sha256 else { return nil }
            guard !facts.contains(where: { referenceNumbers.contains(digits($0.value)) }) else { return nil }
            let found = facts[0]
            return EvidenceWarning(
                code: .orderNumberMismatch, file: item.displayName, otherFile: reference.0.displayName, fact: .orderNumber,
                expected: shownNumber, found: digits(found.value), line: found.line, message: LocalizedText(
                    zh: "“\(item.displayName)”显示的\(label.zh)是 \(digits(found.value))，而“\(reference.0.displayName)”显示的是 \(shownNumber)：证据里出现了两笔不同的订单。请只放同一笔订单的证据，或在案件文件中写明 order_id。",
                    en: "“\(item.displayName)” shows \(label.en) \(digits(found.value)), but “\(reference.0.displayName)” shows \(shownNumber): the evidence shows two different orders. Keep the evidence of one order only, or write the order_id in a case file."))
        }
    }

    // MARK: - Amounts

    static func amounts(_ complaint: ComplaintCase, _ items: [EvaluatedItem]) -> [EvidenceWarning] {
        let shown = items.map { item in (item, facts(item, .amountPaid).filter { cents($0.value) != nil }) }.filter { !$0.1.isEmpty }
        let label = Fact.Kind.amountPaid.label
        if let caseAmount = complaint.amountPaid, let caseCents = cents(caseAmount) {
            let expected = yuan(caseCents)
            return shown.compactMap { item, facts in
                guard !facts.contains(where: { cents($0.value) == caseCents }) else { return nil }
                let found = facts[0]
                let value = yuan(cents(found.value)!)
                return EvidenceWarning(
                    code: .amountMismatch, file: item.displayName, fact: .amountPaid, expected: expected, found: value, line: found.line,
                    message: LocalizedText(
                        zh: "“\(item.displayName)”显示的\(label.zh)是 ¥\(value)，而案件写的实付金额（amount_paid）是 ¥\(expected)。请核对金额：退款以实际支付为准。",
                        en: "“\(item.displayName)” shows an \(label.en) of ¥\(value), but the case's amount_paid is ¥\(expected). Check the amount: a refund follows what was actually paid."))
            }
        }
        guard let reference = reference(shown) else { return [] }
        let referenceCents = Set(reference.1.compactMap { cents($0.value) })
        let expected = yuan(cents(reference.1[0].value)!)
        return shown.compactMap { item, facts in
            guard item.displayName != reference.0.displayName || item.sha256 != reference.0.sha256 else { return nil }
            guard !facts.contains(where: { cents($0.value).map(referenceCents.contains) == true }) else { return nil }
            let found = facts[0]
            let value = yuan(cents(found.value)!)
            return EvidenceWarning(
                code: .amountMismatch, file: item.displayName, otherFile: reference.0.displayName, fact: .amountPaid,
                expected: expected, found: value, line: found.line, message: LocalizedText(
                    zh: "“\(item.displayName)”显示的\(label.zh)是 ¥\(value)，而“\(reference.0.displayName)”显示的是 ¥\(expected)：两份证据的金额不一致。请核对是否为同一笔付款。",
                    en: "“\(item.displayName)” shows an \(label.en) of ¥\(value), but “\(reference.0.displayName)” shows ¥\(expected): the two amounts disagree. Check that they are the same payment."))
        }
    }

    // MARK: - Signing

    static func signing(_ complaint: ComplaintCase, _ items: [EvaluatedItem]) -> [EvidenceWarning] {
        guard let (signed, source) = signing(in: items), let signedDay = CivilDate(String(signed.value.prefix(10))) else { return [] }
        var warnings: [EvidenceWarning] = []
        let caseDay = complaint.receivedAt.flatMap(CivilDate.init)
        if let caseDay, caseDay != signedDay {
            warnings.append(EvidenceWarning(
                code: .signingDateMismatch, file: source, fact: .signedAt, expected: caseDay.description, found: signed.value, line: signed.line,
                message: LocalizedText(
                    zh: "“\(source)”显示包裹于 \(signed.value) 签收，而案件写的签收日期（received_at）是 \(caseDay)。退货期限从签收次日起算，请核对签收日期。",
                    en: "“\(source)” shows the parcel signed for at \(signed.value), but the case's received_at is \(caseDay). Return deadlines count from the day after signing: check the date.")))
        }
        for item in items where item.role == .productPhoto && item.counts {
            guard let taken = item.captureTime.map(localClock), taken.count == 19, taken < signed.value else { continue }
            // Already said by the deadline advice (capture day before the case's receipt day).
            if let caseDay, let takenDay = CivilDate(String(taken.prefix(10))), takenDay < caseDay { continue }
            warnings.append(EvidenceWarning(
                code: .capturedBeforeSigning, file: item.displayName, otherFile: source, fact: .signedAt, expected: signed.value, found: taken,
                line: signed.line, message: LocalizedText(
                    zh: "“\(item.displayName)”的拍摄时间（\(taken)）早于“\(source)”显示的签收时间 \(signed.value)：照片可能拍的不是收到的这件商品，商家会据此质疑。请核对或重新拍摄。",
                    en: "“\(item.displayName)” was taken (\(taken)) before the parcel was signed for at \(signed.value), as “\(source)” shows: it is probably not of the item received, and the seller will say so. Check it or take a new one.")))
        }
        return warnings
    }

    // MARK: - Roles

    static func roles(_ items: [EvaluatedItem], given: [Bool]) -> [EvidenceWarning] {
        zip(items, given).compactMap { item, given in
            guard given, item.counts, let content = item.reading?.role, content.role != item.role, content.role != .other,
                  content.confidence >= roleDiffersConfidence else { return nil }
            let cues = content.cues.prefix(4).joined(separator: ", ")
            return EvidenceWarning(
                code: .roleDiffers, file: item.displayName, expected: item.role.rawValue, found: content.role.rawValue,
                message: LocalizedText(
                    zh: "案件把“\(item.displayName)”列为\(item.role.label.zh)（\(item.role.rawValue)），但其内容看起来是\(content.role.label.zh)（\(content.role.rawValue)，置信度 \(percent(content.confidence))，依据：\(cues)）。请核对是否放错了文件。",
                    en: "The case lists “\(item.displayName)” as \(item.role.label.en) (\(item.role.rawValue)), but its content looks like \(content.role.label.en) (\(content.role.rawValue), confidence \(percent(content.confidence)), cues: \(cues)). Check that it is the right file."))
        }
    }

    // MARK: - Helpers

    /// Facts of a kind of a file that counts.
    static func facts(_ item: EvaluatedItem, _ kind: Fact.Kind) -> [Fact] {
        guard item.counts else { return [] }
        return item.reading?.facts.filter { $0.kind == kind } ?? []
    }

    /// The reference file among those showing a fact: the first of the best role.
    static func reference(_ shown: [(EvaluatedItem, [Fact])]) -> (EvaluatedItem, [Fact])? {
        for role in referenceRoles {
            if let first = shown.first(where: { $0.0.role == role }) { return first }
        }
        return shown.first
    }

    /// The digits of an order number as shown (spaces and labels dropped).
    static func digits(_ text: String) -> String { String(text.filter { $0.isASCII && $0.isNumber }) }

    /// Yuan text ("299", "299.00", "¥299.5", "1,299.00") in cents; nil when not an amount.
    static func cents(_ text: String) -> Int? {
        let cleaned = text.filter { $0 != "¥" && $0 != "￥" && $0 != "," && $0 != " " && $0 != "元" }
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int(parts[0]), whole < 1_000_000_000 else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            fraction = Int(digits)! * (digits.count == 1 ? 10 : 1)
        }
        return whole * 100 + fraction
    }

    /// Cents as yuan with two decimals.
    static func yuan(_ cents: Int) -> String {
        let fraction = cents % 100
        return "\(cents / 100)." + (fraction < 10 ? "0\(fraction)" : "\(fraction)")
    }

    /// An EXIF-style time (`YYYY-MM-DDTHH:MM:SS[±HH:MM]`) as the local clock `YYYY-MM-DD HH:MM:SS`.
    static func localClock(_ time: String) -> String {
        String(time.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }

    /// 0.93 as "93%".
    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}
