import Foundation
import Synchronization

/// Inspects many files at once, one worker per core, each with its own libmagic cookie.
public enum Inspection {
    /// Inspects files and folders.
    /// - Parameters:
    ///   - paths: files or folders; folders are walked recursively.
    ///   - limits: bounds for hostile files.
    ///   - jobs: how many files to read at once (default: the number of cores).
    ///   - describing: fill each file's libmagic description (see ``FileInspector/init(limits:describing:)``).
    /// - Returns: one ``InspectedFile`` per file found, in walk order.
    /// - Throws: ``InspectionError`` for a path that does not exist or a missing libmagic database.
    public static func inspect(paths: [String], limits: InspectionLimits = InspectionLimits(),
                               jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                               describing: Bool = true) throws -> [InspectedFile] {
        let items = try EvidenceWalker.items(for: paths)
        let targets = items.compactMap { item -> EvidencePath? in
            if case .file(let path) = item { return path }
            return nil
        }
        let inspected = try inspect(targets, limits: limits, jobs: jobs, describing: describing)
        var next = inspected.makeIterator()
        return items.map { item in
            switch item {
            case .file: next.next()!
            case .skipped(let file): file
            }
        }
    }

    /// Inspects regular files in parallel, keeping their order.
    public static func inspectFiles(_ paths: [String], limits: InspectionLimits = InspectionLimits(),
                                    jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                                    describing: Bool = true) throws -> [InspectedFile] {
        try inspect(paths.map(EvidencePath.init), limits: limits, jobs: jobs, describing: describing)
    }

    static func inspect(_ paths: [EvidencePath], limits: InspectionLimits, jobs: Int, describing: Bool,
                        makeInspector: @Sendable (InspectionLimits, Bool) throws -> FileInspector = FileInspector.init) throws -> [InspectedFile] {
        guard !paths.isEmpty else { return [] }
        _ = try TypeDetector()  // fail early and clearly when libmagic's database is missing
        let results = Mutex<[InspectedFile?]>(Array(repeating: nil, count: paths.count))
        let cursor = Atomic<Int>(0)
        let workers = max(1, min(jobs, paths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            guard let inspector = try? makeInspector(limits, describing) else { return }
            while true {
                let index = cursor.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < paths.count else { return }
                let file = inspector.inspectFile(at: paths[index])
                results.withLock { $0[index] = file }
            }
        }
        return results.withLock { $0 }.enumerated().map { index, file in
            file ?? InspectedFile.notInspected(path: paths[index].display, reason: "no file inspector could be started")
        }
    }
}
