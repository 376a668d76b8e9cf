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

    @Test func metadataBeatsTheNameButAParcelPhotoKeepsItsName() {
        var camera = FileMetadata()
        camera.cameraModel = "Xiaomi 14"
        let photo = RoleGuesser.assess(path: "订单.jpg", kind: .image, metadata: camera, reading: nil)
        #expect(photo.role == .productPhoto && photo.basis == .metadata && photo.cues == ["camera EXIF: Xiaomi 14"])
        let parcel = RoleGuesser.assess(path: "快递面单.jpg", kind: .image, metadata: camera, reading: nil)
        #expect(parcel.role == .packagePhoto && parcel.basis == .name)
        let named = RoleGuesser.assess(path: "photos/订单截图.png", kind: .image, metadata: FileMetadata(), reading: nil)
        #expect(named.role == .orderScreenshot && named.cues == ["name: 订单"] && named.confidence == 0.5)
        let folder = RoleGuesser.assess(path: "聊天/IMG_1.png", kind: .image, metadata: FileMetadata(), reading: nil)
        #expect(folder.role == .chatRecord && folder.cues == ["folder: 聊天"] && folder.confidence == 0.4)
    }

    @Test func confidentContentBeatsNameAndMetadataAndWeakContentDoesNot() {
        func reading(_ role: EvidenceRole, _ confidence: Double) -> ContentReading {
            ContentReading(source: .ocr, engine: "t", lineCount: 1, truncated: false,
                           role: RoleAssessment(role: role, basis: .content, confidence: confidence, cues: ["订单编号"]), facts: [])
        }
        let threshold = ContentCues.bundled.confidenceThreshold
        let strong = RoleGuesser.assess(path: "微信图片_1.png", kind: .image, metadata: FileMetadata(), reading: reading(.orderScreenshot, threshold))
        #expect(strong.role == .orderScreenshot && strong.basis == .content)
        let weak = RoleGuesser.assess(path: "微信图片_1.png", kind: .image, metadata: FileMetadata(), reading: reading(.orderScreenshot, threshold / 2))
        #expect(weak.role == .chatRecord && weak.basis == .name)
        // Content naming a role the file's kind cannot play (a PDF as a product photo) is ignored.
        let pdf = RoleGuesser.assess(path: "1.pdf", kind: .document, metadata: FileMetadata(), reading: reading(.productPhoto, 1))
        #expect(pdf.role == .other)
    }

    @Test func nameKeywordsComeFromTheCueData() {
        let cues = ContentCues.bundled
        #expect(cues.nameOrder.first == .authenticationReport)
        #expect(cues.roles[.packagePhoto]?.name.contains("面单") == true)
        #expect(cues.nameOrder.allSatisfy { !(cues.roles[$0]?.name.isEmpty ?? true) })
    }
}
