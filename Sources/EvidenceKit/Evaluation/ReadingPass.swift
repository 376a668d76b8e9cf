import Foundation

/// The one door through which check, init, pack, verify `--read` and the CLI's `inspect` ask
/// for inspection *with* the reading pass (OCR, PDF text, exports → ``ContentReading``).
/// Inspection fills ``InspectedFile/reading`` and ``InspectedFile/roleAssessment`` when it is
/// given ``ReadingOptions``; nil reads nothing (names and metadata only).
package enum ReadingPass {
    /// How far the reading has got: files done of all.
    package typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

    /// Files and folders (walked), with the reading pass when `reading` is given.
    package static func inspect(paths: [String], limits: InspectionLimits = InspectionLimits(),
                                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, describing: Bool,
                                reading: ReadingOptions?, progress: Progress? = nil) throws -> [InspectedFile] {
        try Inspection.inspect(paths: paths, limits: limits, jobs: jobs, describing: describing, reading: reading, progress: progress)
    }

    /// Regular files, in order, with the reading pass when `reading` is given.
    package static func inspectFiles(_ paths: [String], limits: InspectionLimits = InspectionLimits(),
                                     jobs: Int = ProcessInfo.processInfo.activeProcessorCount, describing: Bool,
                                     reading: ReadingOptions?, progress: Progress? = nil) throws -> [InspectedFile] {
        try Inspection.inspectFiles(paths, limits: limits, jobs: jobs, describing: describing, reading: reading, progress: progress)
    }
}
