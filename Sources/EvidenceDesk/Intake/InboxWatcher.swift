import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches an inbox folder. A file is taken once it has stopped growing (the same size and
/// modification time over two polls), claimed by an atomic rename into this process's claim
/// folder (`INBOX/.claims/PID.UUID/`, same file system, so among several desks exactly one
/// rename succeeds), filed, and only then removed from the claim folder: its bytes are in the
/// store, so the file has been moved, never deleted. Claims left by a desk that died are taken
/// over on start, under the same intake key, so nothing is lost and nothing filed twice.
public final class InboxWatcher: Sendable {
    public let inbox: String
    public let pipeline: IntakePipeline
    /// How long between two polls.
    public let interval: Duration
    /// This process's claim folder.
    public let claims: String
    /// Called after each file (from the watcher's task): the result or the error.
    public let report: @Sendable (String, Result<IntakeResult, DeskError>) -> Void

    public init(inbox: String, pipeline: IntakePipeline, interval: Duration = .milliseconds(500),
                report: @escaping @Sendable (String, Result<IntakeResult, DeskError>) -> Void = { _, _ in }) {
        self.inbox = inbox
        self.pipeline = pipeline
        self.interval = interval
        self.report = report
        claims = inbox + "/.claims/\(getpid()).\(UUID().uuidString.lowercased())"
    }

    /// Claim folders live here.
    var claimsRoot: String { inbox + "/.claims" }

    /// Polls until the task is cancelled.
    public func run() async throws(DeskError) {
        do {
            try FileManager.default.createDirectory(atPath: claims, withIntermediateDirectories: true)
        } catch {
            throw DeskError(.store, claims, detail: "\(error)")
        }
        await recoverAbandonedClaims()
        var seen: [String: Signature] = [:]
        var polls = 0
        while !Task.isCancelled {
            seen = await poll(previous: seen)
            polls += 1
            // Files whose filing failed (the database was down) are tried again every 10 polls.
            if polls % 10 == 0 { await retryOwnClaims() }
            try? await Task.sleep(for: interval)
        }
        rmdir(claims)
    }

    /// One pass; returns the signatures to compare with next time.
    func poll(previous: [String: Signature]) async -> [String: Signature] {
        var current: [String: Signature] = [:]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for name in names {
            if Task.isCancelled { break }
            guard let signature = Signature(path: inbox + "/" + name) else { continue }
            if previous[name] == signature {
                await take(name)
            } else {
                current[name] = signature
            }
        }
        return current
    }

    /// Claims and files one stable file.
    private func take(_ name: String) async {
        let key = UUID().uuidString.lowercased()
        let claimed = claims + "/" + key + "--" + name
        // Another desk renamed it first (ENOENT): it is theirs.
        guard rename(inbox + "/" + name, claimed) == 0 else { return }
        await file(claimed, name: name, key: key)
    }

    private func file(_ claimed: String, name: String, key: String) async {
        do {
            let result = try await pipeline.intake(claimed, source: "inbox:" + name, intakeKey: key)
            unlink(claimed)
            report(name, .success(result))
        } catch {
            // Left in the claim folder: taken again (same key) when this desk or another starts.
            report(name, .failure(error))
        }
    }

    /// Files left in this desk's own claim folder by a failed attempt, under their first key.
    func retryOwnClaims() async {
        for entry in ((try? FileManager.default.contentsOfDirectory(atPath: claims)) ?? []).sorted() {
            if Task.isCancelled { return }
            guard let separator = entry.range(of: "--") else { continue }
            await file(claims + "/" + entry, name: String(entry[separator.upperBound...]), key: String(entry[..<separator.lowerBound]))
        }
    }

    /// Files still in the claim folders of desks that are no longer running (and in this one's
    /// own, from a failed attempt).
    func recoverAbandonedClaims() async {
        try? FileManager.default.createDirectory(atPath: claims, withIntermediateDirectories: true)
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: claimsRoot)) ?? []
        for folder in folders.sorted() {
            let path = claimsRoot + "/" + folder
            guard path != claims, let pid = Int32(folder.split(separator: ".").first ?? ""), !Self.isRunning(pid) else { continue }
            // Take the whole folder over atomically: one desk wins it.
            let adopted = claims + ".adopted-" + UUID().uuidString.lowercased()
            guard rename(path, adopted) == 0 else { continue }
            for entry in ((try? FileManager.default.contentsOfDirectory(atPath: adopted)) ?? []).sorted() {
                guard let separator = entry.range(of: "--") else { continue }
                let key = String(entry[..<separator.lowerBound]), name = String(entry[separator.upperBound...])
                let claimed = claims + "/" + entry
                guard rename(adopted + "/" + entry, claimed) == 0 else { continue }
                await file(claimed, name: name, key: key)
            }
            rmdir(adopted)
        }
    }

    static func isRunning(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// Size and modification time.
    struct Signature: Equatable, Sendable {
        var size: Int64
        var modified: Int
        var modifiedNanos: Int

        init?(path: String) {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            size = Int64(info.st_size)
            modified = info.st_mtim.tv_sec
            modifiedNanos = info.st_mtim.tv_nsec
        }
    }
}
