import Foundation

/// Bounded scans for the credibility record (XMP, C2PA/JUMBF, EXIF presence) over bytes a
/// checker already holds. Nothing here trusts a length: every read is checked against the
/// buffer, each structure walk has a step limit, and an XMP packet is read up to
/// ``maxXMPBytes`` only.
enum CredibilityScan {
    /// The most bytes of one XMP packet looked at (a JPEG segment holds at most 65,533).
    static let maxXMPBytes = 1 << 20
    /// The most segments, chunks or boxes walked per file.
    static let maxStructures = 10_000

    // MARK: JPEG

    /// APP1 XMP and APP11 JUMBF segments before the first scan (SOS), in a whole JPEG file.
    static func jpeg(_ bytes: [UInt8], into metadata: inout FileMetadata) {
        metadata.hasEXIF = metadata.hasEXIF ?? false
        var xmp = XMPScanner.Result()
        bytes.withUnsafeBufferPointer { buffer in
            guard buffer.count >= 4, buffer[0] == 0xFF, buffer[1] == 0xD8 else { return }
            var offset = 2
            var steps = 0
            while offset + 4 <= buffer.count, steps < maxStructures {
                steps += 1
                guard buffer[offset] == 0xFF else { return }
                var index = offset + 1
                while index < buffer.count && buffer[index] == 0xFF { index += 1 }  // fill bytes
                guard index < buffer.count else { return }
                let marker = buffer[index]
                index += 1
                if marker == 0xD9 || marker == 0xDA { return }  // EOI, SOS: metadata comes before
                if (0xD0...0xD7).contains(marker) || marker == 0x01 { offset = index; continue }  // no length
                guard index + 2 <= buffer.count else { return }
                let length = Int(buffer[index]) << 8 | Int(buffer[index + 1])
                // A length below 2 is skipped as libjpeg skips it (the next marker follows the
                // length bytes), so a label cannot hide behind it; one past the end ends the scan.
                if length < 2 { offset = index + 2; continue }
                guard index + length <= buffer.count else { return }
                let payload = UnsafeBufferPointer(rebasing: buffer[(index + 2)..<(index + length)])
                if marker == 0xE1, payload.starts(with: xmpSignature), !xmp.found {
                    xmp = XMPScanner.scan(UnsafeBufferPointer(rebasing: payload[xmpSignature.count...]))
                } else if marker == 0xEB, jpegJUMBFIsC2PA(payload) {
                    metadata.c2paManifest = true
                }
                offset = index + length
            }
        }
        apply(xmp, to: &metadata)
    }

    /// `http://ns.adobe.com/xap/1.0/` and its NUL: the start of an APP1 XMP segment.
    static let xmpSignature = Array("http://ns.adobe.com/xap/1.0/\0".utf8)

    /// An APP11 segment (JPEG XT box wrapper: `JP`, instance, sequence number) whose JUMBF
    /// superbox's description box (`jumd`) is labelled `c2pa` or has the C2PA type UUID.
    static func jpegJUMBFIsC2PA(_ payload: UnsafeBufferPointer<UInt8>) -> Bool {
        guard payload.count >= 8, payload[0] == 0x4A, payload[1] == 0x50 else { return false }
        return jumbfIsC2PA(UnsafeBufferPointer(rebasing: payload[8...]))
    }

    /// Whether `bytes` start with a JUMBF superbox (`jumb`) whose first child, its description
    /// (`jumd`: 16-byte type, toggles, NUL-terminated label), says C2PA.
    static func jumbfIsC2PA(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func fourCC(_ offset: Int) -> [UInt8]? { offset + 4 <= bytes.count ? Array(bytes[offset..<(offset + 4)]) : nil }
        guard bytes.count >= 8, fourCC(4) == jumb else { return false }
        let large = bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 1
        let description = large ? 16 : 8
        guard fourCC(description + 4) == jumd else { return false }
        let type = description + 8
        if fourCC(type) == c2pa { return true }  // the manifest store's type UUID starts with "c2pa"
        let label = type + 17
        guard label + 5 <= bytes.count else { return false }
        return Array(bytes[label..<(label + 4)]) == c2pa && (bytes[label + 4] == 0 || bytes[label + 4] == 0x2E)
    }

    static let jumb = Array("jumb".utf8), jumd = Array("jumd".utf8), c2pa = Array("c2pa".utf8)

    // MARK: WebP

    /// The `XMP ` and `C2PA` chunks of a whole WebP file (RIFF chunks after the 12-byte header).
    static func webp(_ bytes: [UInt8], into metadata: inout FileMetadata) {
        metadata.hasEXIF = metadata.hasEXIF ?? false
        var xmp = XMPScanner.Result()
        bytes.withUnsafeBufferPointer { buffer in
            guard buffer.count >= 12 else { return }
            var offset = 12
            var steps = 0
            while offset + 8 <= buffer.count, steps < maxStructures {
                steps += 1
                let type = Array(buffer[offset..<(offset + 4)])
                let size = Int(buffer[offset + 4]) | Int(buffer[offset + 5]) << 8 | Int(buffer[offset + 6]) << 16 | Int(buffer[offset + 7]) << 24
                let start = offset + 8
                guard size <= buffer.count - start else { return }
                let payload = UnsafeBufferPointer(rebasing: buffer[start..<(start + size)])
                if type == webpXMP, !xmp.found {
                    xmp = XMPScanner.scan(payload)
                } else if type == webpC2PA {
                    metadata.c2paManifest = true
                }
                offset = start + size + (size & 1)
            }
        }
        apply(xmp, to: &metadata)
    }

    static let webpXMP = Array("XMP ".utf8), webpC2PA = Array("C2PA".utf8)

    // MARK: HEIF

    /// The C2PA `uuid` box among a HEIF file's top-level boxes; EXIF presence; the editor named
    /// by EXIF Software (HEIF XMP items are not read).
    static func heif(_ bytes: [UInt8], into metadata: inout FileMetadata) {
        metadata.hasEXIF = metadata.hasEXIF ?? false
        let reader = ByteReader(bytes: bytes)
        for box in reader.boxes(in: 0..<bytes.count).prefix(maxStructures) where box.type == "uuid" {
            if box.payload.count >= 16, bytes[box.payload.prefix(16)].elementsEqual(bmffC2PAUUID) {
                metadata.c2paManifest = true
            }
        }
        apply(XMPScanner.Result(), to: &metadata)
    }

    /// The C2PA box type for ISO BMFF files: D8FEC3D6-1B0E-483C-9297-5828877EC481.
    static let bmffC2PAUUID: [UInt8] = [0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81]

    // MARK: The record

    /// Records what an XMP packet said and names the editor from every text that can name one.
    static func apply(_ xmp: XMPScanner.Result, to metadata: inout FileMetadata, extraTexts: [String] = []) {
        if let tool = xmp.creatorTool, !tool.isEmpty { metadata.creatorTool = tool }
        if let label = xmp.aigcLabel { metadata.aigcLabel = label }
        let texts = [metadata.software, xmp.creatorTool].compactMap { $0 } + xmp.history + extraTexts
        if metadata.editedWith == nil, let editor = CredibilityData.bundled.editor(namedIn: texts) {
            metadata.editedWith = editor
        }
    }
}

/// PNG's credibility record as the chunks stream past: the XMP `iTXt` (keyword
/// `XML:com.adobe.xmp`, uncompressed), `tEXt`/`iTXt` `Software` text, and a `caBX` chunk (C2PA).
/// Keeps at most one chunk's first ``CredibilityScan/maxXMPBytes`` bytes; stops at `IEND`.
struct PNGCredibilityScanner {
    private enum State { case signature, header, payload, crc, done }
    private var state = State.signature
    private var pending: [UInt8] = []     // signature or chunk header bytes so far
    private var remaining = 0             // payload or CRC bytes left
    private var type: [UInt8] = []
    private var keeping = false
    private var keepLimit = 0
    private var kept: [UInt8] = []
    private var xmp = XMPScanner.Result()
    private var texts: [String] = []
    private var c2pa = false
    private var chunks = 0
    /// The first eXIf chunk's payload (a bare TIFF block), at most 1 MiB.
    private var exif: [UInt8]?

    /// Takes the next bytes of the file.
    mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        var index = 0
        while index < chunk.count {
            switch state {
            case .done:
                return
            case .signature, .header:
                let take = min(8 - pending.count, chunk.count - index)
                pending.append(contentsOf: chunk[index..<(index + take)])
                index += take
                if pending.count == 8 { headerComplete() }
            case .payload:
                let take = min(remaining, chunk.count - index)
                if keeping {
                    let room = max(0, keepLimit - kept.count)
                    kept.append(contentsOf: chunk[index..<(index + min(take, room))])
                }
                remaining -= take
                index += take
                if remaining == 0 { payloadComplete() }
            case .crc:
                let take = min(remaining, chunk.count - index)
                remaining -= take
                index += take
                if remaining == 0 { state = .header }
            }
        }
    }

    private mutating func headerComplete() {
        defer { pending = [] }
        if state == .signature {
            state = pending == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] ? .header : .done
            return
        }
        chunks += 1
        let length = Int(pending[0]) << 24 | Int(pending[1]) << 16 | Int(pending[2]) << 8 | Int(pending[3])
        type = Array(pending[4..<8])
        // PNG lengths are at most 2^31 - 1; beyond that libpng reports the damage.
        guard length <= 0x7FFF_FFFF, chunks <= CredibilityScan.maxStructures else { state = .done; return }
        if type == Self.caBX { c2pa = true }
        // An XMP iTXt is kept up to the XMP bound; a tEXt only far enough for `Software` and its value.
        keeping = (type == Self.iTXt && !xmp.found) || ((type == Self.tEXt || type == Self.iTXt) && texts.count < 8)
        keepLimit = type == Self.iTXt && !xmp.found ? CredibilityScan.maxXMPBytes + 4096 : 512
        if type == Self.eXIf && exif == nil && length <= 1 << 20 {  // EXIF (GPS, camera) for the privacy report
            keeping = true
            keepLimit = length
        }
        kept = []
        remaining = length
        state = .payload
        if length == 0 { payloadComplete() }
    }

    private mutating func payloadComplete() {
        if keeping { if type == Self.eXIf { exif = kept } else { textChunk(kept) } }
        keeping = false
        kept = []
        if type == Self.iEND { state = .done; return }
        remaining = 4
        state = .crc
    }

    /// `keyword NUL text` (tEXt) or `keyword NUL flag method language NUL translated NUL text` (iTXt).
    private mutating func textChunk(_ bytes: [UInt8]) {
        guard let nul = bytes.prefix(80).firstIndex(of: 0) else { return }
        let keyword = String(decoding: bytes[..<nul], as: UTF8.self)
        var text = bytes[(nul + 1)...]
        if type == Self.iTXt {
            guard text.count >= 2, text[text.startIndex] == 0 else { return }  // compressed text is not read
            text = text.dropFirst(2)
            for _ in 0..<2 {  // language tag, translated keyword
                guard let end = text.firstIndex(of: 0) else { return }
                text = text[(end + 1)...]
            }
        }
        if keyword == "XML:com.adobe.xmp", type == Self.iTXt, !xmp.found {
            xmp = Array(text).withUnsafeBufferPointer { XMPScanner.scan($0) }
        } else if keyword == "Software" {
            // tEXt is Latin-1; editors write ASCII names there.
            texts.append(String(decoding: text.prefix(256), as: UTF8.self))
        }
    }

    /// Records what was seen.
    func finish(into metadata: inout FileMetadata) {
        if c2pa { metadata.c2paManifest = true }
        CredibilityScan.apply(xmp, to: &metadata, extraTexts: texts)
        if let exif {
            (Array("Exif\0\0".utf8) + exif).withUnsafeBytes { EXIFReader.read($0, into: &metadata) }
        }
    }

    static let iTXt = Array("iTXt".utf8), tEXt = Array("tEXt".utf8), caBX = Array("caBX".utf8), iEND = Array("IEND".utf8), eXIf = Array("eXIf".utf8)
}

/// A careful, bounded reading of an XMP packet: no XML parser, no DTD, no entities beyond XML's
/// five and numeric references. It finds the namespace prefixes the packet declares, then the
/// few properties credibility needs, written as elements (`<xmp:CreatorTool>v</...>`) or as
/// attributes (`xmp:CreatorTool="v"`). Bounded by the packet's first
/// ``CredibilityScan/maxXMPBytes`` bytes and a cap on the occurrences looked at.
enum XMPScanner {
    struct Result {
        /// Whether a packet was scanned (the first one wins).
        var found = false
        var creatorTool: String?
        /// `stEvt:softwareAgent` values of `xmpMM:History` and `photoshop:History`.
        var history: [String] = []
        var aigcLabel: AIGCLabel?
    }

    static let tc260 = "http://www.tc260.org.cn/ns/AIGC/1.0/"
    static let xmpBasic = "http://ns.adobe.com/xap/1.0/"
    static let resourceEvent = "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
    static let photoshop = "http://ns.adobe.com/photoshop/1.0/"
    /// The most occurrences of any one name looked at.
    static let maxOccurrences = 64
    /// The longest property value kept.
    static let maxValueBytes = 16 << 10

    static func scan(_ packet: UnsafeBufferPointer<UInt8>) -> Result {
        var result = Result()
        result.found = true
        let bytes = Array(packet.prefix(CredibilityScan.maxXMPBytes))
        let prefixes = namespacePrefixes(bytes)
        func values(_ namespace: String, _ local: String) -> [String] {
            (prefixes[namespace] ?? []).flatMap { propertyValues(bytes, name: $0 + ":" + local) }
        }
        result.creatorTool = values(xmpBasic, "CreatorTool").first.map(clip)
        result.history = (values(resourceEvent, "softwareAgent") + values(photoshop, "History")).prefix(32).map(clip)
        let tc260Prefixes = (prefixes[tc260] ?? []) + (prefixes[String(tc260.dropLast())] ?? [])
        if !tc260Prefixes.isEmpty {
            var label = AIGCLabel()
            let json = tc260Prefixes.lazy.compactMap { propertyValues(bytes, name: $0 + ":AIGC").first }.first
            var fields: [String: String] = [:]
            if let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] {
                for (key, value) in object {
                    if let text = value as? String { fields[key] = text } else if let number = value as? NSNumber { fields[key] = number.stringValue }
                }
            } else {
                // Some writers set each field as its own property of the namespace.
                for key in ["Label", "ContentProducer", "ProduceID", "ContentPropagator", "PropagateID"] {
                    if let value = tc260Prefixes.lazy.compactMap({ propertyValues(bytes, name: $0 + ":" + key).first }).first {
                        fields[key] = value
                    }
                }
            }
            label.label = fields["Label"].map(clip)
            label.contentProducer = fields["ContentProducer"].map(clip)
            label.produceID = fields["ProduceID"].map(clip)
            label.contentPropagator = fields["ContentPropagator"].map(clip)
            label.propagateID = fields["PropagateID"].map(clip)
            result.aigcLabel = label
        }
        return result
    }

    /// At most 256 characters, trimmed.
    static func clip(_ value: String) -> String {
        String(value.trimmingCharacters(in: .whitespacesAndNewlines).prefix(256))
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte >= 0x80
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Namespace URI → the prefixes bound to it (`xmlns:p="uri"`, at most 4 each), from the
    /// first 512 declarations.
    static func namespacePrefixes(_ bytes: [UInt8]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for start in occurrences(of: Array("xmlns:".utf8), in: bytes, limit: 512) {
            var index = start + 6
            let nameStart = index
            while index < bytes.count, index - nameStart < 64, isNameByte(bytes[index]) { index += 1 }
            guard index > nameStart else { continue }
            let prefix = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            guard let value = attributeValue(bytes, after: index) else { continue }
            // At most 4 prefixes per namespace: each is searched for over the whole packet.
            let bound = result[value] ?? []
            if bound.count < 4 && !bound.contains(prefix) { result[value, default: []].append(prefix) }
        }
        return result
    }

    /// `= "value"` (or single quotes) at `index`, spaces allowed around `=`; decoded.
    static func attributeValue(_ bytes: [UInt8], after start: Int) -> String? {
        var index = start
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == 0x3D else { return nil }
        index += 1
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27 else { return nil }
        let quote = bytes[index]
        let valueStart = index + 1
        let limit = min(bytes.count, valueStart + maxValueBytes)
        guard let end = bytes[valueStart..<limit].firstIndex(of: quote) else { return nil }
        return decodeEntities(bytes[valueStart..<end])
    }

    /// The values of property `name` (a qualified name), as element text or attribute.
    static func propertyValues(_ bytes: [UInt8], name: String) -> [String] {
        let needle = Array(name.utf8)
        var values: [String] = []
        for start in occurrences(of: needle, in: bytes, limit: maxOccurrences) {
            let after = start + needle.count
            guard after < bytes.count, !isNameByte(bytes[after]), bytes[after] != 0x3A else { continue }
            let before: UInt8 = start > 0 ? bytes[start - 1] : 0x20
            if before == 0x3C {  // <name ...> text </name>
                guard let close = bytes[after..<min(bytes.count, after + maxValueBytes)].firstIndex(of: 0x3E),
                      bytes[close - 1] != 0x2F else { continue }  // <name/> has no text
                let textStart = close + 1
                let limit = min(bytes.count, textStart + maxValueBytes)
                guard let end = bytes[textStart..<limit].firstIndex(of: 0x3C) else { continue }
                var text = decodeEntities(bytes[textStart..<end])
                if text.allSatisfy(\.isWhitespace) {
                    // A language alternative or list: the first item's text.
                    guard let li = firstIndex(of: Array("rdf:li".utf8), in: Array(bytes[end..<min(bytes.count, end + 4096)])),
                          let liClose = bytes[(end + li)..<min(bytes.count, end + li + 4096)].firstIndex(of: 0x3E),
                          let liEnd = bytes[(liClose + 1)..<min(bytes.count, liClose + 1 + maxValueBytes)].firstIndex(of: 0x3C)
                    else { continue }
                    text = decodeEntities(bytes[(liClose + 1)..<liEnd])
                }
                if !text.allSatisfy(\.isWhitespace) { values.append(text) }
            } else if isSpace(before), let value = attributeValue(bytes, after: after) {
                values.append(value)
            }
        }
        return values
    }

    /// Where `needle` starts in `bytes`, at most `limit` times.
    static func occurrences(of needle: [UInt8], in bytes: [UInt8], limit: Int) -> [Int] {
        var found: [Int] = []
        guard !needle.isEmpty, bytes.count >= needle.count else { return found }
        let first = needle[0]
        var index = 0
        let last = bytes.count - needle.count
        while index <= last, found.count < limit {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) {
                found.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }

    /// XML's five named entities and numeric references decoded; anything else kept as written.
    /// One pass over the bytes.
    static func decodeEntities(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(0x26) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == 0x26,
                  let semicolon = bytes[index..<min(bytes.endIndex, index + 12)].firstIndex(of: 0x3B) else {
                output.append(byte)
                index += 1
                continue
            }
            let entity = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
            var decoded: [UInt8]?
            switch entity {
            case "lt": decoded = [0x3C]
            case "gt": decoded = [0x3E]
            case "amp": decoded = [0x26]
            case "quot": decoded = [0x22]
            case "apos": decoded = [0x27]
            default:
                let hex = entity.hasPrefix("#x") || entity.hasPrefix("#X")
                if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst(hex ? 2 : 1), radix: hex ? 16 : 10),
                   let scalar = Unicode.Scalar(code) {
                    decoded = Array(String(Character(scalar)).utf8)
                }
            }
            if let decoded {
                output.append(contentsOf: decoded)
                index = semicolon + 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
