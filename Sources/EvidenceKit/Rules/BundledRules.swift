// The rules EvidenceKit ships with live in `rules.json` beside this file (schema
// `evidencekit-rules/1`, Docs/rules.md), the one copy: SwiftPM compiles its bytes into the
// library (`resources: [.embedInCode("Rules/rules.json")]` in Package.swift, which generates
// `PackageResources.rules_json`), so no resource bundle is needed at run time and a copied or
// installed `evidence` binary still has its rules. The fuzz seed `Fuzz/seeds/rules/bundled.json`
// is a symbolic link to it and `make docs` generates the category chapters from it
// (`RulesDataFileTests` fails if a second copy appears). Edit the JSON, then run `make docs`.

extension RuleSet {
    /// The bundled rules document (JSON), as ``RuleSet/bundled()`` parses it and
    /// `evidence rules --export` prints it: the text of `Sources/EvidenceKit/Rules/rules.json`
    /// without its final newline.
    public static let bundledDocument: String = {
        var text = String(decoding: PackageResources.rules_json, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }()
}
