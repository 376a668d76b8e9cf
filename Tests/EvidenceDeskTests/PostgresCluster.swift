import EvidenceTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster the tests start themselves (Debian's `postgresql`, installed
/// by `make test`): `initdb` in a temporary folder owned by the unprivileged `postgres` user
/// when the tests run as root (PostgreSQL refuses root), started on a free loopback port with
/// its socket in that folder, stopped at the end. A missing PostgreSQL throws, so the tests
/// that need it fail rather than skip.
final class PostgresCluster: @unchecked Sendable {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    let folder: String
    let port: Int
    let bin: String
    private var counter = 0
    private let lock = NSLock()

    /// One cluster for the whole suite (each test makes its own database), started on a
    /// Dispatch thread (never blocking Swift's cooperative threads) and stopped at exit.
    static func shared() async throws -> PostgresCluster {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: sharedLock.withLock { () -> Result<PostgresCluster, any Error> in
                    if let made = sharedCluster { return made }
                    let made = Result { try PostgresCluster() }
                    if case .success(let cluster) = made {
                        sharedFolderForExit = strdup(cluster.folder)
                        sharedBinForExit = strdup(cluster.bin)
                        atexit {
                            guard let folder = sharedFolderForExit, let bin = sharedBinForExit else { return }
                            PostgresCluster.stop(folder: String(cString: folder), bin: String(cString: bin))
                        }
                    }
                    sharedCluster = made
                    return made
                })
            }
        }
    }

    /// A new database on the shared cluster; its URL (blocking work off the cooperative threads).
    static func sharedDatabase() async throws -> String {
        let cluster = try await shared()
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try cluster.makeDatabase() }) }
        }
    }

    /// The binaries of the newest installed PostgreSQL (`/usr/lib/postgresql/N/bin`).
    static func binaries() throws -> String {
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).compactMap(Int.init).sorted()
        guard let version = versions.last, FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\(version)/bin/initdb") else {
            throw Missing(description: "PostgreSQL is not installed (/usr/lib/postgresql/N/bin/initdb): run `make deps` (Debian package postgresql)")
        }
        return "/usr/lib/postgresql/\(version)/bin"
    }

    static var isRoot: Bool { geteuid() == 0 }

    /// Runs a PostgreSQL program, as the `postgres` user when this process is root.
    @discardableResult
    static func run(_ bin: String, _ program: String, _ arguments: [String]) throws -> ProcessResult {
        let environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC"]
        let result = isRoot
            ? try ProcessRunner.run("/usr/sbin/runuser", ["-u", "postgres", "--", bin + "/" + program] + arguments, environment: environment)
            : try ProcessRunner.run(bin + "/" + program, arguments, environment: environment)
        guard result.status == 0 else {
            throw Missing(description: "\(program) \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output)")
        }
        return result
    }

    /// Starts the server: `pg_ctl start` leaves the server running with whatever it inherited,
    /// so it gets no pipes (a pipe held open by the server would never reach its end); its
    /// messages go to the cluster's log.
    static func startServer(_ bin: String, folder: String, port: Int) throws {
        let arguments = ["-D", folder + "/data", "-l", folder + "/log",
                         "-o", "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=500", "-w", "start"]
        let argv = isRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--", bin + "/pg_ctl"] + arguments : [bin + "/pg_ctl"] + arguments
        // posix_spawn and waitpid directly: Foundation's Process did not notice this child's end.
        // The server lives until the tests end, so it must inherit no descriptor but /dev/null:
        // Foundation's pipes are not close-on-exec, and a pipe of another test's child held open
        // by the server never reaches its end (that test then waits for ever).
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        guard SpawnFileActions.closeFrom(&actions, 3) == 0 else {
            throw Missing(description: "posix_spawn_file_actions_addclosefrom_np failed (glibc 2.34 or later is needed)")
        }
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        let environment: [String] = ["PATH=/usr/bin:/bin", "LANG=C.UTF-8", "TZ=UTC"]
        var cEnvironment: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { for pointer in cEnvironment { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, nil, &cArguments, &cEnvironment) == 0 else {
            throw Missing(description: "cannot start \(argv[0])")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else {
            let log = (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? ""
            throw Missing(description: "pg_ctl start failed (\(status)): \(log)")
        }
    }

    init() throws {
        bin = try Self.binaries()
        var template = Array((FileManager.default.temporaryDirectory.path + "/evidence-desk-pg-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Missing(description: "mkdtemp failed")
        }
        folder = String(cString: made)
        if Self.isRoot {
            guard let user = getpwnam("postgres") else { throw Missing(description: "no `postgres` user (Debian package postgresql creates it)") }
            chown(folder, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        chmod(folder, 0o700)
        try Self.run(bin, "initdb", ["-D", folder + "/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-locale"])
        port = try freePort()
        try Self.startServer(bin, folder: folder, port: port)
    }

    /// A new, empty database; its URL.
    func makeDatabase() throws -> String {
        let name = lock.withLock { () -> String in
            counter += 1
            return "desk_\(getpid())_\(counter)"
        }
        try Self.run(bin, "createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", name])
        return url(name)
    }

    func url(_ database: String) -> String { "postgres://postgres@127.0.0.1:\(port)/\(database)" }

    /// Stops the server (immediately) and removes its folder.
    func stop() { Self.stop(folder: folder, bin: bin) }

    /// Stops the server; the folder is kept (it can be started again with ``start()``).
    func halt() throws {
        try Self.run(bin, "pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
    }

    /// Starts a halted server again on the same port.
    func start() throws {
        try Self.startServer(bin, folder: folder, port: port)
    }

    static func stop(folder: String, bin: String) {
        _ = try? run(bin, "pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }
}

private let sharedLock = NSLock()
nonisolated(unsafe) private var sharedCluster: Result<PostgresCluster, any Error>?
nonisolated(unsafe) private var sharedFolderForExit: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var sharedBinForExit: UnsafeMutablePointer<CChar>?

/// A TCP port on 127.0.0.1 that was free a moment ago.
func freePort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw PostgresCluster.Missing(description: "socket failed") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
    guard bound == 0 else { throw PostgresCluster.Missing(description: "bind failed") }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which the Glibc module does not
/// declare: the child closes every descriptor from `low` up before it runs the program.
enum SpawnFileActions {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static func closeFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ low: Int32) -> Int32 {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return -1 }
        return unsafeBitCast(symbol, to: CloseFrom.self)(actions, low)
    }
}
