import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// `inspect` over every third-party file in `../shared/corpus` (shown as skipped when it is absent):
/// every file gets a verdict without a crash or hang, damaged PNGs and JPEGs are flagged and
/// valid ones accepted.
@Suite struct CorpusSweepTests {
    @Test(.enabled(if: Repository.sharedCorpus != nil, "../shared/corpus is not beside the checkout"))
    func everyCorpusFileGetsAVerdict() throws {
        let corpus = try #require(Repository.sharedCorpus)
        let files = try Inspection.inspect(paths: [corpus])
        #expect(files.count > 500)
        for file in files where file.status != .skipped && file.status != .unreadable {
            #expect(file.sha256.count == 64, "\(file.path)")
            #expect(!file.mimeType.isEmpty, "\(file.path)")
        }
        let pngSuite = files.filter { $0.path.contains("/images/pngsuite/") && $0.name.hasSuffix(".png") }
        #expect(pngSuite.count == 175)
        for file in pngSuite {
            if file.name.hasPrefix("x") {
                #expect(file.status == .corrupt, "corrupt PngSuite file accepted: \(file.name)")
            } else {
                #expect(file.status == .ok, "valid PngSuite file refused: \(file.name) \(file.codes)")
            }
        }
        let knownTruncated = ["broken-pillow/truncated_jpeg.jpg", "polyglots/small-invalid.jpg", "exif/corrupted.jpg",
                              "broken-pillow/truncated_image.png", "broken-pillow/truncated_end_chunk.png",
                              "minimal-files/small_png-truncated.png"]
        for name in knownTruncated {
            let file = try #require(files.first { $0.path.hasSuffix(name) }, "\(name) missing from the corpus")
            #expect(file.status == .corrupt, "\(name) not flagged")
        }
        let heic = try #require(files.first { $0.name == "exifsamples_IMG_5195.HEIC" })
        #expect(heic.status == .ok)
        #expect(heic.metadata.captureTime == "2021-04-11T15:47:53-05:00")
        #expect(heic.metadata.hasGPS == true)
    }

    @Test(.enabled(if: Repository.sharedCorpus != nil, "../shared/corpus is not beside the checkout"))
    func everyValidCorpusJPEGCutShortIsFlagged() throws {
        let corpus = try #require(Repository.sharedCorpus)
        let dir = TemporaryDirectory("truncated")
        let inspector = try FileInspector()
        let folder = corpus + "/images/exif"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".jpg") }.sorted()
        var checked = 0
        for name in names {
            let original = inspector.inspectFile(at: folder + "/" + name)
            guard original.status == .ok else { continue }
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            for fraction in [0.3, 0.7, 0.95] {
                let cut = dir.write("\(name)-\(fraction).jpg", Array(bytes.prefix(Int(Double(bytes.count) * fraction))))
                let file = inspector.inspectFile(at: cut)
                #expect(file.status == .corrupt, "\(name) cut to \(fraction) not flagged")
            }
            checked += 1
        }
        #expect(checked > 20)
    }
}
