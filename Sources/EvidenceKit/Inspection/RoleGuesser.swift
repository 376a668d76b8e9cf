/// Suggests the evidence role of a file from its name (Chinese and English keywords) and its
/// content; says `other` when unsure. A suggestion only: the case file has the last word.
public enum RoleGuesser {
    /// Keywords per role, most specific first (a "快递面单" is a package photo, not a logistics record).
    static let keywords: [(EvidenceRole, [String])] = [
        (.authenticationReport, ["鉴定", "鉴别", "真伪", "authentic", "appraisal"]),
        (.inspectionReport, ["质检", "检测", "检验", "inspection", "test report", "lab report", "cma", "cnas"]),
        (.unboxingVideo, ["开箱", "拆箱", "unboxing", "unbox"]),
        (.invoice, ["发票", "invoice", "fapiao"]),
        (.paymentReceipt, ["支付", "回单", "付款", "转账", "账单", "流水", "支付宝", "alipay", "receipt", "payment", "bank", "银行"]),
        (.packagePhoto, ["面单", "包裹", "外包装", "包装", "waybill", "parcel", "package", "packaging"]),
        (.logisticsRecord, ["物流", "快递", "运单", "轨迹", "签收", "tracking", "logistics", "courier", "delivery", "shipping"]),
        (.chatRecord, ["聊天", "微信", "旺旺", "千牛", "客服", "对话", "chat", "wechat", "wangwang", "conversation", "message"]),
        (.orderScreenshot, ["订单", "order"]),
        (.merchantInfo, ["营业执照", "执照", "商家", "店铺", "主体", "license", "licence", "merchant", "seller", "shop"]),
        (.listingScreenshot, ["快照", "商品页", "详情页", "宣传", "页面", "价格", "标价", "listing", "snapshot", "product page", "price"]),
        (.productPhoto, ["照片", "实物", "破损", "瑕疵", "损坏", "故障", "商品", "photo", "defect", "damage", "broken", "product"]),
    ]

    /// ``keywords`` as UTF-8 bytes, for the search in ``guess(path:kind:metadata:)``.
    private static let keywordBytes: [(EvidenceRole, [[UInt8]])] = keywords.map { role, words in (role, words.map { Array($0.utf8) }) }

    /// Kinds of file that can plausibly play a role (a PDF is never a product photo).
    public static func plausibleKinds(for role: EvidenceRole) -> Set<MediaKind> {
        switch role {
        case .productPhoto, .packagePhoto: [.image]
        case .unboxingVideo: [.video]
        case .orderScreenshot, .listingScreenshot, .merchantInfo, .paymentReceipt: [.image, .document]
        case .chatRecord, .logisticsRecord: [.image, .document, .text]
        case .invoice: [.document, .image, .text]
        case .inspectionReport, .authenticationReport: [.document, .image]
        case .other: Set(MediaKind.allCases)
        }
    }

    /// The role a file most probably plays.
    /// - Parameters:
    ///   - path: the file's path; its name weighs most, then its folder names.
    ///   - kind: the content's kind.
    ///   - metadata: what was read of the content (camera EXIF suggests a photo; OFD an invoice).
    public static func guess(path: String, kind: MediaKind, metadata: FileMetadata) -> EvidenceRole {
        // Plain UTF-8 substring search: Foundation's `contains` (locale-aware CFStringFind) made
        // this guess cost more than reading a small file (Docs/PERFORMANCE.md). The keywords are
        // lower-case and NFC, and UTF-8 never matches in the middle of a character.
        let components = path.split(separator: "/").suffix(3).map { Array($0.lowercased().utf8) }
        for component in components.reversed() {
            for (role, words) in keywordBytes where plausibleKinds(for: role).contains(kind) {
                if words.contains(where: { component.containsBytes($0) }) { return role }
            }
        }
        switch kind {
        case .video: return .unboxingVideo
        case .text: return .chatRecord
        case .document where metadata.isOFD == true: return .invoice
        case .image where metadata.cameraModel != nil || metadata.captureTime != nil: return .productPhoto
        default: return .other
        }
    }
}

private extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes.
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= count else { return false }
        let first = needle[0]
        var start = 0
        while start <= count - needle.count {
            if self[start] == first && self[start..<(start + needle.count)].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }
}
