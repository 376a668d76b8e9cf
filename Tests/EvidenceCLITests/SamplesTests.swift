import Foundation
import EvidenceTestSupport
import Testing

/// Every sample's `evidence check` verdict, through the built binary.
struct SamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples").path

    @Test(arguments: [
        ("quality-earbuds", "complete", Int32(0)), ("not-as-described-jacket", "complete", 0), ("counterfeit-sneakers", "incomplete", 3),
        ("missing-items-charger", "complete", 0), ("shipping-delay-lamp", "complete", 0), ("logistics-lost-parcel", "complete", 0),
        ("price-fraud-blender", "incomplete", 3), ("order-status-intercept", "complete", 0),
    ])
    func sampleVerdict(folder: String, status: String, exit: Int32) throws {
        let result = try CLI.run(["check", Repository.samples + "/" + folder, "--json", "--today", "2026-11-15"])
        #expect(result.status == exit)
        #expect(result.json["status"] as? String == status)
        #expect(result.json["exit_code"] as? Int == Int(exit))
        let files = result.json["files"] as? [[String: Any]] ?? []
        #expect(!files.isEmpty && files.allSatisfy { $0["counts"] as? Bool == true })
    }

    @Test func everySampleFolderIsAsserted() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Repository.samples).filter { !$0.contains(".") }.sorted()
        #expect(folders == ["counterfeit-sneakers", "logistics-lost-parcel", "missing-items-charger", "not-as-described-jacket",
                            "order-status-intercept", "phone-quality", "price-fraud-blender", "quality-earbuds", "shipping-delay-lamp"])
    }

    /// `make demo`'s quick check: a folder as a phone leaves it (phone names, no case file) is
    /// complete, because the roles come from what each file shows.
    @Test(.enabled(if: ReadingProbe.readsContent))
    func phoneFolderIsCompleteFromWhatTheFilesShow() throws {
        let result = try CLI.run(["check", "--category", "quality", Repository.samples + "/phone-quality", "--json", "--today", "2026-11-08"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.json["status"] as? String == "complete")
        let files = result.json["files"] as? [[String: Any]] ?? []
        let byName = Dictionary(uniqueKeysWithValues: files.map { (URL(fileURLWithPath: $0["file"] as? String ?? "").lastPathComponent, $0) })
        let expected = [
            "Screenshot_20261105-203312_Taobao.png": "order-screenshot", "Screenshot_20261106-101532_Taobao.png": "logistics-record",
            "微信图片_20261106203901.png": "chat-record", "IMG_4471.PNG": "payment-receipt", "1699012345678.pdf": "payment-receipt",
            "IMG_20261106_201405.jpg": "product-photo", "IMG_20261106_201540.jpg": "product-photo",
        ]
        #expect(Set(byName.keys) == Set(expected.keys))
        for (name, role) in expected {
            #expect(byName[name]?["role"] as? String == role, "\(name)")
            #expect(byName[name]?["counts"] as? Bool == true, "\(name)")
        }
        let basis = byName["Screenshot_20261105-203312_Taobao.png"]?["role_assessment"] as? [String: Any]
        #expect(basis?["basis"] as? String == "content")
        // One order throughout: no cross-check warning; the deadlines count from the logistics record's signing.
        #expect((result.json["evidence_warnings"] as? [Any])?.isEmpty == true)
        let advice = result.json["time_advice"] as? [[String: Any]] ?? []
        #expect(advice.first?["code"] as? String == "time.receipt-date-read")
        #expect(advice.first?["read_from"] as? String == Repository.samples + "/phone-quality/Screenshot_20261106-101532_Taobao.png")
    }
}
