import EvidenceKit
import Foundation

/// Tallies how well the content was understood: role accuracy, exact order-number recall,
/// every fact, and the confusions (Docs/ACCURACY.md).
struct Understanding {
    struct Verdict {
        var roleRight: Bool
        var wrongFacts: [String]
    }

    var files = 0, rolesRight = 0
    var orderNumbers = 0, orderNumbersExact = 0
    var facts = 0, factsExact = 0
    var confusions: [String] = []
    var factMisses: [String] = []

    mutating func add(file: String, expectedRole: String, expectedFacts: [String: String],
                      assessed: RoleAssessment, reading: ContentReading?) -> Verdict {
        files += 1
        let roleRight = assessed.role.rawValue == expectedRole
        if roleRight { rolesRight += 1 } else {
            confusions.append("\(file): \(expectedRole) read as \(assessed.role.rawValue) (\(assessed.basis.rawValue), confidence \(assessed.confidence), cues \(assessed.cues.prefix(4).joined(separator: " ")))")
        }
        var wrong: [String] = []
        for (kind, value) in expectedFacts.sorted(by: { $0.key < $1.key }) {
            facts += 1
            let got = reading?.facts.first { $0.kind.rawValue == kind }?.value
            if kind == "order_number" { orderNumbers += 1 }
            if got == value {
                factsExact += 1
                if kind == "order_number" { orderNumbersExact += 1 }
            } else {
                wrong.append("\(kind)=\(got ?? "none") (want \(value))")
                factMisses.append("\(file): \(kind) \(got ?? "not found") instead of \(value)")
            }
        }
        return Verdict(roleRight: roleRight, wrongFacts: wrong)
    }

    mutating func addExports() throws {
        for sample in ExportSamples.all() {
            let reading = ContentInterpreter.readExport(bytes: sample.bytes, name: sample.name)
            let assessed = reading?.role ?? RoleAssessment(role: .other, basis: .content, confidence: 0, cues: [])
            let verdict = add(file: sample.name, expectedRole: sample.role.rawValue, expectedFacts: sample.facts, assessed: assessed, reading: reading)
            print("\(verdict.roleRight && verdict.wrongFacts.isEmpty ? "ok  " : "MISS") export  \(sample.name)  role \(assessed.role.rawValue)"
                  + (verdict.wrongFacts.isEmpty ? "" : "  facts wrong: \(verdict.wrongFacts)"))
        }
    }

    func percent(_ a: Int, _ b: Int) -> String { b == 0 ? "-" : String(format: "%.1f%%", 100 * Double(a) / Double(b)) }

    func printSummary() {
        print("understanding: \(files) files; role accuracy \(rolesRight)/\(files) (\(percent(rolesRight, files))); "
              + "exact order numbers \(orderNumbersExact)/\(orderNumbers) (\(percent(orderNumbersExact, orderNumbers))); "
              + "facts exact \(factsExact)/\(facts) (\(percent(factsExact, facts)))")
        print("confusions (\(confusions.count)):")
        for c in confusions { print("  \(c)") }
        print("facts missed or wrong (\(factMisses.count)):")
        for m in factMisses { print("  \(m)") }
    }
}
