import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension BundleSealer {
    /// `pack --tsa`: packs into a temporary bundle beside `output` (same bag name as `output`
    /// would give), seals it into `output`, and removes the temporary one. Nothing is left at
    /// `output` unless both steps succeed.
    /// - Parameters:
    ///   - output: the sealed bundle to write.
    ///   - authorities: one token from each.
    ///   - force: replace an existing `output`.
    ///   - pack: writes the unsealed bundle to the path it is given (a ``BundlePacker`` call
    ///     with ``PackOptions/bagName`` set to ``BagLayout/bagName(forOutput:)`` of `output`).
    /// - Returns: the pack's report (``PackReport/seals`` filled, sizes of the sealed bundle) and the seal's.
    /// - Throws: ``PackError`` from packing, ``SealError`` from sealing.
    public func packAndSeal(output: String, authorities: [String], force: Bool,
                            pack: (String) throws -> PackReport) throws -> (pack: PackReport, seal: SealResult) {
        for url in authorities where !TimestampClient.isAcceptable(url) { throw SealError(.badURL, subject: url) }
        try trust.validate()
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) {
            if isFolder.boolValue { throw PackError(.io, path: output, detail: "is a folder") }
            if !force { throw PackError(.outputExists, path: output) }
        }
        let folder = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let unsealed = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).unsealed"
        InterruptCleanup.register(unsealed)
        defer {
            unlink(unsealed)
            InterruptCleanup.unregister(unsealed)
        }
        var report = try pack(unsealed)
        let sealed = try seal(unsealed, authorities: authorities, output: .file(output), force: force)
        report.bundlePath = output
        var info = stat()
        if stat(output, &info) == 0 { report.bundleBytes = UInt64(info.st_size) }
        if report.bundleSHA256 != nil { report.bundleSHA256 = try? Self.sha256(ofFile: output) }
        report.seals = sealed.seals
        return (report, sealed)
    }

    private static func sha256(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw SealError(.io, subject: path, detail: "cannot be read") }
        defer { try? handle.close() }
        let pipeline = HashingPipeline(slotCount: 4, slotSize: 1 << 20)
        defer { pipeline.close() }
        while true {
            let slot = pipeline.nextBuffer()
            let n = read(handle.fileDescriptor, slot.baseAddress, slot.count)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw SealError(.io, subject: path, detail: String(cString: strerror(errno))) }
            if n == 0 { break }
            pipeline.submit(n)
        }
        return hexString(pipeline.finishFile())
    }
}
