import Foundation
import Testing

/// A local RFC 3161 time-stamp authority for the tests, made by the tests themselves: a root CA,
/// a time-stamping certificate with `extendedKeyUsage=critical,timeStamping` (and variants: an
/// expired one, one without the key usage, one from a CA nobody trusts), all made with
/// `openssl req` / `openssl x509`, and a small Python HTTP server on 127.0.0.1 (port 0, the
/// port printed back) around `openssl ts -reply -config ts.cnf`. The URL's path picks how it
/// answers (``Mode``). The server ends when its standard input closes, i.e. when ``stop()`` is
/// called or the test process ends.
public final class LocalTimestampAuthority: @unchecked Sendable {
    /// How the server answers a request, chosen by the URL path.
    public enum Mode: String, Sendable, CaseIterable {
        /// A granted response signed by the good TSA certificate (chained to ``caFile``).
        case good
        /// Signed by a TSA certificate whose validity ended before now.
        case expired
        /// Signed by a certificate without the timeStamping extended key usage (re-signed with
        /// `openssl cms`, since `openssl ts -reply` itself refuses such a signer).
        case noEKU = "no-eku"
        /// Signed by a TSA certificate of another CA (``otherCAFile``), trusted by nobody.
        case untrusted
        /// HTTP 500.
        case http500
        /// A good response after 3 seconds.
        case slow
        /// A 2 MiB body.
        case oversized
        /// The first response it made on this path, again, for every later request (wrong nonce).
        case replay
        /// A good response with its last byte (in the signature) flipped.
        case garbled
        /// A TimeStampResp with status 2 (rejection) and no token.
        case rejected
    }

    /// Where the PKI and the server's files are.
    public let folder: TemporaryDirectory
    /// The root CA that ``Mode/good`` chains to (PEM): what `--tsa-ca` is given.
    public var caFile: String { folder.file("ca.pem") }
    /// The CA that ``Mode/untrusted`` chains to.
    public var otherCAFile: String { folder.file("other-ca.pem") }
    public private(set) var port: Int = 0
    private let process = Process()
    private let input = Pipe()

    /// The URL that answers in `mode`.
    public func url(_ mode: Mode) -> String { "http://127.0.0.1:\(port)/\(mode.rawValue)" }

    /// The authority shared by every test of a process (started on first use).
    public static let shared: LocalTimestampAuthority = {
        do {
            return try LocalTimestampAuthority()
        } catch {
            fatalError("the local time-stamp authority could not start: \(error)")
        }
    }()

    /// Makes the PKI and starts the server.
    public init() throws {
        folder = TemporaryDirectory("evidencekit-tsa")
        try makePKI()
        _ = folder.write("server.py", text: Self.server)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", folder.file("server.py"), folder.path]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let text = String(data: line, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              let port = Int(text) else {
            throw AuthorityError(detail: "the server did not print its port")
        }
        self.port = port
    }

    /// Stops the server.
    public func stop() {
        try? input.fileHandleForWriting.close()
        process.waitBounded("the local time-stamp authority")
    }

    struct AuthorityError: Error { var detail: String }

    private func openssl(_ arguments: [String]) throws {
        let result = try ProcessRunner.run("/usr/bin/openssl", arguments, in: folder.path)
        if result.status != 0 { throw AuthorityError(detail: "openssl \(arguments.joined(separator: " ")): \(result.stderr)") }
    }

    private func makePKI() throws {
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        for (name, subject) in [("ca", "EvidenceKit Test Root CA"), ("other-ca", "Nobody's Root CA")] {
            try openssl(["req", "-x509"] + key + ["-keyout", "\(name).key", "-out", "\(name).pem", "-days", "3650",
                         "-subj", "/CN=\(subject)", "-addext", "basicConstraints=critical,CA:TRUE",
                         "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        }
        _ = folder.write("tsa.ext", text: "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=critical,timeStamping\n")
        _ = folder.write("noeku.ext", text: "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n")
        try openssl(["req"] + key + ["-keyout", "tsa.key", "-out", "tsa.csr", "-subj", "/O=EvidenceKit Tests/CN=EvidenceKit Test TSA"])
        let certificates: [(String, String, String, String)] = [
            ("tsa.pem", "ca", "365", "tsa.ext"), ("expired.pem", "ca", "-1", "tsa.ext"),
            ("noeku.pem", "ca", "365", "noeku.ext"), ("untrusted.pem", "other-ca", "365", "tsa.ext"),
        ]
        for (serial, (out, ca, days, ext)) in certificates.enumerated() {
            try openssl(["x509", "-req", "-in", "tsa.csr", "-CA", "\(ca).pem", "-CAkey", "\(ca).key", "-set_serial", String(serial + 2),
                         "-out", out, "-days", days, "-extfile", ext])
        }
        _ = folder.write("ts.cnf", text: """
            [ tsa ]
            default_tsa = tsa_config1
            [ tsa_config1 ]
            serial = ./tsaserial
            crypto_device = builtin
            signer_cert = ./tsa.pem
            certs = ./ca.pem
            signer_key = ./tsa.key
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            other_policies = 1.2.3.4.2
            digests = sha256, sha384, sha512
            accuracy = secs:1
            ordering = yes
            tsa_name = yes
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256

            """)
        _ = folder.write("tsaserial", text: "01\n")
    }

    /// The server: Python's standard library only, loopback only.
    static let server = #"""
    import http.server, os, subprocess, sys, tempfile, threading, time
    D = sys.argv[1]
    lock = threading.Lock()
    stored = {}

    def tlv(b, i):
        i += 1
        n = b[i]; i += 1
        if n & 0x80:
            k = n & 0x7f; n = int.from_bytes(b[i:i + k], 'big'); i += k
        return i, i + n

    def kids(b, start, end):
        out = []; i = start
        while i < end:
            s, e = tlv(b, i); out.append((s, e)); i = e
        return out

    def length(n):
        if n < 128: return bytes([n])
        s = n.to_bytes((n.bit_length() + 7) // 8, 'big'); return bytes([0x80 | len(s)]) + s

    def seq(body): return b'\x30' + length(len(body)) + body

    def tstinfo(r):
        s, e = tlv(r, 0)
        token = kids(r, s, e)[1]
        content = kids(r, *token)[1]
        signed = kids(r, *content)[0]
        encap = kids(r, *signed)[2]
        inner = kids(r, *encap)[1]
        octets = kids(r, *inner)[0]
        return r[octets[0]:octets[1]]

    def run(args, cwd):
        subprocess.run(args, check=True, capture_output=True, cwd=cwd)

    def reply(query, signer, chain):
        with lock, tempfile.TemporaryDirectory(dir=D) as t:
            q = os.path.join(t, 'q.tsq'); r = os.path.join(t, 'r.tsr')
            open(q, 'wb').write(query)
            run(['openssl', 'ts', '-reply', '-config', os.path.join(D, 'ts.cnf'), '-queryfile', q,
                 '-signer', os.path.join(D, signer), '-inkey', os.path.join(D, 'tsa.key'),
                 '-chain', os.path.join(D, chain), '-out', r], D)
            return open(r, 'rb').read()

    def resign_without_eku(response):
        with lock, tempfile.TemporaryDirectory(dir=D) as t:
            i = os.path.join(t, 'tst.der'); o = os.path.join(t, 'token.der')
            open(i, 'wb').write(tstinfo(response))
            run(['openssl', 'cms', '-sign', '-binary', '-nodetach', '-outform', 'DER',
                 '-econtent_type', '1.2.840.113549.1.9.16.1.4', '-md', 'sha256', '-cades', '-nosmimecap',
                 '-signer', os.path.join(D, 'noeku.pem'), '-inkey', os.path.join(D, 'tsa.key'),
                 '-certfile', os.path.join(D, 'ca.pem'), '-in', i, '-out', o], D)
            return seq(seq(b'\x02\x01\x00') + open(o, 'rb').read())

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args): pass

        def answer(self, status, body, kind='application/timestamp-reply'):
            try:
                self.send_response(status)
                self.send_header('Content-Type', kind)
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass

        def do_POST(self):
            query = self.rfile.read(int(self.headers.get('Content-Length', '0')))
            mode = self.path.strip('/')
            if mode == 'http500': return self.answer(500, b'internal error', 'text/plain')
            if mode == 'oversized': return self.answer(200, b'\x30' * (2 << 20))
            if mode == 'rejected': return self.answer(200, seq(seq(b'\x02\x01\x02')))
            if mode == 'slow': time.sleep(3)
            if mode == 'replay' and mode in stored: return self.answer(200, stored[mode])
            signer, chain = {'expired': ('expired.pem', 'ca.pem'), 'untrusted': ('untrusted.pem', 'other-ca.pem')}.get(mode, ('tsa.pem', 'ca.pem'))
            body = reply(query, signer, chain)
            if mode == 'no-eku': body = resign_without_eku(body)
            if mode == 'garbled': body = body[:-1] + bytes([body[-1] ^ 0xFF])
            if mode == 'replay': stored[mode] = body
            self.answer(200, body)

    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    server.serve_forever()
    """#
}
