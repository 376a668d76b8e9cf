import Foundation
import Testing
import EvidenceTestSupport
@testable import EvidenceKit

/// The consistent lie: a real packed bundle whose product photo is replaced, with EVERY
/// manifest line, Payload-Oxum, evidence.json's sha256 and size and the tag manifest
/// recomputed, then zipped again. Fixity is then perfect; only reading the content tells.
struct VerifyConsistentLieTests {
    /// The sample quality complaint packed by the real `evidence pack`, unpacked: bag name and files.
    static func packedSample(in folder: TemporaryDirectory) throws -> (name: String, files: [(path: String, bytes: [UInt8])]) {
        let output = folder.file("sample.zip")
        let packed = try CLI.run(["pack", "--lang", "en", Repository.root + "/Samples/quality-earbuds", "-o", output],
                                 environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        #expect(packed.status == 0, "pack failed: \(packed.stderr)")
        // Read back through libarchive (ArchiveReader), every entry whole.
        let reader = try ArchiveReader(path: output, formats: .zip)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { buffer.deallocate() }
        var entries: [(name: String, bytes: [UInt8])] = []
        while let entry = try reader.next() {
            var bytes: [UInt8] = []
            while case let count = try reader.read(into: buffer), count > 0 { bytes += buffer[0..<count] }
            entries.append((entry.pathname ?? "", bytes))
        }
        let name = String(entries[0].name.split(separator: "/")[0])
        return (name, entries.map { (String($0.name.dropFirst(name.count + 1)), $0.bytes) })
    }

    /// Replaces payload files and recomputes everything a forger can: manifest-sha256.txt,
    /// Payload-Oxum, evidence.json (sha256, size, and whatever `claims` rewrites), tag manifest.
    static func lie(_ files: [(path: String, bytes: [UInt8])], replacing replacements: [String: [UInt8]],
                    claims: ((inout EvidenceManifest) -> Void)? = nil) -> [(path: String, bytes: [UInt8])] {
        var files = files
        for (path, bytes) in replacements { files[files.firstIndex { $0.path == path }!].bytes = bytes }
        func set(_ path: String, _ bytes: [UInt8]) { files[files.firstIndex { $0.path == path }!].bytes = bytes }
        func text(_ path: String) -> String { String(decoding: files.first { $0.path == path }!.bytes, as: UTF8.self) }
        let payload = files.filter { $0.path.hasPrefix("data/") }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        set("manifest-sha256.txt", Array(payload.map { "\(sha256Hex($0.bytes))  \(HandBag.rfcEncoded($0.path))\n" }.joined().utf8))
        let octets = payload.reduce(0) { $0 + $1.bytes.count }
        set("bag-info.txt", Array(text("bag-info.txt").split(separator: "\n").map {
            $0.hasPrefix("Payload-Oxum:") ? "Payload-Oxum: \(octets).\(payload.count)" : String($0)
        }.map { $0 + "\n" }.joined().utf8))
        var manifest = try! JSONDecoder().decode(EvidenceManifest.self, from: Data(files.first { $0.path == "evidence.json" }!.bytes))
        for index in manifest.items.indices {
            let bytes = files.first { $0.path == manifest.items[index].path }!.bytes
            manifest.items[index].sha256 = sha256Hex(bytes)
            manifest.items[index].size = UInt64(bytes.count)
        }
        claims?(&manifest)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        set("evidence.json", Array(try! encoder.encode(manifest)) + [0x0A])
        let tags = files.filter { !$0.path.hasPrefix("data/") && $0.path != "tagmanifest-sha256.txt" }.sorted { $0.path < $1.path }
        set("tagmanifest-sha256.txt", Array(tags.map { "\(sha256Hex($0.bytes))  \($0.path)\n" }.joined().utf8))
        return files
    }

    /// Verifies the files as an unpacked folder, rezipped (Python's zipfile) and re-tarred as
    /// tar.gz (Python's tarfile), with the bundled rules; the three reports must agree.
    static func verifyBoth(name: String, files: [(path: String, bytes: [UInt8])], in folder: TemporaryDirectory,
                           verifier: BundleVerifier? = nil) throws -> [VerificationReport] {
        let sub = "lie-" + UUID().uuidString.prefix(8)
        for file in files { folder.write("\(sub)/\(name)/\(file.path)", file.bytes) }
        let root = folder.file("\(sub)/\(name)")
        let zip = folder.file("\(sub).zip")
        let tarGz = folder.file("\(sub).tar.gz")
        let script = """
            import os, sys, tarfile, zipfile
            root, out, tgz = sys.argv[1], sys.argv[2], sys.argv[3]
            base = os.path.dirname(root)
            names = []
            for r, d, fs in os.walk(root):
                d.sort()
                for f in sorted(fs):
                    p = os.path.join(r, f)
                    names.append((p, os.path.relpath(p, base)))
            with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
                for p, n in names: z.write(p, n)
            with tarfile.open(tgz, 'w:gz', format=tarfile.PAX_FORMAT) as t:
                for p, n in names: t.add(p, n, recursive=False)
            """
        let status = try ProcessRunner.run("/usr/bin/python3", ["-c", script, root, zip, tarGz]).status
        #expect(status == 0)
        let verifier = try verifier ?? BundleVerifier(rules: try RuleSet.bundled())
        let reports = [verifier.verify(root), verifier.verify(zip), verifier.verify(tarGz)]
        #expect(reports.map(\.format) == [.folder, .zip, .tarGzip])
        #expect(reports[0].codes == reports[1].codes, "folder and zip disagree")
        #expect(reports[0].codes == reports[2].codes, "folder and tar.gz disagree")
        return reports
    }

    static func photoPath(_ files: [(path: String, bytes: [UInt8])]) -> String {
        files.first { $0.path.hasPrefix("data/") && $0.path.hasSuffix("左耳无声.jpg") }!.path
    }

    @Test func theUntouchedPackedSampleIsValidAndCompleteWithContentRead() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let (name, files) = try Self.packedSample(in: folder)
        for report in try Self.verifyBoth(name: name, files: Self.lie(files, replacing: [:]), in: folder) {
            #expect(report.problems == [])
            #expect(report.status == .validComplete)
        }
    }

    @Test func anExecutableInPlaceOfTheProductPhotoIsTampering() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let (name, files) = try Self.packedSample(in: folder)
        let photo = Self.photoPath(files)
        let ls = Array(try Data(contentsOf: URL(fileURLWithPath: "/bin/ls")))
        for report in try Self.verifyBoth(name: name, files: Self.lie(files, replacing: [photo: ls]), in: folder) {
            #expect(report.status == .invalid)
            // Fixity is perfect: no bag.* problem at all.
            #expect(report.problems.filter { $0.code.rawValue.hasPrefix("bag.") } == [])
            let about = report.problems.filter { $0.entry == photo }.map(\.code)
            #expect(about.contains(.contentUnacceptable))
            #expect(about.contains(.typeMismatch))
            #expect(about.contains(.checksMismatch))
            #expect(about.contains(.roleImplausible))
            let type = report.problems.first { $0.code == .typeMismatch }!
            #expect(type.expected == "image/jpeg")
            #expect(type.found?.contains("executable") == true || type.found?.contains("sharedlib") == true)
            #expect(report.problems.first { $0.code == .checksMismatch }?.found == "unacceptable, executable")
        }
    }

    @Test func aTruncatedJPEGIsCorruptAgainstItsClaim() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let (name, files) = try Self.packedSample(in: folder)
        let photo = Self.photoPath(files)
        let original = files.first { $0.path == photo }!.bytes
        let cut = Array(original.prefix(original.count * 6 / 10))
        for report in try Self.verifyBoth(name: name, files: Self.lie(files, replacing: [photo: cut]), in: folder) {
            #expect(report.status == .invalid)
            #expect(report.problems.filter { $0.code.rawValue.hasPrefix("bag.") } == [])
            let checks = try #require(report.problems.first { $0.code == .checksMismatch })
            #expect(checks.entry == photo)
            #expect(checks.expected == "ok, image" && checks.found == "corrupt, image")
            #expect(checks.detail?.contains("jpeg.") == true)
            #expect(report.codes.contains(.contentCorrupt))
            #expect(!report.codes.contains(.typeMismatch))  // still a JPEG by its header
        }
    }

    @Test func aPDFClaimedAsAPhotoIsCaught() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let (name, files) = try Self.packedSample(in: folder)
        let photo = Self.photoPath(files)
        let pdf = Array(try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Samples/quality-earbuds/支付宝回单.pdf")))
        for report in try Self.verifyBoth(name: name, files: Self.lie(files, replacing: [photo: pdf]), in: folder) {
            #expect(report.status == .invalid)
            #expect(report.problems.filter { $0.code.rawValue.hasPrefix("bag.") } == [])
            let type = try #require(report.problems.first { $0.code == .typeMismatch })
            #expect(type.entry == photo && type.expected == "image/jpeg" && type.found == "application/pdf")
            #expect(report.problems.first { $0.code == .checksMismatch }?.found == "ok, document")
            #expect(report.problems.first { $0.code == .roleImplausible }?.found == "document")
        }
    }

    /// The thorough liar also rewrites the claims (type, kind, status) to match the new content,
    /// for both product photos: the recomputed verdict then contradicts the recorded one.
    @Test(arguments: ["executable", "truncated", "pdf"])
    func rewritingTheClaimsToMatchStillCannotMakeItComplete(form: String) throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let (name, files) = try Self.packedSample(in: folder)
        let photos = files.filter { $0.path.hasPrefix("data/") && $0.path.hasSuffix(".jpg") }.map(\.path)
        #expect(photos.count == 2)
        var replacements: [String: [UInt8]] = [:]
        for photo in photos {
            let original = files.first { $0.path == photo }!.bytes
            replacements[photo] = switch form {
            case "executable": Array(try Data(contentsOf: URL(fileURLWithPath: "/bin/ls")))
            case "truncated": Array(original.prefix(original.count / 2))
            default: Array(try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Samples/quality-earbuds/支付宝回单.pdf")))
            }
        }
        // What the content really is, as a forger with `evidence inspect` would copy it.
        let reader = try #require(PayloadContentReader())
        var observed: [String: ObservedContent] = [:]
        for (path, bytes) in replacements {
            let session = reader.start(path: path, expectedSize: UInt64(bytes.count))
            bytes.withUnsafeBytes { session.consume($0) }
            observed[path] = session.finish(size: UInt64(bytes.count))
        }
        let forged = Self.lie(files, replacing: replacements) { manifest in
            for index in manifest.items.indices {
                guard let content = observed[manifest.items[index].path] else { continue }
                manifest.items[index].mimeType = content.mimeType
                manifest.items[index].captureTime = content.captureTime
                manifest.items[index].checks = .init(status: content.status, findings: content.findings, kind: content.kind)
            }
        }
        for report in try Self.verifyBoth(name: name, files: forged, in: folder) {
            #expect(report.status != .validComplete)
            #expect(report.status == .invalid)
            #expect(report.codes.contains(.completenessMismatch))
            #expect(!report.codes.contains(.typeMismatch) && !report.codes.contains(.checksMismatch))
        }
        // Without rules (the library's plain verifier) nothing is recomputed, yet `pack` never
        // records a corrupt or unacceptable file: such a claim alone is not a bundle pack wrote.
        // A PDF claimed as a PDF under a photo role is named (with the kinds a photo can be).
        for report in try Self.verifyBoth(name: name, files: forged, in: folder, verifier: BundleVerifier()) {
            let notPacked = report.problems.filter { $0.code == .notAsPacked }
            let implausible = report.problems.filter { $0.code == .roleImplausible }
            // A truncated JPEG is still an image: a photo's kind, just corrupt.
            #expect(Set(implausible.compactMap(\.entry)) == (form == "truncated" ? [] : Set(photos)))
            if form == "pdf" {
                #expect(notPacked == [])
                #expect(implausible.allSatisfy { $0.found == "document" && $0.detail == "image" })
            } else {
                #expect(report.status == .invalid)
                #expect(Set(notPacked.compactMap(\.entry)) == Set(photos))
                #expect(notPacked.allSatisfy { $0.found == (form == "executable" ? "checks.status unacceptable" : "checks.status corrupt") })
            }
        }
        // Writing "incomplete" into evidence.json as well makes it an honest incomplete bundle.
        let honest = Self.lie(forged, replacing: [:]) { manifest in
            let fresh = try! CompletenessEvaluator.evaluate(category: manifest.case.category,
                                                            items: manifest.items.map(EvaluatedItem.init(manifestItem:)), rules: try! RuleSet.bundled())
            manifest.completeness = fresh
        }
        for report in try Self.verifyBoth(name: name, files: honest, in: folder) {
            if form == "pdf" {
                // A PDF recorded as a PDF that does not count as a photo: honest, if incomplete.
                #expect(report.status == .validIncomplete)
            } else {
                // `pack` refuses corrupt and unacceptable files, so it never wrote this bundle.
                #expect(report.status == .invalid)
                #expect(Set(report.codes.filter { $0.severity == .error }) == [.notAsPacked])
            }
        }
    }
}

/// Entries that are neither regular files nor folders are refused with their kind named, in a
/// zip (Unix mode in the external attributes), a tar.gz (tar type flags) and a folder.
struct VerifySpecialFileTests {
    static let isRoot = getuid() == 0

    /// A valid bag written as a folder, plus one special entry `data/special` of `kind`, packed
    /// by Python's zipfile or tarfile.
    static func archive(kind: String, format: String, in folder: TemporaryDirectory) throws -> String {
        let root = TestBag.quality(withEvidenceJSON: false).writeFolder(in: folder)
        let output = folder.file("special-\(kind).\(format)")
        let script = """
            import os, stat, sys, tarfile, zipfile, io
            root, out, kind, fmt = sys.argv[1:5]
            base = os.path.dirname(root)
            modes = {"fifo": stat.S_IFIFO, "char": stat.S_IFCHR, "block": stat.S_IFBLK, "socket": stat.S_IFSOCK}
            types = {"fifo": tarfile.FIFOTYPE, "char": tarfile.CHRTYPE, "block": tarfile.BLKTYPE}
            names = []
            for r, d, fs in os.walk(root):
                for f in sorted(fs):
                    p = os.path.join(r, f)
                    names.append((p, os.path.relpath(p, base)))
            special = os.path.basename(root) + "/data/special"
            if fmt == "zip":
                with zipfile.ZipFile(out, "w") as z:
                    for p, n in names: z.write(p, n)
                    info = zipfile.ZipInfo(special)
                    info.create_system = 3
                    info.external_attr = (modes[kind] | 0o644) << 16
                    z.writestr(info, b"")
            else:
                with tarfile.open(out, "w:gz", format=tarfile.PAX_FORMAT) as t:
                    for p, n in names: t.add(p, n)
                    info = tarfile.TarInfo(special)
                    info.type = types[kind]
                    info.mode = 0o644
                    info.devmajor, info.devminor = 1, 3
                    t.addfile(info)
            """
        let status = try ProcessRunner.run("/usr/bin/python3", ["-c", script, root, output, kind, format]).status
        #expect(status == 0)
        return output
    }

    static let names = ["fifo": "FIFO", "char": "character device", "block": "block device", "socket": "socket"]

    @Test(arguments: ["fifo", "char", "block", "socket"])
    func aSpecialEntryInAZipIsRefusedWithItsKind(kind: String) throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let report = BundleVerifier().verify(try Self.archive(kind: kind, format: "zip", in: folder))
        #expect(report.codes == [.specialFile])
        #expect(report.problems[0].entry?.hasSuffix("data/special") == true)
        #expect(report.problems[0].found == Self.names[kind])
        #expect(report.status == .invalid)
        #expect(report.problems[0].message.en.contains(Self.names[kind]!))
    }

    // A tar has no type flag for sockets (tar and pax cannot store one).
    @Test(arguments: ["fifo", "char", "block"])
    func aSpecialEntryInATarGzIsRefusedWithItsKind(kind: String) throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let report = BundleVerifier().verify(try Self.archive(kind: kind, format: "tar.gz", in: folder))
        #expect(report.codes == [.specialFile])
        #expect(report.problems[0].found == Self.names[kind])
        #expect(report.status == .invalid)
    }

    @Test func aFIFOAndASocketInAnUnpackedFolderAreRefused() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let root = TestBag.quality().writeFolder(in: folder)
        #expect(mkfifo(root + "/data/pipe", 0o644) == 0)
        // A Unix socket bound inside the bag. sockaddr_un holds 108 bytes, less than a long
        // temporary path: bind through the data folder's descriptor (/proc/self/fd/N/sock).
        let data = open(root + "/data", O_RDONLY | O_DIRECTORY)
        #expect(data >= 0)
        defer { close(data) }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let socketPath = "/proc/self/fd/\(data)/sock"
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socketPath.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0, "bind: \(String(cString: strerror(errno)))")
        var info = stat()
        #expect(lstat(root + "/data/sock", &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK)
        let report = BundleVerifier().verify(root)
        let special = report.problems.filter { $0.code == .specialFile }
        #expect(special.map(\.found).sorted { ($0 ?? "") < ($1 ?? "") } == ["FIFO", "socket"])
        #expect(Set(special.compactMap(\.entry)) == ["data/pipe", "data/sock"])
        #expect(report.status == .invalid)
    }

    @Test(.enabled(if: VerifySpecialFileTests.isRoot, "mknod needs root"))
    func characterAndBlockDevicesInAnUnpackedFolderAreRefused() throws {
        let folder = TemporaryDirectory("verify")
        defer { folder.remove() }
        let root = TestBag.quality().writeFolder(in: folder)
        #expect(mknod(root + "/data/null", S_IFCHR | 0o644, dev_t(1 << 8 | 3)) == 0)
        #expect(mknod(root + "/data/disk", S_IFBLK | 0o644, dev_t(7 << 8)) == 0)
        let report = BundleVerifier().verify(root)
        #expect(report.codes == [.specialFile, .specialFile])
        #expect(Set(report.problems.compactMap(\.found)) == ["character device", "block device"])
    }
}
