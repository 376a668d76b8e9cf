import Foundation
import EvidenceTestSupport
import Testing
@testable import EvidenceKit

/// A check that could not run never says "ok": every checker made to fail to start (a factory
/// that returns nothing, a C library that reports it could not start) gives `check.not-run` and
/// the status `unreadable`, and so does a file no inspector could be made for.
@Suite struct FailClosedTests {
    /// Streams `bytes` through `checker` and concludes as `FileInspector` does.
    func conclude(_ checker: ContentChecker, _ bytes: [UInt8], name: String) -> InspectedFile {
        bytes.withUnsafeBytes { checker.consume($0) }
        let outcome = checker.finish(size: UInt64(bytes.count))
        var file = InspectedFile.placeholder(path: "/evidence/" + name)
        FileInspector.conclude(&file, size: UInt64(bytes.count), detection: nil, outcome: outcome, describing: false)
        return file
    }

    func expectNotRun(_ file: InspectedFile, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(file.codes.contains("check.not-run"), "\(file.codes)", sourceLocation: sourceLocation)
        #expect(file.status == .unreadable, sourceLocation: sourceLocation)
        #expect(!file.counts, sourceLocation: sourceLocation)
        let finding = file.findings.first { $0.code == "check.not-run" }
        #expect(finding?.severity == .error, sourceLocation: sourceLocation)
        #expect(finding?.message.en.contains(file.name) == true && finding?.message.zh.contains(file.name) == true,
                sourceLocation: sourceLocation)
    }

    @Test func aPNGCheckerThatCannotBeCreatedSaysItDidNotRun() {
        let checker = PNGChecker(limits: InspectionLimits(), factory: { _, _ in nil })
        expectNotRun(conclude(checker, fixture("inspect/screenshot.png"), name: "screenshot.png"))
    }

    @Test func aJPEGCheckThatCannotStartSaysItDidNotRun() {
        let checker = JPEGChecker(limits: InspectionLimits(), decode: { _, _, result in result.status = .not_run })
        expectNotRun(conclude(checker, fixture("inspect/photo-plain.jpg"), name: "photo.jpg"))
    }

    @Test func aWebPCheckThatCannotStartSaysItDidNotRun() {
        let checker = WebPChecker(limits: InspectionLimits(), decode: { _, _, result in result.status = .not_run })
        expectNotRun(conclude(checker, fixture("webp-gif/lossy.webp"), name: "lossy.webp"))
    }

    @Test func aGIFCheckThatCannotStartSaysItDidNotRun() {
        let checker = GIFChecker(limits: InspectionLimits(), decode: { _, _, result in result.status = .not_run })
        expectNotRun(conclude(checker, fixture("webp-gif/still.gif"), name: "still.gif"))
    }

    @Test func aPDFCheckThatCannotStartSaysItDidNotRun() {
        let checker = PDFChecker(limits: InspectionLimits(), decode: { _, _, result in result.status = .not_run })
        expectNotRun(conclude(checker, fixture("inspect/two-pages.pdf"), name: "two-pages.pdf"))
    }

    @Test func aZipCheckWhoseArchiveReaderCannotStartSaysItDidNotRun() {
        let checker = ZipChecker(limits: InspectionLimits(), open: { _ in
            throw ArchiveReadError(detail: "archive_read_new failed", notStarted: true)
        })
        expectNotRun(conclude(checker, fixture("inspect/helloworld.ofd"), name: "helloworld.ofd"))
    }

    @Test func filesNoInspectorCouldBeMadeForAreNotOK() throws {
        let dir = TemporaryDirectory("fail-closed")
        let paths = [dir.write("a.png", fixture("inspect/screenshot.png")), dir.write("b.jpg", fixture("inspect/photo-plain.jpg"))]
        struct CannotStart: Error {}
        let files = try Inspection.inspect(paths.map(EvidencePath.init), limits: InspectionLimits(), jobs: 2, describing: false,
                                           makeInspector: { _, _ in throw CannotStart() })
        #expect(files.count == 2)
        for file in files { expectNotRun(file) }
    }

    @Test func thePlaceholderAFileStartsFromIsNotOK() {
        #expect(InspectedFile.placeholder(path: "x.png").status != .ok)
    }

    @Test func theRealCheckersStillPassTheirFixtures() throws {
        // The seams default to the real libraries: the same fixtures are ok through them.
        for name in ["inspect/screenshot.png", "inspect/photo-plain.jpg", "webp-gif/lossy.webp", "webp-gif/still.gif", "inspect/two-pages.pdf"] {
            let file = try inspect(fixturePath(name))
            #expect(file.status == .ok, "\(name): \(file.codes)")
        }
    }
}
