import Crypto
import Foundation
@testable import EvidenceKit

/// Real files and helpers for the bundle tests (the sample case's files, packing with test doubles).
public enum PackFixtures {
    public static let sampleFolder = URL(fileURLWithPath: Repository.samples + "/quality-earbuds")

    /// Copies the sample's files into `folder` (under the given names) and returns the sources.
    /// Roles: product photo (JPEG), order screenshot (PNG), payment receipt (PDF), chat record (text).
    public static func sampleSources(in folder: String, names: [String]? = nil) throws -> [PackSource] {
        let originals: [(String, EvidenceRole, String?)] = [
            ("photos/左耳无声.jpg", .productPhoto, "左耳机无声音"),
            ("订单截图.png", .orderScreenshot, nil),
            ("支付宝回单.pdf", .paymentReceipt, nil),
            ("旺旺聊天记录.txt", .chatRecord, "客服三天未回复"),
        ]
        return try originals.enumerated().map { index, original in
            let name = names?[index] ?? (original.0 as NSString).lastPathComponent
            let target = folder + "/" + name
            try FileManager.default.copyItem(atPath: sampleFolder.appendingPathComponent(original.0).path, toPath: target)
            return PackSource(item: ComplaintCase.Item(file: name, role: original.1, note: original.2), path: target)
        }
    }

    /// The sample's case description.
    public static func sampleCase(evidence: [ComplaintCase.Item]) -> ComplaintCase {
        var complaint = ComplaintCase(category: "quality", evidence: evidence)
        complaint.platform = .taobao
        complaint.orderID = "3712345678901234567"
        complaint.shop = "某某旗舰店"
        complaint.item = "蓝牙耳机"
        complaint.amountPaid = "299.00"
        complaint.orderedAt = "2026-11-01"
        complaint.receivedAt = "2026-11-05"
        complaint.foundAt = "2026-11-06"
        complaint.claim = .refund
        complaint.description = "左耳无声，联系客服三天未回复。"
        return complaint
    }

    /// A test double for the completeness evaluator (the real one lives in Evaluation/): the
    /// case is complete when every role in `required` has at least one file that counts.
    public static func evaluatorDouble(required: [EvidenceRole]) -> ([BundlePacker.InspectedItem]) -> CompletenessResult {
        { items in
            let gaps = required.filter { role in !items.contains { $0.item.role == role && $0.file.counts } }.map { role in
                CompletenessResult.Gap(requirement: "needs-\(role.rawValue)", roles: [role], minimum: 1, found: 0,
                                       reason: LocalizedText(zh: "需要\(role.label.zh)", en: "needs \(role.label.en)"),
                                       advice: LocalizedText(zh: "请补充", en: "add one"), citation: nil)
            }
            return CompletenessResult(status: gaps.isEmpty ? .complete : .incomplete, category: "quality",
                                      rulesVersion: "test-1", missingRequired: gaps, missingRecommended: [])
        }
    }

    /// A test double for the rules' purposes.
    public static func purposeDouble(_ role: EvidenceRole) -> LocalizedText? {
        role == .productPhoto ? LocalizedText(zh: "证明商品存在质量问题", en: "Shows the defect") : nil
    }

    /// Packs `sources` with the doubles above.
    @discardableResult
    public static func pack(_ sources: [PackSource], to output: String, options: PackOptions = PackOptions(sourceDateEpoch: 1_764_374_400, durable: false),
                     required: [EvidenceRole] = [.productPhoto, .orderScreenshot],
                     progress: ((PackProgress) -> Void)? = nil) throws -> PackReport {
        try BundlePacker().pack(case: sampleCase(evidence: sources.map(\.item)), sources: sources, output: output, options: options,
                                evaluate: evaluatorDouble(required: required), purpose: purposeDouble, progress: progress)
    }

    public static func sha256(_ bytes: [UInt8]) -> String {
        sha256Hex(bytes)
    }

    public static func sha256(file: String) throws -> String {
        sha256(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
    }

    /// The files in a folder (names only).
    public static func listing(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    /// A valid PNG of `width`×`height` grey pixels, built from its chunks (stored deflate).
    public static func png(width: Int = 4, height: Int = 3) -> [UInt8] {
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(UInt32(data.count)) + body + be32(crc32(body))
        }
        var raw: [UInt8] = []
        for _ in 0..<height { raw += [0] + [UInt8](repeating: 0x80, count: width) }
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        let length = UInt16(raw.count)
        let zlib: [UInt8] = [0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)] + raw + be32(b << 16 | a)
        let ihdr = be32(UInt32(width)) + be32(UInt32(height)) + [8, 0, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", zlib) + chunk("IEND", [])
    }
}
