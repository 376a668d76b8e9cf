/// Streams one entry's bytes once: SHA-256 on the pipeline's own thread, other manifest
/// algorithms on the reading thread, counting the bytes actually read against the declared
/// size and the bundle's limits.
final class EntryHasher {
    /// Stops reading with the problem that stopped it.
    struct Stop: Error {
        var problem: VerificationProblem
    }

    private let pipeline = HashingPipeline(slotCount: 4, slotSize: 1 << 20)
    private let limits: VerificationLimits
    /// The archive's size on disk, for the expansion ratio (nil when not compressed).
    private let archiveSize: UInt64?
    /// Bytes read so far from every entry of the bundle.
    private(set) var totalRead: UInt64 = 0

    init(limits: VerificationLimits, archiveSize: UInt64?) {
        self.limits = limits
        self.archiveSize = archiveSize
    }

    deinit { pipeline.close() }

    /// Reads one entry to its end through `read` (returns 0 at the end, throws on failure).
    /// - Parameters:
    ///   - name: for problems.
    ///   - declared: the size the archive declares, checked against what is read.
    ///   - algorithms: digests wanted besides SHA-256.
    ///   - keep: keep the bytes (tag files), up to the tag file limit.
    ///   - content: reads the content (type, integrity) from the same chunks, for payload files.
    func hash(name: String, declared: UInt64?, algorithms: [ChecksumAlgorithm], keep: Bool,
              content: PayloadContentReader.Session? = nil,
              read: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> BagFile {
        var others = algorithms.filter { $0 != .sha256 }.map { ($0, $0.makeHasher()) }
        var size: UInt64 = 0
        var kept: [UInt8]? = keep ? [] : nil
        do {
            while true {
                let buffer = pipeline.nextBuffer()
                let count: Int
                do {
                    count = try read(buffer)
                } catch {
                    pipeline.submit(0)
                    throw error
                }
                pipeline.submit(count)
                if count == 0 { break }
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
                for index in others.indices { others[index].1.update(chunk) }
                content?.consume(chunk)
                size += UInt64(count)
                totalRead += UInt64(count)
                if kept != nil {
                    if size <= UInt64(limits.maxTagFileSize) {
                        kept!.append(contentsOf: chunk)
                    } else {
                        kept = nil
                    }
                }
                if let declared, size > declared {
                    throw Stop(problem: VerificationProblem(.sizeMismatch, entry: name, expected: String(declared), found: "> \(declared)"))
                }
                if let problem = limits.sizeProblem(expanded: totalRead, archiveSize: archiveSize, entry: name) {
                    throw Stop(problem: problem)
                }
            }
        } catch {
            _ = pipeline.finishFile()
            throw error
        }
        let sha256 = hexString(pipeline.finishFile())
        if let declared, size != declared {
            throw Stop(problem: VerificationProblem(.sizeMismatch, entry: name, expected: String(declared), found: String(size)))
        }
        var digests: [ChecksumAlgorithm: String] = [.sha256: sha256]
        for (algorithm, hasher) in others { digests[algorithm] = hasher.finalizeHex() }
        return BagFile(path: name, size: size, digests: digests, content: kept, observed: content?.finish(size: size))
    }
}
