import Foundation
import Hummingbird
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The port a server got once it listens (port 0 asks the system for a free one).
public final class BoundPort: Sendable {
    private let value = Mutex<Int?>(nil)

    public init() {}

    /// The bound port; nil until the server runs.
    public var port: Int? { value.withLock { $0 } }

    /// The Host values a loopback server on this port answers to (empty before it runs).
    public var allowedHosts: Set<String> { port.map(LoopbackHost.allowedHosts(port:)) ?? [] }

    func set(_ port: Int) { value.withLock { $0 = port } }
}

/// Builds the Hummingbird application of a local front end: bound to `host`:`port`, the port
/// it got reported to ``BoundPort`` and to `onRunning` (to print the URL), stopped gracefully
/// on SIGINT/SIGTERM by ``Application/runService(gracefulShutdownSignals:)``. The server's own log
/// shows critical messages only, unless `LOG_LEVEL` asks for more.
public enum LocalServer {
    /// The application for `router` on `host`:`port`.
    /// - Parameters:
    ///   - serverName: the `Server` header.
    ///   - boundPort: filled with the bound port when the server runs.
    ///   - onRunning: called with the bound port once the server accepts connections.
    public static func application<Context: RequestContext>(
        router: Router<Context>, host: String, port: Int, serverName: String, boundPort: BoundPort,
        logger: Logger? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> Application<RouterResponder<Context>> {
        var quiet = Logger(label: serverName)
        quiet.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: serverName),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                boundPort.set(bound)
                await onRunning(bound)
            },
            logger: logger ?? quiet)
    }
}

/// A private folder for temporary files (0700, under `TMPDIR` or /tmp), removed with
/// everything in it by ``remove()`` (at shutdown).
public final class PrivateTemporaryFolder: Sendable {
    /// The folder's path.
    public let path: String

    /// Creates the folder.
    public init(prefix: String) throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/\(prefix)-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw APIError(.internalServerError, code: "serve.cannot-write", zh: "无法在 \(base) 中创建临时文件夹。",
                           en: "cannot create a temporary folder in \(base).")
        }
        path = String(cString: made)
    }

    /// Removes the folder and its files.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs blocking library work (inspection, OCR, packing, verification) on a Dispatch thread,
/// so that the server's event loops and Swift's cooperative threads stay free.
public func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
