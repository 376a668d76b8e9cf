import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

struct InitTests {
    @Test func initListsFilesWithGuessedRolesAndTheCaseLoads() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.copy("screenshot.png", as: "订单截图.png")
        try folder.copy("photo-a.jpg", as: "photos/\"quoted\" 照片.jpg")
        try folder.copy("chat.txt", as: ".hidden.txt")
        let result = try CLI.run(["init", "--category", "quality", folder.path, "--json"])
        #expect(result.status == 0)
        let text = try String(contentsOfFile: folder.path + "/case.yaml", encoding: .utf8)
        #expect(text.contains("# order_id:"))
        #expect(!text.contains(".hidden"))
        let loaded = try CaseFile.load(path: folder.path)
        #expect(loaded.complaint.category == "quality")
        #expect(loaded.complaint.evidence.map(\.file) == ["photos/\"quoted\" 照片.jpg", "订单截图.png"])
        #expect(loaded.complaint.evidence.map(\.role) == [.productPhoto, .orderScreenshot])
    }

    @Test func initNeverOverwritesWithoutForce() throws {
        let folder = try CaseFolder()
        defer { folder.remove() }
        try folder.write("category: quality\n", to: "case.yaml")
        let refused = try CLI.run(["init", folder.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--force"))
        #expect(try String(contentsOfFile: folder.path + "/case.yaml", encoding: .utf8) == "category: quality\n")
        #expect(try CLI.run(["init", "--force", folder.path]).status == 0)
        #expect(try String(contentsOfFile: folder.path + "/case.yaml", encoding: .utf8).contains("evidence: []"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["case.yaml"])
    }
}
