import Foundation
import Testing
@testable import EvidenceKit

/// The verdict: completeness recorded and recomputed, plain bags, exit codes, the CLI.
struct VerifyTests {
    @Test func incompleteBundleIsValidButIncomplete() {
        let report = verifyBytes(TestBag.quality(status: .incomplete).zip())
        #expect(report.problems == [])
        #expect(report.status == .validIncomplete && report.status.exitCode == 3)
        #expect(report.evidence?.recorded.missingRequired.map(\.requirement) == ["unboxing-or-photo"])
    }

    @Test func bagWithoutEvidenceJSONIsAValidBagButNotABundle() {
        let report = verifyBytes(TestBag.quality(withEvidenceJSON: false).zip())
        #expect(report.codes == [.notAnEvidenceBundle])
        #expect(report.status == .validBag && report.status.exitCode == 3)
        #expect(report.evidence == nil)
    }

    @Test func recomputedCompletenessIsComparedWithTheRecordedOne() {
        let bundle = TestBag.quality().zip()
        let agreeing = BundleVerifier(recomputeCompleteness: { $0.completeness })
        let same = verifyBytes(bundle, verifier: agreeing)
        #expect(same.problems == [] && same.evidence?.recomputed != nil && same.status == .validComplete)

        let disagreeing = BundleVerifier(recomputeCompleteness: { manifest in
            var result = manifest.completeness
            result.status = .incomplete
            result.missingRequired = [CompletenessResult.Gap(requirement: "order-proof", roles: [.orderScreenshot], minimum: 1, found: 0,
                                                             reason: LocalizedText(zh: "", en: ""), advice: LocalizedText(zh: "", en: ""), citation: nil)]
            return result
        })
        let report = verifyBytes(bundle, verifier: disagreeing)
        #expect(report.codes == [.completenessMismatch])
        #expect(report.problems[0].expected == "complete" && report.problems[0].found == "incomplete [order-proof]")
        #expect(report.status == .invalid)

        struct RulesMissing: Error {}
        let failing = BundleVerifier(recomputeCompleteness: { _ in throw RulesMissing() })
        let warned = verifyBytes(bundle, verifier: failing)
        #expect(warned.codes == [.completenessNotRecomputed] && warned.status == .validComplete)
    }

    @Test func recordedVerdictThatContradictsItselfIsInvalid() {
        var bag = TestBag.quality(status: .incomplete)
        bag.edit("evidence.json") { $0.replacingOccurrences(of: "\"status\" : \"incomplete\"", with: "\"status\" : \"complete\"") }
        bag.resealTagManifest()
        #expect(verifyBytes(bag.zip()).codes == [.completenessInconsistent])
    }

    @Test func unreadableEvidenceJSONNamesTheField() {
        var bag = TestBag.quality()
        bag.edit("evidence.json") { $0.replacingOccurrences(of: "\"format_version\"", with: "\"format\"") }
        bag.resealTagManifest()
        let report = verifyBytes(bag.zip())
        #expect(report.codes == [.invalidEvidenceJSON])
        #expect(report.problems[0].detail == "missing field .format_version")
    }

    @Test func worstBundleDecidesTheExitCode() {
        func report(_ status: VerificationReport.Status) -> VerificationReport {
            var r = VerificationReport(bundle: "x", format: .zip, problems: [], bag: nil, evidence: nil, bytesRead: 0, limits: VerificationLimits())
            r.status = status
            return r
        }
        #expect(BundleVerifier.exitCode(for: [report(.validComplete), report(.validIncomplete)]) == 3)
        #expect(BundleVerifier.exitCode(for: [report(.unreadable), report(.validIncomplete)]) == 2)
        #expect(BundleVerifier.exitCode(for: [report(.unreadable), report(.invalid), report(.validComplete)]) == 1)
    }

    @Test func reportRoundTripsThroughJSONWithBilingualMessages() throws {
        var bag = TestBag.quality()
        bag.replace("data/01-左耳无声.png", with: makePNG(seed: 3))
        let report = verifyBytes(bag.zip())
        let data = try JSONEncoder().encode(report)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(object["status"] as? String == "invalid")
        #expect(object["exit_code"] as? Int == 1)
        let problem = (object["problems"] as! [[String: Any]])[0]
        #expect(problem["code"] as? String == "bag.checksum-mismatch")
        let message = problem["message"] as! [String: String]
        #expect(message["zh"]!.contains("data/01-左耳无声.png") && message["en"]!.contains("data/01-左耳无声.png"))
        #expect(try JSONDecoder().decode(VerificationReport.self, from: data) == report)
    }

    @Test func everyProblemCodeHasAMessageInBothLanguages() {
        for code in VerificationProblem.Code.allCases {
            let message = VerificationProblem(code, entry: "bag/x").message
            #expect(!message.zh.isEmpty && !message.en.isEmpty && message.zh != message.en, "\(code)")
        }
    }

    @Test func cliPrintsOneJSONLinePerBundleAndTheWorstExitCode() throws {
        let binary = packageRoot + "/.build/debug/evidence"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("build the CLI first (swift build): \(binary) is missing")
            return
        }
        let folder = TempFolder()
        defer { folder.remove() }
        let good = folder.write("good.zip", TestBag.quality().zip())
        // Incomplete by the bundled rules too (the CLI recomputes): no product photo or video.
        var incompleteBag = TestBag.quality(status: .incomplete, payload: [
            ("data/01-订单截图.png", .orderScreenshot, makePNG(seed: 2)),
            ("data/02-旺旺聊天记录.txt", .chatRecord, Array("买家：左耳没有声音\n".utf8)),
        ])
        incompleteBag.editEvidence { $0.completeness.missingRequired[0].requirement = "defect-shown" }
        incompleteBag.resealTagManifest()
        let incomplete = folder.write("incomplete.zip", incompleteBag.zip())
        let bad = folder.write("bad.zip", TestZip([TestZip.Entry("../evil", [1])]).bytes())
        let (status, output) = try run(binary, ["verify", "--json-lines", "--jobs", "2", good, incomplete, bad], in: folder.path)
        #expect(status == 1)
        let lines = output.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.map { $0["status"] as? String } == ["valid-complete", "valid-incomplete", "invalid"])
        let (incompleteStatus, text) = try run(binary, ["verify", "--lang", "zh", good, incomplete], in: folder.path)
        #expect(incompleteStatus == 3)
        #expect(text.contains("有效，证据齐全") && text.contains("有效，但证据不齐全"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["bad.zip", "good.zip", "incomplete.zip"])
        let (usage, _) = try run(binary, ["verify"], in: folder.path)
        #expect(usage == 64 || usage == 2)
    }
}
