import Foundation
import EvidenceTestSupport
import Testing

/// `Docs/bagit-profile.json` (BagIt Profiles 1.4.0) describes what `evidence pack` writes: its
/// declared requirements are checked here on packed samples, by this test and by bagit-profile.
struct DocsBagItProfileTests {
    static let profileIdentifier = "https://evidencekit.invalid/profiles/evidence-bundle-v1.json"

    func profile() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Docs/bagit-profile.json")))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Packs a sample and unzips it with Info-ZIP unzip; returns the bag folder.
    func unpackedBag(_ sample: String, format: String, in dir: TemporaryDirectory, extra: [String] = []) throws -> (bundle: String, bag: String) {
        let bundle = dir.path + "/" + sample + (format == "zip" ? ".zip" : ".tar.gz")
        let packed = try CLI.run(["pack", Repository.samples + "/" + sample, "-o", bundle] + extra)
        #expect(packed.status == 0, "\(packed.stderr)")
        let out = dir.path + "/x-" + sample
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let extracted = format == "zip"
            ? try ProcessRunner.run("/usr/bin/unzip", ["-q", bundle, "-d", out])
            : try ProcessRunner.run("/usr/bin/env", ["bsdtar", "-xf", bundle, "-C", out])
        #expect(extracted.status == 0, "\(extracted.stderr)")
        return (bundle, out + "/" + sample)
    }

    @Test func theProfileDeclaresVersion140AndTheBundleLayout() throws {
        let profile = try profile()
        let info = try #require(profile["BagIt-Profile-Info"] as? [String: Any])
        #expect(info["BagIt-Profile-Version"] as? String == "1.4.0")
        #expect(info["BagIt-Profile-Identifier"] as? String == DocsBagItProfileTests.profileIdentifier)
        for key in ["Source-Organization", "External-Description", "Version"] { #expect(info[key] is String, "\(key)") }
        #expect(profile["Manifests-Required"] as? [String] == ["sha256"])
        #expect(profile["Tag-Manifests-Required"] as? [String] == ["sha256"])
        #expect(profile["Accept-BagIt-Version"] as? [String] == ["1.0"])
        #expect(profile["Allow-Fetch.txt"] as? Bool == false)
        #expect(profile["Serialization"] as? String == "required")
    }

    @Test(arguments: [("quality-earbuds", "zip"), ("missing-items-charger", "tar.gz"), ("counterfeit-sneakers", "zip")])
    func aPackedSampleMeetsEveryDeclaredRequirement(sample: String, format: String) throws {
        let profile = try profile()
        let dir = TemporaryDirectory("profile")
        let (_, bag) = try unpackedBag(sample, format: format, in: dir, extra: sample == "counterfeit-sneakers" ? ["--allow-incomplete"] : [])
        let top = try FileManager.default.contentsOfDirectory(atPath: bag).sorted()

        // Manifests: exactly the required algorithms, no others.
        let manifests = top.filter { $0.hasPrefix("manifest-") }.map { String($0.dropFirst(9).dropLast(4)) }
        let tagManifests = top.filter { $0.hasPrefix("tagmanifest-") }.map { String($0.dropFirst(12).dropLast(4)) }
        #expect(manifests == profile["Manifests-Allowed"] as? [String])
        #expect(tagManifests == profile["Tag-Manifests-Allowed"] as? [String])

        // Tag files: the required ones are there, and nothing beyond the allowed ones and BagIt's own.
        let bagitOwn: Set<String> = ["bagit.txt", "bag-info.txt"]
        let otherTags = top.filter { $0 != "data" && !bagitOwn.contains($0) && !$0.hasPrefix("manifest-") && !$0.hasPrefix("tagmanifest-") }
        for required in profile["Tag-Files-Required"] as? [String] ?? [] { #expect(otherTags.contains(required), "\(required)") }
        #expect(Set(otherTags).isSubset(of: Set(profile["Tag-Files-Allowed"] as? [String] ?? [])), "\(otherTags)")
        #expect(!top.contains("fetch.txt"))

        // Payload: a non-empty data/ with files only.
        let payload = try FileManager.default.contentsOfDirectory(atPath: bag + "/data")
        #expect(!payload.isEmpty)

        // bagit.txt and bag-info.txt: accepted version; required elements present once; none repeated.
        let bagit = try String(contentsOfFile: bag + "/bagit.txt", encoding: .utf8)
        let accepted = profile["Accept-BagIt-Version"] as? [String] ?? []
        #expect(accepted.contains { bagit.hasPrefix("BagIt-Version: \($0)\n") })
        let labels = try String(contentsOfFile: bag + "/bag-info.txt", encoding: .utf8).split(separator: "\n").map {
            String($0.split(separator: ":", maxSplits: 1)[0])
        }
        let elements = profile["Bag-Info"] as? [String: [String: Any]] ?? [:]
        for (label, rule) in elements {
            let count = labels.filter { $0 == label }.count
            if rule["required"] as? Bool == true { #expect(count >= 1, "\(label) is required") }
            if rule["repeatable"] as? Bool == false { #expect(count <= 1, "\(label) is not repeatable") }
        }
        #expect(Set(labels).isSubset(of: Set(elements.keys)), "bag-info.txt holds an element the profile does not describe: \(labels)")
    }

    /// bagit-profile (PyPI), a third-party validator. Bundles v1 do not write the
    /// `BagIt-Profile-Identifier` element (Docs/bundle-format.md fixes bag-info.txt), which bagit-profile
    /// insists on: the untouched bag fails on exactly that, and a copy with the line added passes.
    @Test func bagitProfileAcceptsAPackedSample() throws {
        let python = try #require(PythonTools.python, "bagit-profile is not available: run `make venv`")
        let dir = TemporaryDirectory("profile")
        let (bundle, bag) = try unpackedBag("quality-earbuds", format: "zip", in: dir)
        let declared = dir.path + "/declared"
        let copy = try ProcessRunner.run("/bin/cp", ["-R", bag, declared])
        #expect(copy.status == 0)
        let info = try FileHandle(forWritingTo: URL(fileURLWithPath: declared + "/bag-info.txt"))
        try info.seekToEnd()
        try info.write(contentsOf: Data("BagIt-Profile-Identifier: \(DocsBagItProfileTests.profileIdentifier)\n".utf8))
        try info.close()
        let script = """
            import json, logging, sys, bagit, bagit_profile
            logging.disable(logging.CRITICAL)
            text = open(sys.argv[1], encoding="utf-8").read()
            profile = bagit_profile.Profile(json.loads(text)["BagIt-Profile-Info"]["BagIt-Profile-Identifier"], profile=text)
            if not profile.validate_serialization(sys.argv[2]):
                print("serialization"); sys.exit(1)
            for folder in sys.argv[3:]:
                ok = profile.validate(bagit.Bag(folder))
                print(folder.rsplit("/", 1)[-1], ok, "|".join(str(e) for e in profile.report.errors))
            """
        let result = try ProcessRunner.run(python, ["-c", script, Repository.path("Docs/bagit-profile.json"), bundle, bag, declared])
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("quality-earbuds False ") == true && lines.first?.contains("BagIt-Profile-Identifier") == true,
                "\(lines)")
        #expect(lines.last == "declared True ", "\(lines)")
    }
}
