import EvidenceKit
import EvidenceTestSupport
import Foundation
import Hummingbird
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `evidence serve --no-open --port 0 FOLDER` as a child process: its printed URL
/// gives the port and the token.
final class ServeProcess {
    let process: Process
    let port: Int
    let token: String
    let firstLines: String
    let client: ServeClient

    private init(process: Process, port: Int, token: String, firstLines: String) {
        self.process = process
        self.port = port
        self.token = token
        self.firstLines = firstLines
        client = ServeClient(port: port, token: token)
    }

    struct Failed: Error, CustomStringConvertible { var description: String }

    /// Starts the server and waits for its URL line (or its end, when it fails to start).
    static func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ServeProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["serve", "--no-open", "--no-ocr", "--port", "0"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let collected = Mutex(Data())
        let ready = DispatchSemaphore(value: 0)
        try process.run()
        let reader = out.fileHandleForReading
        Thread.detachNewThread {
            var signalled = false
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                let complete = collected.withLock { data -> Bool in
                    data.append(chunk)
                    return String(decoding: data, as: UTF8.self).components(separatedBy: "\n").filter { $0.contains("?token=") }.count >= 2
                }
                if complete && !signalled { signalled = true; ready.signal() }
            }
            if !signalled { ready.signal() }
        }
        if ready.wait(timeout: .now() + ProcessRunner.limit) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            throw Failed(description: "evidence serve printed no URL within \(Int(ProcessRunner.limit)) s and was killed")
        }
        let text = collected.withLock { String(decoding: $0, as: UTF8.self) }
        guard let line = text.components(separatedBy: "\n").first(where: { $0.contains("http://127.0.0.1:") }),
              let url = line.range(of: #"http://127\.0\.0\.1:[0-9]+/\?token=[A-Za-z0-9_-]+"#, options: .regularExpression) else {
            process.waitBounded("evidence serve (it printed no URL)")
            throw Failed(description: "evidence serve printed no URL (exit \(process.terminationStatus)): \(text)")
        }
        let address = String(line[url])
        let port = Int(address.dropFirst("http://127.0.0.1:".count).prefix { $0.isNumber })!
        let token = String(address[address.range(of: "token=")!.upperBound...])
        return ServeProcess(process: process, port: port, token: token, firstLines: text)
    }

    /// Sends `signal` and waits for the process to end; its exit status.
    func stop(_ signal: Int32 = SIGTERM) -> Int32 {
        kill(process.processIdentifier, signal)
        process.waitBounded("evidence serve after signal \(signal)")
        return process.terminationStatus
    }
}

/// A raw TCP connection to 127.0.0.1 (to send part of a request and stop).
final class RawConnection {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw ServeProcess.Failed(description: "connect failed: \(errno)") }
    }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    func close() { Glibc.close(descriptor) }
}

@Suite("evidence serve as a process")
struct ServeProcessTests {
    @Test("the built server: walk over HTTP, the downloaded bundle verifies, SIGTERM stops it cleanly and removes its temporary folder")
    func processWalk() async throws {
        let cases = TemporaryDirectory("serve-process")
        let temporary = TemporaryDirectory("serve-tmp")
        let serve = try ServeProcess.start([cases.path], environment: ["TMPDIR": temporary.path])
        #expect(serve.firstLines.contains("证据整理已启动"))
        #expect(serve.firstLines.contains("Evidence is served at"))
        #expect(allFiles(under: temporary.path).isEmpty)
        let client = serve.client
        let id = try #require(try await client.json(.post, "/api/v1/cases", ["category": "quality", "title": "earbuds"]).json["id"] as? String)
        for file in EarbudsSample.files {
            #expect(try await client.upload(id, name: file.name, try EarbudsSample.bytes(file.path)).status == .created)
        }
        let version = try #require(try await client.send(.get, "/api/v1/cases/earbuds").json["version"] as? String)
        let evidence = EarbudsSample.files.map { ["file": $0.name, "role": $0.role] as [String: Any] }
        let put = try await client.json(.put, "/api/v1/cases/earbuds", ["case": EarbudsSample.fields(evidence: evidence)], headers: [.ifMatch: version])
        #expect(put.status == .ok, "\(put.text)")
        let pack = try await client.json(.post, "/api/v1/cases/earbuds/pack", ["force": false])
        #expect(pack.status == .ok, "\(pack.text)")
        let bundle = try await client.send(.get, "/api/v1/cases/earbuds/bundle")
        let saved = cases.write("download.zip", bundle.bytes)
        #expect(try CLI.run(["verify", saved]).status == 0)
        let verified = try await client.send(.post, "/api/v1/verify?name=download.zip", headers: [.contentType: "application/zip"], body: bundle.bytes)
        #expect((verified.json["report"] as? [String: Any])?["status"] as? String == "valid-complete")
        #expect(!allFiles(under: temporary.path).isEmpty)

        #expect(serve.stop(SIGTERM) == 0)
        #expect(allFiles(under: temporary.path).isEmpty, "the private folder is removed at shutdown: \(allFiles(under: temporary.path))")
    }

    @Test("it listens on 127.0.0.1 only")
    func bindsLoopbackOnly() throws {
        let cases = TemporaryDirectory("serve-bind")
        let serve = try ServeProcess.start([cases.path])
        defer { _ = serve.stop() }
        let hexPort = String(format: "%04X", serve.port)
        let table: String = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
        var listening: [String] = []
        for line in table.split(separator: "\n").dropFirst() {
            let columns: [Substring] = line.split(separator: " ")
            guard columns.count > 3, columns[3] == "0A", columns[1].hasSuffix(":" + hexPort) else { continue }
            listening.append(String(columns[1]))
        }
        #expect(listening == ["0100007F:" + hexPort])
        let six = (try? String(contentsOfFile: "/proc/net/tcp6", encoding: .utf8)) ?? ""
        #expect(!six.split(separator: "\n").contains { $0.contains(":" + hexPort + " ") && $0.contains(" 0A ") })
    }

    @Test("--host accepts loopback addresses only (exit 2 with a clear message)", arguments: ["0.0.0.0", "192.168.1.10", "::", "example.com"])
    func foreignHost(_ host: String) throws {
        let cases = TemporaryDirectory("serve-host")
        let result = try CLI.run(["serve", "--no-open", "--host", host, "--port", "0", cases.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("loopback"))
        #expect(result.stderr.contains("回环"))
    }

    @Test("an upload interrupted mid-body, or by SIGINT, leaves no partial file in the case folder")
    func interruptedUpload() async throws {
        let cases = TemporaryDirectory("serve-interrupt")
        let serve = try ServeProcess.start([cases.path])
        _ = try await serve.client.json(.post, "/api/v1/cases", ["category": "quality", "title": "cut"])
        let before = allFiles(under: cases.path)
        func partial() throws -> RawConnection {
            let connection = try RawConnection(port: serve.port)
            connection.send(Array(("POST /api/v1/cases/cut/files?name=half.jpg HTTP/1.1\r\nHost: 127.0.0.1:\(serve.port)\r\n"
                + "Authorization: Bearer \(serve.token)\r\nContent-Type: image/jpeg\r\nContent-Length: 1000000\r\n\r\n").utf8))
            connection.send([UInt8](repeating: 0xFF, count: 300_000))
            return connection
        }
        // The client goes away mid-body.
        let dropped = try partial()
        // A full request on another connection is answered after the partial one started.
        #expect(try await serve.client.send(.get, "/api/v1/cases/cut").status == .ok)
        dropped.close()
        // Ctrl-C while a body is still arriving: the server stops, the client then goes away.
        let pending = try partial()
        #expect(try await serve.client.send(.get, "/api/v1/cases").status == .ok)
        kill(serve.process.processIdentifier, SIGINT)
        pending.close()
        serve.process.waitBounded("evidence serve after SIGINT mid-upload")
        #expect(serve.process.terminationStatus == 0)
        #expect(allFiles(under: cases.path) == before, "\(allFiles(under: cases.path))")
    }
}
