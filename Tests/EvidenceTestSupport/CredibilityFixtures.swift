import Foundation

// Builders for the credibility tests (CredibilityTests, the CLI's inspect test): real JPEG
// files made in code (a baseline encoder that libjpeg-turbo decodes, since no image tool is
// installed), with the metadata segments real writers put in them: EXIF (TIFF IFD0 with
// Make/Model/Software), XMP packets, JUMBF boxes.

public enum CredibilityFixtures {
    /// A baseline greyscale JPEG of `width`×`height` (a smooth gradient of 8×8 blocks, DC only),
    /// with `segments` (complete marker segments, e.g. ``exifAPP1(_:)``) right after SOI.
    public static func jpeg(width: Int, height: Int, segments: [[UInt8]] = []) -> [UInt8] {
        func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func segment(_ marker: UInt8, _ body: [UInt8]) -> [UInt8] { [0xFF, marker] + be16(body.count + 2) + body }
        let dcCounts: [UInt8] = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]  // the standard luminance DC table
        let dcValues: [UInt8] = Array(0...11)
        let acCounts: [UInt8] = [1] + [UInt8](repeating: 0, count: 15)           // one code, '0': end of block
        var out: [UInt8] = [0xFF, 0xD8]
        for extra in segments { out += extra }
        out += segment(0xDB, [0x00] + [UInt8](repeating: 16, count: 64))
        out += segment(0xC0, [8] + be16(height) + be16(width) + [1, 1, 0x11, 0])
        out += segment(0xC4, [0x00] + dcCounts + dcValues)
        out += segment(0xC4, [0x10] + acCounts + [0x00])
        out += segment(0xDA, [1, 1, 0x00, 0, 63, 0])
        // Canonical Huffman codes of the DC table.
        var codes: [(code: UInt32, length: Int)] = []
        var code: UInt32 = 0
        for (index, count) in dcCounts.enumerated() {
            for _ in 0..<count { codes.append((code, index + 1)); code += 1 }
            code <<= 1
        }
        var writer = BitWriter()
        var previous = 0
        let columns = (width + 7) / 8, rows = (height + 7) / 8
        for row in 0..<rows {
            for column in 0..<columns {
                let dc = (row + column) % 40 - 20
                let diff = dc - previous
                previous = dc
                let magnitude = abs(diff)
                let category = magnitude == 0 ? 0 : Int.bitWidth - magnitude.leadingZeroBitCount
                writer.write(codes[category].code, codes[category].length)
                if category > 0 {
                    let bits = diff >= 0 ? diff : diff + (1 << category) - 1
                    writer.write(UInt32(bits), category)
                }
                writer.write(0, 1)  // EOB
            }
        }
        out += writer.finish()
        return out + [0xFF, 0xD9]
    }

    struct BitWriter {
        var bytes: [UInt8] = []
        var accumulator: UInt8 = 0
        var filled = 0

        mutating func write(_ bits: UInt32, _ length: Int) {
            for shift in stride(from: length - 1, through: 0, by: -1) {
                accumulator = accumulator << 1 | UInt8(bits >> UInt32(shift) & 1)
                filled += 1
                if filled == 8 { emit() }
            }
        }

        private mutating func emit() {
            bytes.append(accumulator)
            if accumulator == 0xFF { bytes.append(0) }  // byte stuffing
            accumulator = 0
            filled = 0
        }

        mutating func finish() -> [UInt8] {
            while filled != 0 { write(1, 1) }  // pad with one-bits
            return bytes
        }
    }

    /// An APP1 EXIF segment: `Exif\0\0` and a little-endian TIFF block whose IFD0 holds the
    /// given ASCII tags (e.g. 0x010F Make, 0x0110 Model, 0x0131 Software).
    public static func exifAPP1(_ tags: [(tag: UInt16, value: String)]) -> [UInt8] {
        let sorted = tags.sorted { $0.tag < $1.tag }
        var entries: [UInt8] = [], data: [UInt8] = []
        let dataStart = 8 + 2 + 12 * sorted.count + 4
        for (tag, value) in sorted {
            let bytes = Array(value.utf8) + [0]
            entries += le16(tag) + le16(2) + le32(UInt32(bytes.count))
            if bytes.count <= 4 {
                entries += bytes + [UInt8](repeating: 0, count: 4 - bytes.count)
            } else {
                entries += le32(UInt32(dataStart + data.count))
                data += bytes
                if data.count % 2 == 1 { data.append(0) }
            }
        }
        let tiff: [UInt8] = Array("II".utf8) + le16(42) + le32(8) + le16(UInt16(sorted.count)) + entries + le32(0) + data
        return app(0xE1, Array("Exif".utf8) + [0, 0] + tiff)
    }

    /// A marker segment `FF marker`, its length, `body`.
    public static func app(_ marker: UInt8, _ body: [UInt8]) -> [UInt8] {
        let length = body.count + 2
        return [0xFF, marker, UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + body
    }

    /// An XMP packet: `description` goes inside `rdf:Description` (attributes first, then `>`
    /// and elements), with the namespaces declared on it.
    public static func xmp(namespaces: [(prefix: String, uri: String)], attributes: String = "", elements: String = "") -> String {
        let declarations = namespaces.map { " xmlns:\($0.prefix)=\"\($0.uri)\"" }.joined()
        return """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 6.0.0">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""\(declarations)\(attributes.isEmpty ? "" : " " + attributes)>\(elements)</rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """
    }

    /// The TC260 AIGC namespace of GB 45438-2025.
    public static let tc260 = "http://www.tc260.org.cn/ns/AIGC/1.0/"

    /// The AIGC property's JSON value as TC260's practice guide writes it, entity-encoded for XML.
    public static func aigcJSON(label: String = "1", producer: String, produceID: String = "20261106-0001") -> String {
        "{\"Label\":\"\(label)\",\"ContentProducer\":\"\(producer)\",\"ProduceID\":\"\(produceID)\",\"ReservedCode1\":\"\",\"ContentPropagator\":\"\",\"PropagateID\":\"\",\"ReservedCode2\":\"\"}"
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// An APP1 XMP segment (`http://ns.adobe.com/xap/1.0/\0` + packet).
    public static func xmpAPP1(_ packet: String) -> [UInt8] {
        app(0xE1, Array("http://ns.adobe.com/xap/1.0/".utf8) + [0] + Array(packet.utf8))
    }

    /// A JUMBF superbox (`jumb`) with its description box (`jumd`: type UUID, toggles, label)
    /// and one JSON content box, as a C2PA manifest store starts.
    public static func jumbf(label: String = "c2pa", typeUUID: [UInt8] = c2paUUID) -> [UInt8] {
        let description = typeUUID + [0x03] + Array(label.utf8) + [0]
        let jumd = be32(UInt32(8 + description.count)) + Array("jumd".utf8) + description
        let json = Array("{\"claim_generator\":\"test\"}".utf8)
        let content = be32(UInt32(8 + json.count)) + Array("json".utf8) + json
        return be32(UInt32(8 + jumd.count + content.count)) + Array("jumb".utf8) + jumd + content
    }

    /// C2PA's manifest store type: `c2pa` then the JUMBF UUID suffix 0011-0010-8000-00AA00389B71.
    public static let c2paUUID: [UInt8] = Array("c2pa".utf8) + [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]

    /// An APP11 segment carrying a JUMBF box in JPEG XT's wrapper (`JP`, box instance 1, sequence 1).
    public static func jumbfAPP11(_ box: [UInt8]) -> [UInt8] {
        app(0xEB, Array("JP".utf8) + [0x00, 0x01] + be32(1) + box)
    }

    /// A PNG chunk with its CRC.
    public static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(UInt32(data.count)) + body + be32(crc32(body))
    }

    /// A valid greyscale PNG of `width`×`height` (zlib stored blocks, so any size), as a
    /// screenshot tool writes it: no EXIF.
    public static func png(width: Int, height: Int) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity((width + 1) * height)
        for row in 0..<height { raw += [0] + [UInt8](repeating: UInt8(truncatingIfNeeded: 0xF0 - row % 32), count: width) }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            let final: UInt8 = offset + count == raw.count ? 1 : 0
            zlib += [final] + le16(UInt16(count)) + le16(~UInt16(count)) + raw[offset..<(offset + count)]
            offset += count
        } while offset < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        zlib += be32(b << 16 | a)
        let ihdr = be32(UInt32(width)) + be32(UInt32(height)) + [8, 0, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + pngChunk("IHDR", ihdr) + pngChunk("IDAT", zlib) + pngChunk("IEND", [])
    }

    /// An uncompressed iTXt chunk.
    public static func pngITXt(keyword: String, _ text: String) -> [UInt8] {
        pngChunk("iTXt", Array(keyword.utf8) + [0, 0, 0, 0, 0] + Array(text.utf8))
    }

    /// `png` with `chunks` inserted before its IEND chunk (the last 12 bytes).
    public static func png(_ png: [UInt8], inserting chunks: [[UInt8]]) -> [UInt8] {
        Array(png[..<(png.count - 12)]) + chunks.flatMap { $0 } + Array(png[(png.count - 12)...])
    }

    /// `webp` (an extended-format file: a VP8X chunk first) with a chunk appended, the RIFF size
    /// mended and the VP8X flag set.
    public static func webp(_ webp: [UInt8], appending type: String, _ payload: [UInt8], flag: UInt8) -> [UInt8] {
        var bytes = webp
        if bytes.count % 2 == 1 { bytes.append(0) }
        bytes += Array(type.utf8) + le32(UInt32(payload.count)) + payload
        if payload.count % 2 == 1 { bytes.append(0) }
        bytes.replaceSubrange(4..<8, with: le32(UInt32(bytes.count - 8)))
        if bytes[12..<16].elementsEqual("VP8X".utf8) { bytes[20] |= flag }
        return bytes
    }
}
