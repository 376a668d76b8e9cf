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
                            "order-status-intercept", "price-fraud-blender", "quality-earbuds", "shipping-delay-lamp"])
    }
}
