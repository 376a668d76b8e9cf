/// What a piece of evidence is for (Docs/case-file.md, Docs/rules.md). The raw values are stable ids used
/// in case files, rules, `evidence.json` and JSON output.
public enum EvidenceRole: String, Sendable, Codable, CaseIterable, Comparable {
    case productPhoto = "product-photo"
    case unboxingVideo = "unboxing-video"
    case packagePhoto = "package-photo"
    case orderScreenshot = "order-screenshot"
    case listingScreenshot = "listing-screenshot"
    case merchantInfo = "merchant-info"
    case chatRecord = "chat-record"
    case paymentReceipt = "payment-receipt"
    case invoice
    case logisticsRecord = "logistics-record"
    case inspectionReport = "inspection-report"
    case authenticationReport = "authentication-report"
    case other

    /// The label users see.
    public var label: LocalizedText {
        switch self {
        case .productPhoto: LocalizedText(zh: "商品照片", en: "Product photo")
        case .unboxingVideo: LocalizedText(zh: "开箱视频", en: "Unboxing video")
        case .packagePhoto: LocalizedText(zh: "包裹/面单照片", en: "Package / waybill photo")
        case .orderScreenshot: LocalizedText(zh: "订单截图", en: "Order screenshot")
        case .listingScreenshot: LocalizedText(zh: "商品页面截图/交易快照", en: "Listing screenshot / transaction snapshot")
        case .merchantInfo: LocalizedText(zh: "商家主体信息", en: "Merchant entity information")
        case .chatRecord: LocalizedText(zh: "聊天记录", en: "Chat record")
        case .paymentReceipt: LocalizedText(zh: "支付凭证", en: "Payment receipt")
        case .invoice: LocalizedText(zh: "发票", en: "Invoice")
        case .logisticsRecord: LocalizedText(zh: "物流记录", en: "Logistics record")
        case .inspectionReport: LocalizedText(zh: "质检报告", en: "Inspection report")
        case .authenticationReport: LocalizedText(zh: "鉴定报告", en: "Authentication report")
        case .other: LocalizedText(zh: "其他", en: "Other")
        }
    }

    public static func < (lhs: EvidenceRole, rhs: EvidenceRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
