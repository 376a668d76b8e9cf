import Foundation
import EvidenceTestSupport
import Testing
import EvidenceKit

/// `pack --strip-location` on real photos with GPS: the sample's iPhone JPEG, PNG and WebP photos
/// whose GPS EXIF Pillow writes, and the third-party corpus's Nikon JPEG and iPhone HEIC. The
/// copies in the bundle are read back by Pillow (a third-party EXIF reader): no GPS IFD, the rest
/// of the EXIF kept, pixels decoding identically; the originals' bytes and mtimes unchanged;
/// evidence.json records both SHA-256s; `verify` and bagit-python accept the bundle.
@Suite struct StripLocationTests {
    /// Writes PNG and WebP photos (lossless, so their pixels are known) with GPS, a camera and a
    /// body serial number in EXIF, through Pillow's own EXIF writer.
    static let makePhotos = """
        import sys
        from PIL import Image
        img = Image.new("RGB", (96, 64))
        img.putdata([((x * 7) % 256, (y * 11) % 256, (x * y) % 256) for y in range(64) for x in range(96)])
        exif = Image.Exif()
        exif[0x010F] = "TestMaker"
        exif[0x0110] = "TestCam 1"
        exif.get_ifd(0x8769)[0xA431] = "SN-0042-7788"
        exif.get_ifd(0x8825).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 50.0)})
        img.save(sys.argv[1], exif=exif)
        img.save(sys.argv[2], exif=exif, lossless=True)
        """

    /// One JSON line per file: GPS IFD present, Make, body serial, SHA-256 of the decoded pixels.
    static let readBack = """
        import sys, json, hashlib
        from PIL import Image
        for path in sys.argv[1:]:
            with Image.open(path) as img:
                exif = img.getexif()
                print(json.dumps({"gps": len(exif.get_ifd(0x8825)), "make": exif.get(0x010F),
                                  "serial": exif.get_ifd(0x8769).get(0xA431),
                                  "pixels": hashlib.sha256(img.convert("RGBA").tobytes()).hexdigest()}))
        """

    struct Seen: Decodable, Equatable {
        var gps: Int
        var make: String?
        var serial: String?
        var pixels: String
    }

    static func pillow(_ script: String, _ arguments: [String]) throws -> [Seen] {
        let python = try #require(PythonTools.python, "the pinned Python tools (Pillow): run `make venv`")
        let result = try ProcessRunner.run(python, ["-c", script] + arguments)
        #expect(result.status == 0, "\(result.output)")
        return try result.stdout.split(separator: "\n").map { try JSONDecoder().decode(Seen.self, from: Data($0.utf8)) }
    }

    static func identity(_ path: String) throws -> (sha256: String, modified: Date) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (sha256Hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))), attributes[.modificationDate] as! Date)
    }

    /// The quality sample plus `extra` photos (name → source path) listed as product photos.
    static func caseFolder(_ temporary: TemporaryDirectory, extra: [(String, String)]) throws -> String {
        let folder = temporary.path + "/case"
        try FileManager.default.copyItem(atPath: Repository.samples + "/quality-earbuds", toPath: folder)
        var text = try String(contentsOfFile: folder + "/case.yaml", encoding: .utf8)
        for (name, source) in extra {
            if source != folder + "/" + name { try FileManager.default.copyItem(atPath: source, toPath: folder + "/" + name) }
            text += "  - file: \(name)\n    role: product-photo\n"
        }
        try text.write(toFile: folder + "/case.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func jpegPNGAndWebPGoOutWithoutGPSAndTheRestIntact() throws {
        let temporary = TemporaryDirectory("strip-location")
        defer { temporary.remove() }
        let made = (temporary.path + "/gps.png", temporary.path + "/gps.webp")
        _ = try Self.pillow(Self.makePhotos, [made.0, made.1])
        let folder = try Self.caseFolder(temporary, extra: [("位置.png", made.0), ("位置.webp", made.1)])
        let photos = ["photos/左耳无声.jpg", "位置.png", "位置.webp"]
        let before = try photos.map { try Self.identity(folder + "/" + $0) }
        let originals = try Self.pillow(Self.readBack, photos.map { folder + "/" + $0 })
        #expect(originals.map(\.gps).allSatisfy { $0 > 0 }, "the test photos must hold GPS: \(originals)")

        let out = temporary.path + "/bundle.zip"
        let pack = try CLI.run(["pack", folder, "-o", out, "--strip-location", "--json"], environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        #expect(pack.status == 0, "\(pack.output)")
        try expectSchemaValid("pack.schema.json", [temporary.write("pack.json", text: pack.stdout)])
        // The originals are only read.
        for (index, photo) in photos.enumerated() {
            let after = try Self.identity(folder + "/" + photo)
            #expect(after.sha256 == before[index].sha256 && after.modified == before[index].modified, "\(photo) changed")
        }

        let extracted = temporary.path + "/x"
        #expect(try ProcessRunner.run("/usr/bin/unzip", ["-q", out, "-d", extracted]).status == 0)
        let bag = extracted + "/bundle"
        let manifest = try EvidenceJSON.decoder().decode(EvidenceManifest.self, from: Data(contentsOf: URL(fileURLWithPath: bag + "/evidence.json")))
        var copies: [String] = []
        for (index, photo) in photos.enumerated() {
            let item = try #require(manifest.items.first { photo.hasSuffix($0.originalName) })
            let copy = bag + "/" + item.path
            copies.append(copy)
            #expect(item.transform == PrivacyTransform(kind: .stripLocation, removed: ["GPS"]))
            #expect(item.originalSHA256 == before[index].sha256)
            #expect(item.sha256 == (try Self.identity(copy)).sha256)
            #expect(item.sha256 != before[index].sha256)
        }
        // Untransformed items carry neither field.
        #expect(manifest.items.filter { $0.transform == nil }.allSatisfy { $0.originalSHA256 == nil })
        #expect(manifest.items.filter { $0.transform != nil }.count == 3)

        // Pillow: no GPS IFD; Make and serial kept; the same pixels.
        let stripped = try Self.pillow(Self.readBack, copies)
        for (original, copy) in zip(originals, stripped) {
            #expect(copy.gps == 0)
            #expect(copy.make == original.make && copy.serial == original.serial)
            #expect(copy.pixels == original.pixels)
        }
        // bagit-python accepts the bag.
        let validated = try ProcessRunner.run(PythonTools.bagit, ["--validate", "--quiet", bag])
        #expect(validated.status == 0, "\(validated.output)")

        // What the bundle shows: the three positions, removed; the serial number of the made photos.
        let json = try #require(pack.json["disclosure"] as? [String: Any])
        let locations = try #require(json["locations"] as? [[String: Any]])
        #expect(locations.map { $0["file"] as? String } == photos)
        #expect(locations.allSatisfy { $0["removed"] as? Bool == true })
        #expect(locations.first?["latitude"] as? Double == 31.23 && locations.first?["longitude"] as? Double == 121.47)
        #expect(locations.last?["latitude"] as? Double == 39.91 && locations.last?["longitude"] as? Double == 116.4)
        let serials = try #require(json["camera_serials"] as? [[String: Any]])
        #expect(serials.compactMap { $0["serial"] as? String } == ["SN-0042-7788", "SN-0042-7788"])

        // verify: valid and complete, the copies shown as such, nothing called tampered.
        let verify = try CLI.run(["verify", out, "--json"])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(verify.stdout.contains("\"transformed\""), "\(verify.stdout)")
        try expectSchemaValid("verify.schema.json", [temporary.write("verify.json", text: verify.stdout)])
        let human = try CLI.run(["verify", out], environment: ["LANG": "en_US.UTF-8"])
        #expect(human.status == 0)
        #expect(human.stdout.contains("a copy without location (GPS removed; not tampering)"), "\(human.stdout)")
        for photo in copies {
            let digest = try Self.identity(photo).sha256
            #expect(human.stdout.contains(digest))
        }
    }

    @Test func withoutTheFlagThePhotosGoOutAsTheyAreAndTheSummarySaysWhere() throws {
        let temporary = TemporaryDirectory("strip-location-off")
        defer { temporary.remove() }
        let folder = try Self.caseFolder(temporary, extra: [])
        let out = temporary.path + "/bundle.zip"
        let pack = try CLI.run(["pack", folder, "-o", out], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(pack.status == 0, "\(pack.output)")
        #expect(pack.stdout.contains("这份证据包会透露的信息"))
        #expect(pack.stdout.contains("photos/左耳无声.jpg: 北纬 31.23°，东经 121.47°"), "\(pack.stdout)")
        #expect(pack.stdout.contains("--strip-location"))
        let listed = try ProcessRunner.run("/usr/bin/unzip", ["-p", out, "bundle/evidence.json"])
        #expect(!listed.stdout.contains("original_sha256") && !listed.stdout.contains("transform"))
    }

    @Test(.enabled(if: Repository.sharedCorpus != nil, "../shared/corpus is not beside the checkout"))
    func theCorpusNikonJPEGLosesItsGPSAndTheHEICIsReportedNotChanged() throws {
        let corpus = try #require(Repository.sharedCorpus)
        let temporary = TemporaryDirectory("strip-location-corpus")
        defer { temporary.remove() }
        let jpeg = corpus + "/images/exif/gps_DSCN0010.jpg", heic = corpus + "/images/heic/exifsamples_IMG_5195.HEIC"
        let folder = try Self.caseFolder(temporary, extra: [("nikon.jpg", jpeg), ("iphone.heic", heic)])
        let out = temporary.path + "/bundle.zip"
        let pack = try CLI.run(["pack", folder, "-o", out, "--strip-location", "--json"])
        #expect(pack.status == 0, "\(pack.output)")
        let extracted = temporary.path + "/x"
        #expect(try ProcessRunner.run("/usr/bin/unzip", ["-q", out, "-d", extracted]).status == 0)
        let manifest = try EvidenceJSON.decoder().decode(EvidenceManifest.self, from: Data(contentsOf: URL(fileURLWithPath: extracted + "/bundle/evidence.json")))
        let nikon = try #require(manifest.items.first { $0.originalName == "nikon.jpg" })
        let iphone = try #require(manifest.items.first { $0.originalName == "iphone.heic" })
        let jpegDigest = try Self.identity(jpeg).sha256, heicDigest = try Self.identity(heic).sha256
        #expect(nikon.transform?.kind == .stripLocation && nikon.originalSHA256 == jpegDigest)
        #expect(iphone.transform == nil && iphone.sha256 == heicDigest)
        let original = try Self.pillow(Self.readBack, [jpeg])
        let copy = try Self.pillow(Self.readBack, [extracted + "/bundle/" + nikon.path])
        let originalGPS = original.first?.gps ?? 0
        #expect(originalGPS > 0 && copy.first?.gps == 0)
        #expect(copy.first?.pixels == original.first?.pixels && copy.first?.make == original.first?.make)
        // The HEIC's position is reported with how to export a copy without it.
        let locations = (pack.json["disclosure"] as? [String: Any])?["locations"] as? [[String: Any]] ?? []
        let reported = try #require(locations.first { $0["file"] as? String == "iphone.heic" })
        #expect(reported["removed"] as? Bool == false)
        #expect(((reported["advice"] as? [String: String])?["en"] ?? "").contains("HEIC"))
        #expect(try CLI.run(["verify", out]).status == 0)
    }
}
