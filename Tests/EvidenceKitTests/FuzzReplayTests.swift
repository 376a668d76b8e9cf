import Foundation
import Testing

/// The fuzz targets' committed inputs, replayed through the same entry points libFuzzer drives
/// (`Sources/EvidenceFuzz`), without sanitizers: the seed corpora must give their known
/// verdicts, and every crash reproducer under `Fuzz/regressions/` must now run to the end.
struct FuzzReplayTests {
    static let targets = ["verify", "case", "rules", "png", "jpeg", "webp", "gif", "heif", "video", "pdf", "zip", "text"]

    /// `evidence-fuzz`, built beside the test bundle by `swift build`.
    static var executable: String {
        (CLI.executable as NSString).deletingLastPathComponent + "/evidence-fuzz"
    }

    /// Replays a folder; returns each input's verdict by file name.
    static func replay(_ target: String, _ folder: String) throws -> [String: String] {
        let result = try PackFixtures.run(executable, [target, folder])
        #expect(result.status == 0, "\(target) \(folder) ended with \(result.status): \(result.output.suffix(2000))")
        var verdicts: [String: String] = [:]
        for line in result.output.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if parts.count == 2 { verdicts[parts[0]] = parts[1] }
        }
        return verdicts
    }

    static func inputs(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }
    }

    @Test(arguments: targets)
    func seedsGiveTheirKnownVerdicts(target: String) throws {
        let folder = PackFixtures.repositoryRoot.appendingPathComponent("Fuzz/seeds/" + target).path
        let names = Self.inputs(folder)
        #expect(!names.isEmpty)
        let verdicts = try Self.replay(target, folder)
        #expect(Set(verdicts.keys) == Set(names))
        let expected: [String: String] = [
            "bundle.zip": "valid-complete", "bundle.tar.gz": "valid-complete", "bundle.tar": "valid-complete",
            "quality.yaml": "ok 4 items", "bundled.json": "ok 8 categories", "small.yaml": "ok 1 categories",
            "screenshot.png": "ok", "photo-exif.jpg": "ok", "corrupt.jpg": "jpeg.corrupt", "hopper.heif": "ok",
            "clip.mp4": "ok", "receipt.pdf": "ok", "encrypted-open.pdf": "pdf.encrypted", "helloworld.ofd": "ok",
            "utf8.txt": "ok", "gb18030.txt": "text.legacy-encoding",
            "lossy.webp": "ok", "lossless.webp": "ok", "animated.webp": "ok", "photo-exif.webp": "ok",
            "animated-truncated.webp": "webp.corrupt",
            "still.gif": "ok", "animated.gif": "ok", "animated-truncated.gif": "gif.corrupt", "no-trailer.gif": "gif.corrupt",
        ]
        for (name, verdict) in verdicts {
            if let want = expected[name] { #expect(verdict == want, "\(target)/\(name)") }
        }
    }

    @Test(arguments: targets)
    func everyCrashReproducerNowRunsToTheEnd(target: String) throws {
        let folder = PackFixtures.repositoryRoot.appendingPathComponent("Fuzz/regressions/" + target).path
        let names = Self.inputs(folder).filter { !$0.hasSuffix(".md") }
        guard !names.isEmpty else { return }  // no crash was ever found in this target
        let verdicts = try Self.replay(target, folder)
        #expect(Set(verdicts.keys) == Set(names))
        // What each reproducer must now give (Fuzz/README.md lists the crashes).
        let expected = [
            "box-size-overflow.mp4": "video.corrupt",  // 64-bit box size wrapped in ByteReader.boxes (trap)
            "box-size-overflow.heic": "heif.corrupt",  // the same walker, reached from a HEIC
            "next-box-overflow.mp4": "video.corrupt",  // start + 64-bit size wrapped in VideoChecker (trap)
            "ispe-area-overflow.heic": "image.too-large",  // width x height of two 2^32-1 sides overflowed Int (trap)
        ]
        for (name, verdict) in verdicts {
            if let want = expected[name] { #expect(verdict == want, "\(target)/\(name)") }
        }
    }
}
