import EvidenceKit
import Foundation

/// Generated chat and bill exports with their expected role and facts, counted with the
/// screenshots in Docs/ACCURACY.md (their bytes: ExportBytes.swift, one file that the unit tests
/// compile too, through a link).
struct ExportSamples {
    var name: String
    var bytes: [UInt8]
    var role: EvidenceRole
    var facts: [String: String]

    static func all() -> [ExportSamples] {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in ExportBytes.wechatTXT.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        return [
            ExportSamples(name: "wechat.txt", bytes: Array(ExportBytes.wechatTXT.utf8), role: .chatRecord,
                          facts: ["order_number": "946799918587044260", "shop": "声悦数码旗舰店"]),
            ExportSamples(name: "wechat-utf16.txt", bytes: utf16, role: .chatRecord,
                          facts: ["order_number": "946799918587044260", "shop": "声悦数码旗舰店"]),
            ExportSamples(name: "wechat.csv", bytes: Array(ExportBytes.wechatCSV.utf8), role: .chatRecord,
                          facts: ["order_number": "946799918587044260", "shop": "声悦数码旗舰店"]),
            ExportSamples(name: "qianniu.txt", bytes: Array(ExportBytes.qianniuText.utf8), role: .chatRecord,
                          facts: ["order_number": "9980666742072952528", "shop": "山野茶叶老字号"]),
            ExportSamples(name: "alipay-legacy.csv", bytes: ExportBytes.gb(ExportBytes.alipayLegacy), role: .paymentReceipt,
                          facts: ["order_number": "946799918587044260", "trade_number": "2026110322007952471286562382", "amount_paid": "256.00",
                                  "paid_at": "2026-11-03 11:10:12", "ordered_at": "2026-11-03 11:09:14", "merchant_name": "深圳市声悦数码科技有限公司"]),
            ExportSamples(name: "alipay-current.csv", bytes: ExportBytes.gb(ExportBytes.alipayCurrent), role: .paymentReceipt,
                          facts: ["order_number": "4653852541350408445", "trade_number": "2026110322007244701361585478", "amount_paid": "269.00",
                                  "paid_at": "2026-11-03 11:52:05", "merchant_name": "泉州潮流体育用品有限公司"]),
        ]
    }
}

