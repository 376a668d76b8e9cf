import Foundation
import EvidenceTestSupport
import Testing

/// The fuzz targets' committed inputs, replayed through the same entry points libFuzzer drives
/// (`Sources/EvidenceFuzz`), without sanitizers: every seed must give its known verdict, and
/// every crash reproducer under `Fuzz/regressions/` must now run to the end with its verdict.
/// A new seed or reproducer without a verdict below fails, so none is replayed unchecked.
struct FuzzReplayTests {
    static let targets = ["verify", "case", "rules", "png", "jpeg", "webp", "gif", "heif", "video", "pdf", "zip", "text", "seal"]

    /// What each seed gives (`Fuzz/seeds/TARGET/NAME`).
    static let seedVerdicts: [String: [String: String]] = [
        "verify": ["bundle.zip": "valid-complete", "bundle.tar.gz": "valid-complete", "bundle.tar": "valid-complete"],
        "case": ["quality.yaml": "ok 4 items", "logistics.json": "case.invalid-value case.missing-file"],
        "rules": ["bundled.json": "ok 8 categories", "small.yaml": "ok 1 categories"],
        "png": ["screenshot.png": "ok", "screenshot-2.png": "ok", "credibility.png": "ok"],
        "jpeg": ["photo-exif.jpg": "ok", "photo-plain.jpg": "ok", "corrupt.jpg": "jpeg.corrupt", "credibility.jpg": "ok"],
        "webp": ["lossy.webp": "ok", "lossless.webp": "ok", "animated.webp": "ok", "photo-exif.webp": "ok",
                 "animated-truncated.webp": "webp.corrupt"],
        "gif": ["still.gif": "ok", "animated.gif": "ok", "animated-truncated.gif": "gif.corrupt", "no-trailer.gif": "gif.corrupt"],
        "heif": ["hopper.heif": "ok"],
        "video": ["clip.mp4": "ok"],
        "pdf": ["receipt.pdf": "ok", "encrypted-open.pdf": "pdf.encrypted"],
        "zip": ["helloworld.ofd": "ok"],
        "seal": ["granted.tsr": "mismatch", "rejected.tsr": "invalid"],
        "text": ["utf8.txt": "ok", "gb18030.txt": "text.legacy-encoding", "utf16le.txt": "ok", "utf8-bom.txt": "ok"],
    ]

    /// What each crash reproducer now gives (Fuzz/README.md lists the crashes).
    static let reproducerVerdicts: [String: [String: String]] = [
        "video": [
            "box-size-overflow.mp4": "video.corrupt",  // 64-bit box size wrapped in ByteReader.boxes (trap)
            "next-box-overflow.mp4": "video.corrupt",  // start + 64-bit size wrapped in VideoChecker (trap)
        ],
        "heif": [
            "box-size-overflow.heic": "heif.corrupt",  // the same walker, reached from a HEIC
            "ispe-area-overflow.heic": "image.too-large",  // width x height of two 2^32-1 sides overflowed Int (trap)
            "iloc-zero-width-extents.heic": "ok",  // ran ~20 million empty extent passes (slowest input)
        ],
    ]

    /// The targets that have crash reproducers, read from the checkout (so a new folder is replayed).
    static let targetsWithReproducers: [String] = targets.filter { !inputs(Repository.path("Fuzz/regressions/" + $0)).isEmpty }

    /// Replays a folder; returns each input's verdict by file name.
    static func replay(_ target: String, _ folder: String) throws -> [String: String] {
        let result = try ProcessRunner.run(CLI.fuzzExecutable, [target, folder])
        #expect(result.status == 0, "\(target) \(folder) ended with \(result.status): \(result.output.suffix(2000))")
        var verdicts: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if parts.count == 2 { verdicts[parts[0]] = parts[1] }
        }
        return verdicts
    }

    static func inputs(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }
    }

    @Test(arguments: targets)
    func seedsGiveTheirKnownVerdicts(target: String) throws {
        let folder = Repository.path("Fuzz/seeds/" + target)
        let names = Self.inputs(folder)
        #expect(!names.isEmpty)
        let verdicts = try Self.replay(target, folder)
        #expect(verdicts == Self.seedVerdicts[target], "\(target): every seed gives its listed verdict")
        #expect(Set(names) == Set(Self.seedVerdicts[target].map { Array($0.keys) } ?? []), "\(target): a seed without a verdict here")
    }

    @Test func everyTargetWithReproducersIsListed() {
        #expect(Self.targetsWithReproducers.sorted() == Self.reproducerVerdicts.keys.sorted())
    }

    @Test(arguments: targetsWithReproducers)
    func everyCrashReproducerNowRunsToTheEnd(target: String) throws {
        let folder = Repository.path("Fuzz/regressions/" + target)
        let verdicts = try Self.replay(target, folder)
        #expect(Set(verdicts.keys) == Set(Self.inputs(folder)))
        #expect(verdicts == Self.reproducerVerdicts[target], "\(target): every reproducer gives its listed verdict")
    }
}
