import Testing
@testable import EvidenceKit

/// Role suggestions from Chinese and English file names, constrained by the content's kind.
@Suite struct RoleGuessTests {
    @Test(arguments: [
        ("订单截图.png", MediaKind.image, EvidenceRole.orderScreenshot),
        ("order-detail.png", .image, .orderScreenshot),
        ("旺旺聊天.png", .image, .chatRecord),
        ("微信聊天记录.txt", .text, .chatRecord),
        ("支付宝回单.pdf", .document, .paymentReceipt),
        ("receipt.png", .image, .paymentReceipt),
        ("电子发票.pdf", .document, .invoice),
        ("快递面单.jpg", .image, .packagePhoto),
        ("物流轨迹.png", .image, .logisticsRecord),
        ("开箱视频.mp4", .video, .unboxingVideo),
        ("质检报告.pdf", .document, .inspectionReport),
        ("鉴定证书.pdf", .document, .authenticationReport),
        ("商品页面快照.png", .image, .listingScreenshot),
        ("营业执照.jpg", .image, .merchantInfo),
        ("破损照片.jpg", .image, .productPhoto),
        ("photos/IMG_0001.jpg", .image, .productPhoto),
        ("开箱.jpg", .image, .other),                // an unboxing *photo*: no video role for an image
        ("商品照片.pdf", .document, .other),         // a PDF is never a product photo
        ("scan_0001.pdf", .document, .other),
    ] as [(String, MediaKind, EvidenceRole)])
    func namesSuggestRoles(path: String, kind: MediaKind, role: EvidenceRole) {
        #expect(RoleGuesser.guess(path: path, kind: kind, metadata: FileMetadata()) == role)
    }

    @Test func contentDecidesWhenTheNameSaysNothing() {
        var camera = FileMetadata()
        camera.cameraModel = "Apple iPhone 13"
        #expect(RoleGuesser.guess(path: "DSC_0001.jpg", kind: .image, metadata: camera) == .productPhoto)
        #expect(RoleGuesser.guess(path: "Screenshot_1.png", kind: .image, metadata: FileMetadata()) == .other)
        #expect(RoleGuesser.guess(path: "VID_0001.mp4", kind: .video, metadata: FileMetadata()) == .unboxingVideo)
        var ofd = FileMetadata()
        ofd.isOFD = true
        #expect(RoleGuesser.guess(path: "12345.ofd", kind: .document, metadata: ofd) == .invoice)
    }
}
