import Crypto
import Foundation
import EvidenceTestSupport
@testable import EvidenceKit

/// A BagIt bag written by hand the way other tools write them: any version, declared
/// encoding, line end and manifest style, optional `fetch.txt`. Text files are encoded with
/// Foundation (ISO-8859-1, UTF-16 with its byte-order mark), never by hand tables.
struct HandBag {
    var name = "handbag"
    var version = "1.0"
    /// `Tag-File-Character-Encoding`; tag files other than `bagit.txt` are written in it.
    var encoding = "UTF-8"
    /// The line end of every tag file (`bagit.txt` included).
    var lineEnd = "\n"
    /// Payload files, paths under `data/`.
    var payload: [(path: String, bytes: [UInt8])] = []
    /// Payload manifests' algorithms.
    var algorithms = ["sha256"]
    /// How a payload path is written in a manifest line (default: RFC 8493's percent-encoding).
    var writePath: (String) -> String = { HandBag.rfcEncoded($0) }
    /// Extra manifest lines, added to every payload manifest (already written as they should appear).
    var extraManifestLines: [String] = []
    /// Files a holey bag lists in `fetch.txt` but does not hold: path, bytes (for manifests and Payload-Oxum).
    var fetched: [(path: String, bytes: [UInt8])] = []
    /// Payload-Oxum to write (default: the real one, fetched files included).
    var oxum: String?
    /// Extra `bag-info.txt` elements.
    var info: [String] = ["Source-Organization: 某某数码旗舰店"]
    /// Whether to write `tagmanifest-sha256.txt` (BagIt 0.96 and later).
    var tagManifest: Bool?
    /// Other tag files, written as given (listed in the tag manifest).
    var extraTagFiles: [(path: String, bytes: [UInt8])] = []

    /// `%` → `%25`, CR → `%0D`, LF → `%0A`.
    static func rfcEncoded(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Text in the declared encoding with the chosen line ends.
    func encode(_ text: String, encoding: String? = nil) -> [UInt8] {
        let lines = text.replacingOccurrences(of: "\n", with: lineEnd)
        switch (encoding ?? self.encoding).uppercased() {
        case "UTF-8": return Array(lines.utf8)
        case "ISO-8859-1": return Array(lines.data(using: .isoLatin1)!)
        case "UTF-16": return Array(lines.data(using: .utf16)!)
        default: fatalError("HandBag: no encoder for \(self.encoding)")
        }
    }

    static func digest(_ algorithm: String, _ bytes: [UInt8]) -> String {
        switch algorithm {
        case "md5": hexString(Insecure.MD5.hash(data: bytes))
        case "sha1": hexString(Insecure.SHA1.hash(data: bytes))
        case "sha256": hexString(SHA256.hash(data: bytes))
        case "sha384": hexString(SHA384.hash(data: bytes))
        case "sha512": hexString(SHA512.hash(data: bytes))
        // sha224: not in swift-crypto; Python's hashlib, as bagit-python computes it.
        default: Self.pythonDigest(algorithm, bytes)
        }
    }

    static func pythonDigest(_ algorithm: String, _ bytes: [UInt8]) -> String {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let file = folder.write("bytes", bytes)
        let output = try! ProcessRunner.run("/usr/bin/python3", ["-c", "import hashlib,sys; print(hashlib.new(sys.argv[1], open(sys.argv[2],'rb').read()).hexdigest())", algorithm, file]).stdout
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every file of the bag, bag-relative.
    var files: [(path: String, bytes: [UInt8])] {
        var tags: [(String, [UInt8])] = [("bagit.txt", encode("BagIt-Version: \(version)\nTag-File-Character-Encoding: \(encoding)\n", encoding: "UTF-8"))]
        let listed = (payload + fetched).sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        for algorithm in algorithms {
            let lines = listed.map { "\(Self.digest(algorithm, $0.bytes))  \(writePath($0.path))\n" }.joined()
                + extraManifestLines.map { $0 + "\n" }.joined()
            tags.append(("manifest-\(algorithm).txt", encode(lines)))
        }
        let octets = listed.reduce(0) { $0 + $1.bytes.count }
        let infoName = ["0.93", "0.94", "0.95"].contains(version) ? "package-info.txt" : "bag-info.txt"
        let infoText = (["Bagging-Date: 2026-11-06", "Payload-Oxum: \(oxum ?? "\(octets).\(listed.count)")"] + info).map { $0 + "\n" }.joined()
        tags.append((infoName, encode(infoText)))
        tags += extraTagFiles.map { ($0.path, $0.bytes) }
        if !fetched.isEmpty {
            let lines = fetched.map { "https://example.com/\($0.path.dropFirst(5).replacingOccurrences(of: " ", with: "%20")) \($0.bytes.count) \(Self.rfcEncoded($0.path))\n" }.joined()
            tags.append(("fetch.txt", encode(lines)))
        }
        if tagManifest ?? !["0.93", "0.94", "0.95"].contains(version) {
            let lines = tags.sorted { $0.0 < $1.0 }.map { "\(Self.digest("sha256", $0.1))  \($0.0)\n" }.joined()
            tags.append(("tagmanifest-sha256.txt", encode(lines)))
        }
        return tags + payload
    }

    /// The bag as a zip with one top-level folder, written by Python's zipfile (deflated).
    func zip(in folder: TemporaryDirectory) throws -> String {
        let root = writeFolder(in: folder)
        let output = folder.file(name + ".zip")
        let script = """
            import os, sys, zipfile
            root, out = sys.argv[1], sys.argv[2]
            base = os.path.dirname(root)
            with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
                for r, d, fs in os.walk(root):
                    d.sort()
                    for f in sorted(fs):
                        p = os.path.join(r, f)
                        z.write(p, os.path.relpath(p, base))
            """
        let status = try ProcessRunner.run("/usr/bin/python3", ["-c", script, root, output]).status
        precondition(status == 0, "python3 zipfile failed")
        return output
    }

    /// Writes the bag as a folder under `folder` (a fresh subfolder per call); returns its path.
    func writeFolder(in folder: TemporaryDirectory) -> String {
        let base = "f-" + UUID().uuidString.prefix(8) + "/" + name
        for file in files { folder.write(base + "/" + file.path, file.bytes) }
        try? FileManager.default.createDirectory(atPath: folder.file(base + "/data"), withIntermediateDirectories: true)
        return folder.file(base)
    }
}

/// bagit-python's verdict on an unpacked bag (`bagit.py --validate`): true when valid.
func bagitPythonAccepts(_ folder: String) throws -> Bool {
    guard let python = PythonTools.python else { throw BagitPythonMissing() }
    let status = try ProcessRunner.run(python, [PythonTools.bagit, "--validate", "--quiet", folder]).status
    return status == 0
}

struct BagitPythonMissing: Error, CustomStringConvertible {
    var description: String { "bagit-python is not available in .build/venv: run `make venv`" }
}
