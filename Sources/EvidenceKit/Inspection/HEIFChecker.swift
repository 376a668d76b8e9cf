/// HEIC/HEIF/AVIF photos: the box structure must be whole (`ftyp`, `meta`, every item's data
/// inside the file); pixel size comes from `ispe`, EXIF from the `Exif` item through libexif.
/// The image data itself is not decoded (libheif is crash-prone on hostile files; see the
/// security notes), so a HEIC with damaged compressed data inside intact boxes passes.
final class HEIFChecker: WholeFileChecker {
    override func fullCheck(size: UInt64) -> CheckOutcome {
        let reader = ByteReader(bytes: buffer.bytes, maxBoxes: limits.maxBoxes)
        var outcome = check(reader)
        // Any level holding more boxes than the limit: the walk stopped there, so no verdict.
        if Self.overLimit(reader, in: 0..<buffer.bytes.count) {
            outcome = CheckOutcome(metadata: outcome.metadata,
                                   unfinished: .workLimit(format: "HEIF", detail: "more than \(limits.maxBoxes) boxes in one box"))
        }
        return outcome
    }

    /// Whether some level of the boxes HEIFChecker reads (the file, `meta`, `iprp`/`ipco`,
    /// `iinf`) holds more than the reader's limit.
    private static func overLimit(_ reader: ByteReader, in range: Range<Int>) -> Bool {
        let top = reader.boxes(in: range)
        if top.count > reader.maxBoxes { return true }
        guard let meta = top.first(where: { $0.type == "meta" }) else { return false }
        let children = reader.boxes(in: min(meta.payload.lowerBound + 4, meta.payload.upperBound)..<meta.payload.upperBound)
        if children.count > reader.maxBoxes { return true }
        if let iprp = children.first(where: { $0.type == "iprp" }),
           reader.boxes(in: iprp.payload).count > reader.maxBoxes
            || reader.child("ipco", of: iprp).map({ reader.boxes(in: $0.payload).count > reader.maxBoxes }) == true {
            return true
        }
        if let iinf = children.first(where: { $0.type == "iinf" }), iinf.payload.count > 8,
           reader.boxes(in: (iinf.payload.lowerBound + 6)..<iinf.payload.upperBound).count > reader.maxBoxes {
            return true
        }
        return false
    }

    private func check(_ reader: ByteReader) -> CheckOutcome {
        var outcome = CheckOutcome()
        let top = reader.boxes(in: 0..<buffer.bytes.count)
        if top.contains(where: \.truncated) {
            outcome.findings.append(.heifCorrupt("a box runs past the end of the file (truncated)"))
            return outcome
        }
        guard top.first?.type == "ftyp" else {
            outcome.findings.append(.heifCorrupt("no 'ftyp' box at the start"))
            return outcome
        }
        guard let meta = top.first(where: { $0.type == "meta" }) else {
            outcome.findings.append(.heifCorrupt("no 'meta' box: the image has no item table"))
            return outcome
        }
        let children = reader.boxes(in: min(meta.payload.lowerBound + 4, meta.payload.upperBound)..<meta.payload.upperBound)
        if let iprp = children.first(where: { $0.type == "iprp" }), let ipco = reader.child("ipco", of: iprp) {
            let sizes = reader.boxes(in: ipco.payload).filter { $0.type == "ispe" }.compactMap { ispe -> (Int, Int)? in
                guard let w = reader.uint(ispe.payload.lowerBound + 4, 4), let h = reader.uint(ispe.payload.lowerBound + 8, 4) else { return nil }
                return (Int(w), Int(h))
            }
            // Areas in UInt64: two 32-bit sides overflow Int (found beside a fuzzing crash).
            if let largest = sizes.max(by: { UInt64($0.0) * UInt64($0.1) < UInt64($1.0) * UInt64($1.1) }) {
                outcome.metadata.width = largest.0
                outcome.metadata.height = largest.1
                if UInt64(largest.0) * UInt64(largest.1) > limits.maxPixels {
                    outcome.findings.append(.imageTooLarge(width: largest.0, height: largest.1))
                }
            }
        }
        let locations = itemLocations(reader, children)
        if locations.values.contains(where: { $0.upperBound > buffer.bytes.count }) {
            outcome.findings.append(.heifCorrupt("an item's data lies beyond the end of the file (truncated)"))
            return outcome
        }
        if let exifID = itemIDs(ofType: "Exif", reader, children).first, let range = locations[exifID],
           let tiffOffset = reader.uint(range.lowerBound, 4) {
            let start = range.lowerBound + 4 + Int(min(tiffOffset, UInt64(range.count)))
            if start < range.upperBound {
                let block = Array("Exif".utf8) + [0, 0] + Array(buffer.bytes[start..<range.upperBound])
                block.withUnsafeBytes { EXIFReader.read($0, into: &outcome.metadata) }
            }
        }
        CredibilityScan.heif(buffer.bytes, into: &outcome.metadata)
        return outcome
    }

    /// Item ids of a given type from `iinf`/`infe` (version 2 and 3 entries).
    private func itemIDs(ofType wanted: String, _ reader: ByteReader, _ metaChildren: [ISOBMFFBox]) -> [UInt64] {
        guard let iinf = metaChildren.first(where: { $0.type == "iinf" }),
              let version = reader.uint(iinf.payload.lowerBound, 1) else { return [] }
        let entriesStart = iinf.payload.lowerBound + 4 + (version == 0 ? 2 : 4)
        guard entriesStart <= iinf.payload.upperBound else { return [] }
        return reader.boxes(in: entriesStart..<iinf.payload.upperBound).filter { $0.type == "infe" }.compactMap { infe in
            let start = infe.payload.lowerBound
            guard let infeVersion = reader.uint(start, 1), infeVersion >= 2 else { return nil }
            let idWidth = infeVersion == 2 ? 2 : 4
            guard let id = reader.uint(start + 4, idWidth), reader.fourCC(start + 4 + idWidth + 2) == wanted else { return nil }
            return id
        }
    }

    /// Where each item's data lies in the file, from `iloc` (single-extent, file-offset items).
    private func itemLocations(_ reader: ByteReader, _ metaChildren: [ISOBMFFBox]) -> [UInt64: Range<Int>] {
        guard let iloc = metaChildren.first(where: { $0.type == "iloc" }) else { return [:] }
        var offset = iloc.payload.lowerBound
        guard let version = reader.uint(offset, 1), let sizes = reader.uint(offset + 4, 2) else { return [:] }
        offset += 6
        let offsetSize = Int(sizes >> 12 & 0xF), lengthSize = Int(sizes >> 8 & 0xF)
        let baseOffsetSize = Int(sizes >> 4 & 0xF), indexSize = version >= 1 ? Int(sizes & 0xF) : 0
        let countWidth = version < 2 ? 2 : 4
        guard let count = reader.uint(offset, countWidth) else { return [:] }
        offset += countWidth
        var result: [UInt64: Range<Int>] = [:]
        for _ in 0..<min(count, 10_000) {
            guard let id = reader.uint(offset, countWidth) else { break }
            offset += countWidth
            var method: UInt64 = 0
            if version >= 1 { method = (reader.uint(offset, 2) ?? 0) & 0xF; offset += 2 }
            offset += 2  // data_reference_index
            let base = reader.uint(offset, baseOffsetSize) ?? 0
            offset += baseOffsetSize
            guard let extents = reader.uint(offset, 2) else { break }
            offset += 2
            var first: Range<Int>?
            // Zero-width fields read nothing and never run out of bytes: then only the first
            // extent matters (else up to 65,535 empty passes per item, found by fuzzing as a slow input).
            let perExtent = indexSize + offsetSize + lengthSize
            for extent in 0..<(perExtent == 0 ? min(extents, 1) : extents) {
                offset += indexSize
                guard let start = reader.uint(offset, offsetSize), let length = reader.uint(offset + offsetSize, lengthSize) else { return result }
                offset += offsetSize + lengthSize
                if extent == 0 && method == 0 {
                    let lower = base &+ start
                    let upper = lower &+ length
                    if lower <= UInt64(Int.max / 2), upper <= UInt64(Int.max / 2), lower <= upper {
                        first = Int(lower)..<Int(upper)
                    } else {
                        first = Int.max / 2..<Int.max / 2 + 1
                    }
                }
            }
            if let first { result[id] = first }
        }
        return result
    }
}

extension Finding {
    static func heifCorrupt(_ detail: String) -> Finding {
        .error("heif.corrupt",
               zh: "HEIC/HEIF 照片结构已损坏（\(detail)）。请从手机相册重新导出原图。",
               en: "The HEIC/HEIF photo's structure is damaged (\(detail)). Export the original again from the phone's album.")
    }
}
