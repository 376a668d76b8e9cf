import ArgumentParser
import EvidenceDesk
import EvidenceKit
import Foundation

/// `evidence desk`: the intake desk for agents (Docs/desk.md).
struct DeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "The intake desk for agents: receive, verify, file and decide bundles. 客服受理台：接收、核验、归档并处理证据包。",
        subcommands: [DeskServeCommand.self, DeskUserCommand.self],
        defaultSubcommand: DeskServeCommand.self)
}

/// Where the desk is and which database it uses (shared by the desk's commands).
struct DeskLocationOptions: ParsableArguments {
    @Option(name: .long, help: "PostgreSQL instead of SQLite: postgres://user@127.0.0.1:PORT/db. 使用 PostgreSQL。")
    var database: String?

    @OptionGroup var output: OutputOptions

    func folder(_ argument: String?) -> String {
        argument.map { ($0 as NSString).standardizingPath } ?? Desk.defaultFolder()
    }
}

/// Runs async work from the synchronous command and returns its result.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

/// Prints a desk error in the user's language and exits with `code`.
func deskFailure(_ error: any Error, language: Language, code: Int32 = 1) -> ExitCode {
    if let error = error as? DeskError {
        Console.error(error.message(language))
    } else {
        Console.error("\(error)")
    }
    return ExitCode(code)
}

struct DeskUserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the desk's users. 管理受理台用户。",
        subcommands: [DeskUserAddCommand.self])
}

struct DeskUserAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a user and print their token (the last line). 添加用户并输出其令牌（最后一行）。")

    @Argument(help: "The user's name.")
    var name: String

    @Argument(help: "The desk folder (default: $XDG_DATA_HOME/evidencekit/desk).")
    var dir: String?

    @OptionGroup var location: DeskLocationOptions

    func run() throws {
        let language = location.output.language
        let folder = location.folder(dir), url = location.database, name = name
        do {
            let (user, token) = try runBlocking { () async throws -> (DeskUser, String) in
                let desk = try await Desk.open(folder: folder, databaseURL: url)
                do {
                    let made = try await desk.records.addUser(name: name)
                    await desk.close()
                    return made
                } catch {
                    await desk.close()
                    throw error
                }
            }
            Console.out(language == .zh ? "已添加用户“\(user.name)”。请妥善保存下面的令牌，它只显示这一次："
                                        : "Added user “\(user.name)”. Keep the token below; it is shown only this once:")
            Console.out(token)
        } catch {
            throw deskFailure(error, language: language)
        }
    }
}

struct DeskServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the desk and print its URL (the default). 启动受理台并输出其网址（默认）。",
        discussion: "Exit codes: 0 stopped, 1 the desk could not start (database, store), 2 usage (a --host that is not loopback).")

    @Argument(help: "The desk folder: the store and the SQLite file (default: $XDG_DATA_HOME/evidencekit/desk).")
    var dir: String?

    @Option(name: .long, help: "Watch this folder and take every bundle put into it. 监视此文件夹并接收放入的证据包。")
    var inbox: String?

    @Option(name: .long, help: "Address to listen on: loopback only (127.0.0.1, ::1, localhost). 仅限本机地址。")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port (0: any free port). 端口。")
    var port = 8740

    @Option(name: .customLong("max-upload-size"), help: "Largest bundle accepted by upload, in bytes (default 4294967296 = 4 GiB). 上传大小上限（字节）。")
    var maxUploadSize: Int64 = 4 << 30

    @OptionGroup var location: DeskLocationOptions

    func validate() throws {
        guard ["127.0.0.1", "::1", "localhost"].contains(host) else {
            throw ValidationError("--host must be a loopback address (127.0.0.1, ::1, localhost): the desk never listens beyond this machine. --host 只能是本机地址。")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535. --port 须在 0 到 65535 之间。") }
        guard maxUploadSize >= 1 else { throw ValidationError("--max-upload-size must be at least 1. --max-upload-size 至少为 1。") }
    }

    func run() throws {
        let language = location.output.language
        let folder = location.folder(dir), url = location.database
        let inbox = inbox.map { ($0 as NSString).standardizingPath }
        let host = host, port = port, maxUploadSize = maxUploadSize
        do {
            try runBlocking {
                let desk = try await Desk.open(folder: folder, databaseURL: url)
                try await DeskRunner(desk: desk, inbox: inbox, host: host, port: port, maxUploadSize: maxUploadSize,
                                     language: language).run()
            }
        } catch {
            throw deskFailure(error, language: language)
        }
    }
}

/// Runs an open desk: the inbox watcher (when asked) and the HTTP app, until interrupted.
struct DeskRunner {
    var desk: Desk
    var inbox: String?
    var host: String
    var port: Int
    var maxUploadSize: Int64
    var language: Language

    func run() async throws {
        let language = language
        var watcher: Task<Void, any Error>?
        if let inbox {
            let taker = InboxWatcher(inbox: inbox, pipeline: desk.pipeline) { name, result in
                switch result {
                case .success(let intake):
                    Console.out((language == .zh ? "已接收 " : "Filed ") + "\(name): \(intake.record.id) \(intake.record.status)"
                                + (intake.record.duplicateOf.map { " duplicate_of=\($0)" } ?? ""))
                case .failure(let error):
                    Console.error("\(name): " + error.message(language))
                }
            }
            watcher = Task { try await taker.run() }
        }
        try await DeskHTTP.serve(desk: desk, host: host, port: port, maxUploadSize: maxUploadSize, language: language)
        watcher?.cancel()
        try await watcher?.value
        await desk.close()
    }
}
