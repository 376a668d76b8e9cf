import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

struct BagLayoutTests {
    @Test func payloadNamesCarrySequenceRoleAndOriginalName() {
        #expect(BagLayout.payloadPath(sequence: 1, count: 4, role: .productPhoto, originalName: "左耳无声.jpg", language: .zh)
            == "data/01-商品照片-左耳无声.jpg")
        #expect(BagLayout.payloadPath(sequence: 2, count: 4, role: .orderScreenshot, originalName: "订单截图.png", language: .en)
            == "data/02-order-screenshot-订单截图.png")
        #expect(BagLayout.payloadPath(sequence: 7, count: 120, role: .other, originalName: "a.txt", language: .en)
            == "data/007-other-a.txt")
    }

    @Test func roleLabelsWithSlashesBecomeSafeNames() {
        #expect(BagLayout.payloadPath(sequence: 3, count: 3, role: .packagePhoto, originalName: "面单.jpg", language: .zh)
            == "data/03-包裹／面单照片-面单.jpg")
    }

    @Test(arguments: [
        ("a\\b.txt", "a＼b.txt"),
        ("真品?*.jpg", "真品？＊.jpg"),
        ("12:30 <聊天> \"客服\" |.txt", "12：30 ＜聊天＞ ＂客服＂ ｜.txt"),
        ("订单\n截图.png", "订单_截图.png"),
        ("回\r执\t单.pdf", "回_执_单.pdf"),
        ("100% 正品.png", "100% 正品.png"),
    ])
    func namesWindowsOrUnzipWouldChangeAreMadeSafe(original: String, safe: String) {
        #expect(BagLayout.payloadPath(sequence: 1, count: 1, role: .other, originalName: original, language: .en)
            == "data/01-other-" + safe)
    }

    @Test func payloadNamesAreNFC() {
        let decomposed = "caf\u{65}\u{301}.png"  // macOS-style NFD
        let path = BagLayout.payloadPath(sequence: 1, count: 1, role: .other, originalName: decomposed, language: .en)
        #expect(Array(path.utf8) == Array("data/01-other-caf\u{e9}.png".utf8))
    }

    @Test func overlongNamesKeepTheirExtensionWithinTheByteLimit() {
        let long = String(repeating: "长", count: 200) + ".jpeg"
        let path = BagLayout.payloadPath(sequence: 1, count: 1, role: .productPhoto, originalName: long, language: .zh)
        let name = String(path.dropFirst("data/".count))
        #expect(name.utf8.count <= BagLayout.maxNameBytes)
        #expect(name.hasSuffix("长.jpeg"))
        #expect(name.hasPrefix("01-商品照片-长"))
    }

    @Test(arguments: [
        ("plain/名字.jpg", "plain/名字.jpg"),
        ("100%.png", "100%25.png"),
        ("line\nbreak.txt", "line%0Abreak.txt"),
        ("cr\rlf\r\n.txt", "cr%0Dlf%0D%0A.txt"),
        ("%0A literal.txt", "%250A literal.txt"),
    ])
    func manifestPathsArePercentEncodedPerRFC8493(raw: String, encoded: String) {
        #expect(BagLayout.manifestEncoded(raw) == encoded)
        #expect(BagLayout.manifestDecoded(encoded) == raw)
    }

    @Test func decodingAcceptsLowerCaseHexAndLeavesOtherEscapesAlone() {
        #expect(BagLayout.manifestDecoded("a%0ab%25c%20d") == "a\nb%c%20d")
    }

    @Test func bagInfoElementsKeepTheirFixedOrder() {
        let elements = BagLayout.bagInfoElements(baggingDate: "2025-11-29", payloadBytes: 75926, payloadFiles: 4,
                                                 softwareAgent: "evidence 0.1.0 (EvidenceKit)", orderID: "3712345678901234567",
                                                 description: "第一行\n第二行")
        #expect(TagFiles.bagInfo(elements) == """
            Bagging-Date: 2025-11-29
            Payload-Oxum: 75926.4
            Bag-Software-Agent: evidence 0.1.0 (EvidenceKit)
            External-Identifier: 3712345678901234567
            External-Description: 第一行 第二行

            """)
    }

    @Test func bagInfoOmitsTheIdentifierWithoutAnOrderNumber() {
        let elements = BagLayout.bagInfoElements(baggingDate: "2025-11-29", payloadBytes: 0, payloadFiles: 0,
                                                 softwareAgent: "x", orderID: nil, description: "d")
        #expect(elements.map(\.label) == ["Bagging-Date", "Payload-Oxum", "Bag-Software-Agent", "External-Description"])
    }

    @Test func manifestLinesAreSortedByPathBytes() {
        let text = TagFiles.manifest([(path: "data/02-b", sha256: "bb"), (path: "data/01-a\n", sha256: "aa")])
        #expect(text == "aa  data/01-a%0A\nbb  data/02-b\n")
    }

    @Test(arguments: [
        ("out/投诉-3712.zip", "投诉-3712"),
        ("/tmp/x.tar.gz", "x"),
        ("b.TGZ", "b"),
        ("noext", "noext"),
        (".zip", "evidence-bundle"),
    ])
    func bagNameComesFromTheOutputName(output: String, name: String) {
        #expect(BagLayout.bagName(forOutput: output) == name)
    }

    @Test func compressedMediaIsRecognisedFromItsFirstBytes() {
        func check(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { BagLayout.isAlreadyCompressed(firstBytes: $0) } }
        #expect(check(PackFixtures.png()))
        #expect(check([0xFF, 0xD8, 0xFF, 0xE0]))
        #expect(check([0, 0, 0, 0x18] + Array("ftypisom".utf8)))
        #expect(check(Array("%PDF-1.7".utf8)))
        #expect(!check(Array("聊天记录".utf8)))
        #expect(!check([]))
    }
}
