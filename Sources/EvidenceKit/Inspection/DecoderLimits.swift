internal import CDecoders

extension InspectionLimits {
    /// The limits as CDecoders takes them.
    var decoderLimits: ek_work_limits {
        ek_work_limits(max_pixels: maxPixels, max_work: maxWork, work_per_byte: workPerByte, max_scans: maxJPEGScans,
                       max_frames: maxFrames, max_objects: maxPDFObjects, max_pages: maxPDFPages)
    }

    /// The work a file of `size` bytes may cost (``maxWork`` plus ``workPerByte`` per byte).
    func workBudget(size: UInt64) -> UInt64 {
        let (perByte, overflow) = workPerByte.multipliedReportingOverflow(by: size)
        if overflow { return .max }
        let (total, overflow2) = maxWork.addingReportingOverflow(perByte)
        return overflow2 ? .max : total
    }
}

extension UnfinishedCheck {
    /// The unfinished check a CDecoders status stands for (nil for a verdict).
    init?(_ status: ek_status, format: String, detail: String) {
        switch status {
        case .not_run: self = .notRun(format: format, reason: detail)
        case .work_limit: self = .workLimit(format: format, detail: detail)
        case .valid, .repaired, .corrupt, .too_large, .password: return nil
        }
    }
}
