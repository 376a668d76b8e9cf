import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// The verdict: completeness recorded and recomputed, plain bags, exit codes.
struct VerifyTests {
    @Test func incompleteBundleIsValidButIncomplete() {
        let report = verifyBytes(TestBag.quality(status: .incomplete).zip())
        #expect(report.problems == [])
        #expect(report.status == .validIncomplete)
        #expect(report.evidence?.recorded.missingRequired.map(\.requirement) == ["unboxing-or-photo"])
    }

    @Test func bagWithoutEvidenceJSONIsAValidBagButNotABundle() {
        let report = verifyBytes(TestBag.quality(withEvidenceJSON: false).zip())
        #expect(report.codes == [.notAnEvidenceBundle])
        #expect(report.status == .validBag)
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

    @Test func theWorstBundleDecidesTheOverallVerdict() {
        func report(_ status: VerificationReport.Status) -> VerificationReport {
            var r = VerificationReport(bundle: "x", format: .zip, problems: [], bag: nil, evidence: nil, bytesRead: 0, limits: VerificationLimits())
            r.status = status
            return r
        }
        #expect(VerificationReport.Status.worst(of: [report(.validComplete), report(.validIncomplete)]) == .validIncomplete)
        #expect(VerificationReport.Status.worst(of: [report(.unreadable), report(.validIncomplete)]) == .unreadable)
        #expect(VerificationReport.Status.worst(of: [report(.unreadable), report(.invalid), report(.validComplete)]) == .invalid)
        #expect(VerificationReport.Status.worst(of: []) == .validComplete)
    }

    @Test func reportRoundTripsThroughJSONWithBilingualMessages() throws {
        var bag = TestBag.quality()
        bag.replace("data/01-左耳无声.png", with: makePNG(seed: 3))
        let report = verifyBytes(bag.zip())
        let data = try JSONEncoder().encode(report)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(object["status"] as? String == "invalid")
        #expect(object["exit_code"] == nil, "exit codes are the command line's, not the library's")
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
}
