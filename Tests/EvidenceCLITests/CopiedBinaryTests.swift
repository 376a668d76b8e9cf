import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// The `evidence` binary carries its data (the bundled rules, compiled in with `.embedInCode`):
/// a copy run far from the build folder still has its rules, and the build makes no resource
/// bundle for EvidenceKit that a copy would leave behind.
@Suite struct CopiedBinaryTests {
    @Test func aCopiedBinaryStillHasItsRules() throws {
        let dir = TemporaryDirectory("copied-binary")
        let copy = dir.file("evidence")
        try FileManager.default.copyItem(atPath: CLI.executable, toPath: copy)
        let result = try ProcessRunner.run(copy, ["rules", "--export"], environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"],
                                           in: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == RuleSet.bundledDocument + "\n")
    }

    @Test func theBuildMakesNoResourceBundleForTheLibrary() throws {
        let products = try FileManager.default.contentsOfDirectory(atPath: CLI.productsFolder)
        #expect(!products.contains { $0.hasPrefix("EvidenceKit_EvidenceKit") }, "\(products.filter { $0.hasSuffix(".resources") })")
    }
}
