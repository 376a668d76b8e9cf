import Foundation

/// MP4/MOV integrity as the file streams past: the top-level boxes must tile the file exactly
/// and a `moov` box (the index a player needs) must be present; its `mvhd` gives the duration.
/// Only `moov` is kept in memory (bounded); `mdat`, however large, is only counted.
final class VideoChecker: ContentChecker {
    private let limits: InspectionLimits
    private var position: UInt64 = 0
    private var nextBox: UInt64 = 0
    private var header: [UInt8] = []
    private var boxTypes: [String] = []
    private var malformed: String?
    private var moov: BoundedBuffer?
    private var moovRemaining: UInt64 = 0
    private var sawMoov = false
    private var tooManyBoxes = false

    init(limits: InspectionLimits) { self.limits = limits }

    func consume(_ chunk: UnsafeRawBufferPointer) {
        var index = 0
        while index < chunk.count, malformed == nil, !tooManyBoxes {
            let absolute = position + UInt64(index)
            if moovRemaining > 0 {
                let take = Int(min(UInt64(chunk.count - index), moovRemaining))
                moov?.append(UnsafeRawBufferPointer(rebasing: chunk[index..<(index + take)]))
                moovRemaining -= UInt64(take)
                index += take
                continue
            }
            if absolute < nextBox {
                index += Int(min(UInt64(chunk.count - index), nextBox - absolute))
                continue
            }
            header.append(chunk[index])
            index += 1
            parseHeaderIfComplete()
        }
        position += UInt64(chunk.count)
    }

    private func parseHeaderIfComplete() {
        guard header.count >= 8 else { return }
        let reader = ByteReader(bytes: header)
        let size32 = reader.uint(0, 4)!
        let type = reader.fourCC(4)!
        if size32 == 1 && header.count < 16 { return }
        let start = nextBox
        var size = size32
        if size32 == 1 { size = reader.uint(8, 8)! }
        if size32 == 0 { size = .max }  // runs to the end of the file
        let headerSize = UInt64(header.count)
        header = []
        guard size >= headerSize else {
            malformed = "box '\(type)' at offset \(start) declares an impossible size \(size)"
            return
        }
        if boxTypes.isEmpty && !["ftyp", "wide", "free", "skip", "mdat", "moov", "pnot"].contains(type) {
            malformed = "the file does not start with an MP4/QuickTime box (found '\(type)')"
            return
        }
        // A 64-bit size can point past 2^64 (found by fuzzing: Fuzz/regressions/video).
        let (end, overflow) = start.addingReportingOverflow(size)
        if overflow && size != .max {
            malformed = "box '\(type)' at offset \(start) declares an impossible size \(size)"
            return
        }
        boxTypes.append(type)
        if boxTypes.count > limits.maxBoxes {
            tooManyBoxes = true  // fragmented videos have thousands; millions are a flood
            return
        }
        nextBox = size == .max ? .max : end
        if type == "moov" && !sawMoov {
            sawMoov = true
            moov = BoundedBuffer(limit: limits.maxBufferedBytes)
            moovRemaining = size == .max ? .max : size - headerSize
        }
    }

    func finish(size: UInt64) -> CheckOutcome {
        var outcome = CheckOutcome()
        if tooManyBoxes {
            outcome.unfinished = .workLimit(format: "MP4/MOV", detail: "more than \(limits.maxBoxes) top-level boxes")
            return outcome
        }
        if let malformed {
            outcome.findings.append(.videoCorrupt(malformed))
            return outcome
        }
        if !header.isEmpty || (nextBox != .max && nextBox > size) {
            outcome.findings.append(.videoCorrupt("the last box runs past the end of the file (truncated: the file was cut off)"))
        }
        if !sawMoov {
            outcome.findings.append(.error(
                "video.no-moov",
                zh: "视频缺少索引（moov），通常是录制被中断或文件没有传完整，播放器无法播放。请从手机相册重新导出完整视频。",
                en: "The video has no index ('moov' box): the recording was interrupted or the file did not transfer completely, so players cannot open it. Export the complete video again from the phone."))
        }
        if let moov, !moov.overflowed {
            let reader = ByteReader(bytes: moov.bytes, maxBoxes: limits.maxBoxes)
            if let mvhd = reader.boxes(in: 0..<moov.bytes.count).first(where: { $0.type == "mvhd" }) {
                let header = movieHeader(reader, mvhd)
                outcome.metadata.durationSeconds = header.duration
                if let created = header.created, created > 2_082_844_800 {
                    // mvhd counts seconds since 1904-01-01 UTC.
                    let date = Date(timeIntervalSince1970: TimeInterval(created) - 2_082_844_800)
                    outcome.metadata.captureTime = ISO8601DateFormatter().string(from: date)
                }
            }
        }
        return outcome
    }
}

extension Finding {
    static func videoCorrupt(_ detail: String) -> Finding {
        .error("video.corrupt",
               zh: "视频文件结构已损坏（\(detail)）。请从手机相册重新导出完整视频。",
               en: "The video file's structure is damaged (\(detail)). Export the complete video again from the phone.")
    }
}
