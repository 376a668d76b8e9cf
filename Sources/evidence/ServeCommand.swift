import ArgumentParser
import EvidenceKit
import EvidenceServer
import Foundation
import Synchronization

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Open the evidence app in the browser: cases, uploads, check, pack, verify. 在浏览器中整理、检查、打包和核验证据。",
        discussion: """
            FOLDER holds one sub-folder per case (default ~/证据 in a Chinese locale, else ~/Evidence; created when missing).
            The server listens on a loopback address only and prints its address with a session token; every request needs
            that token (the page keeps it in a cookie). Stop it with Ctrl-C. The HTTP API is Docs/openapi/serve.json.
            Exit codes: 0 stopped, 2 usage (a --host that is not a loopback address) or the port cannot be bound.
            """)

    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var readingFlags: ReadingFlags

    @Option(name: .long, help: "The loopback address to listen on: 127.0.0.1 (default), another 127.x.y.z, ::1 or localhost. 只能是本机回环地址。")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port (default 0: a free port, printed at start). 端口（默认 0：自动选择空闲端口）。")
    var port = 0

    @Flag(name: .customLong("no-open"), help: "Do not open the browser. 不自动打开浏览器。")
    var noOpen = false

    @Option(name: .customLong("max-file-size"), help: "Largest evidence file accepted, in bytes (default 536870912 = 512 MiB). 单个文件上限（字节）。")
    var maxFileSize: Int64 = 512 << 20

    @Option(name: .customLong("max-case-size"), help: "Largest total of one case's evidence, in bytes (default 4294967296 = 4 GiB). 单个案件上限（字节）。")
    var maxCaseSize: Int64 = 4 << 30

    @Argument(help: "The cases folder (default ~/证据 or ~/Evidence).")
    var folder: String?

    func validate() throws {
        guard LoopbackHost.isLoopback(host) else {
            throw ValidationError("--host \(host) is not a loopback address: evidence serve listens on 127.0.0.1, ::1 or localhost only, so that no other machine can reach your evidence. --host 只能是本机回环地址（127.0.0.1、::1 或 localhost），以免其他机器访问你的证据。")
        }
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0...65535. --port 须在 0 到 65535 之间。") }
        if maxFileSize < 1 || maxCaseSize < 1 { throw ValidationError("--max-file-size and --max-case-size must be positive. 上限须为正数。") }
    }

    /// `~/证据` when the locale is Chinese, else `~/Evidence`.
    static func defaultFolder(_ environment: [String: String]) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + (Language.fromEnvironment(environment) == .zh ? "/证据" : "/Evidence")
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let language = Language.fromEnvironment(environment)
        var settings = ServeConfiguration(root: folder ?? Self.defaultFolder(environment), rules: try rulesOptions.load(language: language))
        settings.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        settings.port = port
        settings.maxFileSize = maxFileSize
        settings.maxCaseSize = maxCaseSize
        settings.maxBundleSize = max(maxCaseSize, 64 << 20)
        settings.reading = readingFlags.options
        let server: ServeServer
        do {
            server = try ServeServer(configuration: settings)
        } catch {
            Console.error("无法使用案件文件夹 \(settings.root)：\(error) / cannot use the cases folder \(settings.root): \(error)")
            throw ExitCode(2)
        }
        let root = settings.root, openBrowser = !noOpen
        let application = server.application { port in
            let url = server.url(port: port)
            Console.out("证据整理已启动：\(url)（案件文件夹 \(root)；按 Ctrl-C 停止）")
            Console.out("Evidence is served at \(url) (cases folder \(root); Ctrl-C stops it)")
            if openBrowser { Self.open(url) }
        }
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do { try await application.runService() } catch { failure.set(error) }
            finished.signal()
        }
        finished.wait()
        server.verifications.folder.remove()
        if let error = failure.error {
            Console.error("服务器停止：\(error) / the server stopped: \(error)")
            throw ExitCode(2)
        }
    }

    /// Opens the address with `xdg-open` when there is one on PATH.
    static func open(_ url: String) {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { $0 + "/xdg-open" }.first { FileManager.default.isExecutableFile(atPath: String($0)) }
        guard let path else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: String(path))
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}

/// The error the server's task ended with, handed to the waiting command.
final class FailureBox: Sendable {
    private let stored = Mutex<(any Error)?>(nil)
    var error: (any Error)? { stored.withLock { $0 } }
    func set(_ error: any Error) { stored.withLock { $0 = error } }
}
