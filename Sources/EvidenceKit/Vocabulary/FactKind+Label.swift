extension Fact.Kind {
    /// What the fact is called, for people (`inspect`'s report, cross-check messages, `init`'s comments).
    public var label: LocalizedText {
        switch self {
        case .orderNumber: LocalizedText(zh: "订单编号", en: "order number")
        case .amountPaid: LocalizedText(zh: "实付款", en: "amount paid")
        case .orderedAt: LocalizedText(zh: "下单时间", en: "order time")
        case .paidAt: LocalizedText(zh: "付款时间", en: "payment time")
        case .shippedAt: LocalizedText(zh: "发货时间", en: "shipping time")
        case .signedAt: LocalizedText(zh: "签收时间", en: "signing time")
        case .shop: LocalizedText(zh: "店铺", en: "shop")
        case .courier: LocalizedText(zh: "快递公司", en: "courier")
        case .trackingNumber: LocalizedText(zh: "运单号", en: "tracking number")
        case .tradeNumber: LocalizedText(zh: "支付宝交易号", en: "Alipay trade number")
        case .merchantName: LocalizedText(zh: "商家主体名称", en: "merchant name")
        case .creditCode: LocalizedText(zh: "统一社会信用代码", en: "unified social credit code")
        }
    }
}

extension RoleBasis {
    /// How the basis reads in a sentence: "from content", "from the case file"...
    public var label: LocalizedText {
        switch self {
        case .caseFile: LocalizedText(zh: "案件文件指定", en: "from the case file")
        case .content: LocalizedText(zh: "读自内容", en: "from content")
        case .metadata: LocalizedText(zh: "来自元数据", en: "from metadata")
        case .name: LocalizedText(zh: "来自文件名", en: "from the name")
        }
    }
}
