import Foundation
@testable import EvidenceKit

// Builders for the verification tests: real zips, tars and bags made in code.

/// CRC-32 (zip, PNG), bitwise table.
public func crc32(_ bytes: [UInt8], initial: UInt32 = 0) -> UInt32 {
    var table = [UInt32](repeating: 0, count: 256)
    for i in 0..<256 {
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        table[i] = c
    }
    var crc = ~initial
    for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return ~crc
}


public func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
public func le32(_ v: UInt32) -> [UInt8] { le16(UInt16(v & 0xFFFF)) + le16(UInt16(v >> 16)) }
public func le64(_ v: UInt64) -> [UInt8] { le32(UInt32(v & 0xFFFF_FFFF)) + le32(UInt32(v >> 32)) }
public func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

/// A real 2x2 RGB PNG: signature, IHDR, one IDAT (zlib with a stored block), IEND, valid CRCs.
public func makePNG(seed: UInt8 = 0) -> [UInt8] {
    func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(UInt32(data.count)) + body + be32(crc32(body))
    }
    let raw: [UInt8] = [0, 255, seed, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255, 255]
    var a: UInt32 = 1, b: UInt32 = 0
    for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
    let zlib: [UInt8] = [0x78, 0x01, 0x01] + le16(UInt16(raw.count)) + le16(~UInt16(raw.count)) + raw + be32(b << 16 | a)
    let ihdr = be32(2) + be32(2) + [8, 2, 0, 0, 0]
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", zlib) + chunk("IEND", [])
}

/// A zip written byte by byte, so that tests can make every lie a hostile zip tells.
public struct TestZip {
    public struct Entry {
        public var name: [UInt8]
        /// The bytes as stored (already deflated when `method` is 8).
        public var data: [UInt8]
        public var method: UInt16 = 0
        public var flags: UInt16 = 0x0800
        /// Defaults: CRC-32 and size of `data`.
        public var crc: UInt32?
        public var uncompressedSize: UInt32?
        public var externalAttributes: UInt32 = 0o100644 << 16
        public var centralExtra: [UInt8] = []
        public var localExtra: [UInt8] = []
        /// Local header fields that lie (nil: same as the central directory).
        public var localName: [UInt8]?
        public var localCRC: UInt32?
        public var localUncompressedSize: UInt32?
        /// Central directory offset override (overlapping entries).
        public var offsetOverride: UInt32?

        public init(_ name: String, _ data: [UInt8]) {
            self.name = Array(name.utf8)
            self.data = data
        }

        public init(rawName: [UInt8], _ data: [UInt8]) {
            self.name = rawName
            self.data = data
        }

        public static func directory(_ name: String) -> Entry {
            var entry = Entry(name, [])
            entry.externalAttributes = 0o040755 << 16 | 0x10
            return entry
        }

        public static func symlink(_ name: String, to target: String) -> Entry {
            var entry = Entry(name, Array(target.utf8))
            entry.externalAttributes = 0o120777 << 16
            return entry
        }
    }

    public var entries: [Entry] = []
    public var prefix: [UInt8] = []
    public var comment: [UInt8] = []
    public var suffix: [UInt8] = []
    /// Overrides the entry count in the end record.
    public var declaredCount: UInt16?

    public init(_ entries: [Entry] = []) { self.entries = entries }

    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let offset = UInt32(out.count)
            let crc = entry.crc ?? crc32(entry.data)
            let size = entry.uncompressedSize ?? UInt32(entry.data.count)
            let localName = entry.localName ?? entry.name
            out += le32(0x0403_4B50) + le16(20) + le16(entry.flags) + le16(entry.method) + le16(0) + le16(0x21)
            out += le32(entry.localCRC ?? crc) + le32(UInt32(entry.data.count)) + le32(entry.localUncompressedSize ?? size)
            out += le16(UInt16(localName.count)) + le16(UInt16(entry.localExtra.count)) + localName + entry.localExtra + entry.data
            central += le32(0x0201_4B50) + le16(0x031E) + le16(20) + le16(entry.flags) + le16(entry.method) + le16(0) + le16(0x21)
            central += le32(crc) + le32(UInt32(entry.data.count)) + le32(size)
            central += le16(UInt16(entry.name.count)) + le16(UInt16(entry.centralExtra.count)) + le16(0) + le16(0) + le16(0)
            central += le32(entry.externalAttributes) + le32(entry.offsetOverride ?? offset) + entry.name + entry.centralExtra
        }
        let cdOffset = UInt32(out.count)
        out += central
        if entries.count > 0xFFFF {
            // zip64 end record and locator; the classic record then says 0xFFFF.
            let record = UInt64(out.count)
            out += le32(0x0606_4B50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
            out += le64(UInt64(entries.count)) + le64(UInt64(entries.count)) + le64(UInt64(central.count)) + le64(UInt64(cdOffset))
            out += le32(0x0706_4B50) + le32(0) + le64(record) + le32(1)
        }
        let count = declaredCount ?? UInt16(min(entries.count, 0xFFFF))
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(count) + le16(count) + le32(UInt32(central.count)) + le32(cdOffset)
        out += le16(UInt16(comment.count)) + comment
        return prefix + out + suffix
    }

    /// An Info-ZIP Unicode Path extra field (0x7075) saying `name` for a stored name `stored`.
    public static func unicodePathExtra(_ name: String, stored: [UInt8]) -> [UInt8] {
        let body: [UInt8] = [1] + le32(crc32(stored)) + Array(name.utf8)
        return le16(0x7075) + le16(UInt16(body.count)) + body
    }
}

/// A ustar archive written byte by byte (hard links, devices, raw names).
public struct TestTar {
    public struct Entry {
        public var name: [UInt8]
        public var data: [UInt8] = []
        public var type: UInt8 = UInt8(ascii: "0")
        public var link: String = ""

        public init(name: [UInt8], data: [UInt8] = [], type: UInt8 = UInt8(ascii: "0"), link: String = "") {
            self.name = name
            self.data = data
            self.type = type
            self.link = link
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        func octal(_ value: Int, _ width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: width - 1 - digits.count) + digits).utf8) + [0]
        }
        for entry in entries {
            var header = [UInt8](repeating: 0, count: 512)
            func put(_ bytes: [UInt8], at: Int) { for (i, b) in bytes.enumerated() { header[at + i] = b } }
            put(Array(entry.name.prefix(100)), at: 0)
            put(octal(entry.type == UInt8(ascii: "5") ? 0o755 : 0o644, 8), at: 100)
            put(octal(0, 8), at: 108)
            put(octal(0, 8), at: 116)
            put(octal(entry.data.count, 12), at: 124)
            put(octal(0, 12), at: 136)
            put(Array(repeating: UInt8(ascii: " "), count: 8), at: 148)
            header[156] = entry.type
            put(Array(entry.link.utf8.prefix(100)), at: 157)
            put(Array("ustar\u{0}00".utf8), at: 257)
            let sum = header.reduce(0) { $0 + Int($1) }
            put(Array(String(sum, radix: 8).leftPadded(6).utf8) + [0, UInt8(ascii: " ")], at: 148)
            out += header + entry.data
            out += [UInt8](repeating: 0, count: (512 - entry.data.count % 512) % 512)
        }
        return out + [UInt8](repeating: 0, count: 1024)
    }
}

extension String {
    public func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// An EvidenceKit bag, made in code: payload files, the tag files of bundle format v1 with
/// their manifests, and `evidence.json`. Edit `files` afterwards to tamper.
public struct TestBag {
    public var name = "taobao-3712345678901234567"

    public init() {}
    /// Path relative to the bag root, bytes; in archive order.
    public var files: [(path: String, bytes: [UInt8])] = []

    /// A quality complaint: a product photo, an order screenshot and a chat record.
    public static func quality(status: CompletenessResult.Status = .complete, withEvidenceJSON: Bool = true,
                        bagitTxt: String = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
                        payload: [(String, EvidenceRole, [UInt8])]? = nil) -> TestBag {
        let items = payload ?? [
            ("data/01-左耳无声.png", .productPhoto, makePNG(seed: 1)),
            ("data/02-订单截图.png", .orderScreenshot, makePNG(seed: 2)),
            ("data/03-旺旺聊天记录.txt", .chatRecord, Array("买家：左耳没有声音\n客服：请稍等\n".utf8)),
        ]
        var bag = TestBag()
        let manifest = items.map { "\(sha256Hex($0.2))  \($0.0)\n" }.joined()
        let octets = items.reduce(0) { $0 + $1.2.count }
        let info = "Bagging-Date: 2026-11-06\nPayload-Oxum: \(octets).\(items.count)\nBag-Software-Agent: evidence 0.1.0\nExternal-Identifier: 3712345678901234567\n"
        var tag: [(String, [UInt8])] = [("bagit.txt", Array(bagitTxt.utf8)), ("bag-info.txt", Array(info.utf8)),
                                        ("manifest-sha256.txt", Array(manifest.utf8))]
        if withEvidenceJSON {
            tag.append(("evidence.json", evidenceJSON(items: items, status: status)))
        }
        let tagManifest = tag.map { "\(sha256Hex($0.1))  \($0.0)\n" }.joined()
        bag.files = tag + [("tagmanifest-sha256.txt", Array(tagManifest.utf8))] + items.map { ($0.0, $0.2) }
        return bag
    }

    public static func evidenceJSON(items: [(String, EvidenceRole, [UInt8])], status: CompletenessResult.Status) -> [UInt8] {
        let gap = CompletenessResult.Gap(requirement: "unboxing-or-photo", roles: [.unboxingVideo], minimum: 1, found: 0,
                                         reason: LocalizedText(zh: "原因", en: "reason"), advice: LocalizedText(zh: "建议", en: "advice"), citation: nil)
        let completeness = CompletenessResult(status: status, category: "quality", rulesVersion: "2026.1",
                                              missingRequired: status == .complete ? [] : [gap], missingRecommended: [])
        var complaint = ComplaintCase(category: "quality", evidence: items.map {
            ComplaintCase.Item(file: String($0.0.dropFirst("data/03-".count)), role: $0.1)
        })
        complaint.orderID = "3712345678901234567"
        let manifest = EvidenceManifest(
            createdAt: "2026-11-06T08:00:00Z", case: complaint,
            items: items.enumerated().map { index, item in
                EvidenceManifest.Item(sequence: index + 1, path: item.0, role: item.1, originalName: String(item.0.dropFirst("data/03-".count)),
                                      size: UInt64(item.2.count), sha256: sha256Hex(item.2),
                                      mimeType: item.0.hasSuffix(".png") ? "image/png" : "text/plain", captureTime: nil,
                                      checks: .init(status: .ok, findings: [], kind: item.0.hasSuffix(".png") ? .image : .text), note: nil)
            },
            completeness: completeness, rulesVersion: "2026.1")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try! encoder.encode(manifest))
    }

    /// Replaces a file's bytes (tampering).
    public mutating func replace(_ path: String, with bytes: [UInt8]) {
        let index = files.firstIndex { $0.path == path }!
        files[index].bytes = bytes
    }

    public mutating func edit(_ path: String, _ change: (String) -> String) {
        let index = files.firstIndex { $0.path == path }!
        files[index].bytes = Array(change(String(decoding: files[index].bytes, as: UTF8.self)).utf8)
    }

    /// Edits `evidence.json` as a value (the tag manifest is left alone).
    public mutating func editEvidence(_ change: (inout EvidenceManifest) -> Void) {
        let index = files.firstIndex { $0.path == "evidence.json" }!
        var manifest = try! JSONDecoder().decode(EvidenceManifest.self, from: Data(files[index].bytes))
        change(&manifest)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        files[index].bytes = Array(try! encoder.encode(manifest))
    }

    /// Recomputes the tag manifest after an edit (a careful tamperer).
    public mutating func resealTagManifest() {
        let tags = files.filter { !$0.path.hasPrefix("data/") && $0.path != "tagmanifest-sha256.txt" }
        replace("tagmanifest-sha256.txt", with: Array(tags.map { "\(sha256Hex($0.bytes))  \($0.path)\n" }.joined().utf8))
    }

    /// The bag as one zip with a top-level folder (stored entries, UTF-8 names).
    public func zip() -> [UInt8] {
        TestZip([.directory(name + "/")] + files.map { TestZip.Entry(name + "/" + $0.path, $0.bytes) }).bytes()
    }

    /// The bag as a ustar archive.
    public func tar() -> [UInt8] {
        TestTar(entries: [TestTar.Entry(name: Array((name + "/").utf8), type: UInt8(ascii: "5"))]
            + files.map { TestTar.Entry(name: Array((name + "/" + $0.path).utf8), data: $0.bytes) }).bytes()
    }

    /// Writes the bag as an unpacked folder under `folder`; returns its path.
    public func writeFolder(in folder: TemporaryDirectory) -> String {
        for file in files { folder.write(name + "/" + file.path, file.bytes) }
        return folder.file(name)
    }
}

/// Writes `bytes` to a temporary file and verifies it.
public func verifyBytes(_ bytes: [UInt8], name: String = "bundle.zip", verifier: BundleVerifier = BundleVerifier()) -> VerificationReport {
    let folder = TemporaryDirectory("verify")
    defer { folder.remove() }
    return verifier.verify(folder.write(name, bytes))
}

/// PNG chunk helpers for building damaged PNGs from a valid one.
public enum PNGBytes {
    /// Offsets of each chunk: (type, start of length field, data length).
    public static func chunks(_ png: [UInt8]) -> [(type: String, offset: Int, length: Int)] {
        var result: [(String, Int, Int)] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8 | Int(png[offset + 3])
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            result.append((type, offset, length))
            offset += 12 + length
        }
        return result
    }
}

/// MP4 top-level boxes: (type, start, size).
public func topLevelBoxes(_ bytes: [UInt8]) -> [(type: String, start: Int, size: Int)] {
    var result: [(String, Int, Int)] = []
    var offset = 0
    while offset + 8 <= bytes.count {
        let size = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
        guard size >= 8 else { break }
        result.append((type, offset, size))
        offset += size
    }
    return result
}
