internal import Crypto
import Foundation

/// SHA-256 on its own thread, fed through a ring of reusable buffers, so that reading (and
/// whatever the reading thread does with the same bytes: integrity checks, CRC and archive
/// writing) overlaps with hashing on the second core. TECH-NOTES.md measured this shape at
/// ~0.9x the time of `openssl dgst -sha256` where one thread cannot get under ~1.6x.
///
/// Use from one producer thread: ``nextBuffer()``, fill it, ``submit(_:)``; ``finishFile()``
/// returns the digest of everything submitted since the previous call. A buffer handed out
/// stays untouched by the hasher until it is submitted, and is not handed out again until the
/// hasher is done with it, so the producer may keep reading a submitted buffer until its next
/// ``nextBuffer()`` call.
final class HashingPipeline: @unchecked Sendable {
    /// The state shared with the hashing thread. The thread holds it strongly, so it outlives
    /// the pipeline object until the thread has ended; the pipeline ends the thread in `deinit`.
    private final class Core: @unchecked Sendable {
        let slots: [UnsafeMutableRawBufferPointer]
        var lengths: [Int]
        var producerIndex = 0
        var consumerIndex = 0
        let free: DispatchSemaphore
        let filled = DispatchSemaphore(value: 0)
        let fileDone = DispatchSemaphore(value: 0)
        var hasher = SHA256()
        var digest: SHA256.Digest?
        var closed = false

        init(slotCount: Int, slotSize: Int) {
            slots = (0..<slotCount).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: slotSize, alignment: 64) }
            lengths = Array(repeating: 0, count: slotCount)
            free = DispatchSemaphore(value: slotCount)
        }

        deinit { for slot in slots { slot.deallocate() } }

        func enqueue(_ length: Int) {
            lengths[producerIndex] = length
            producerIndex = (producerIndex + 1) % slots.count
            filled.signal()
        }

        func hashLoop() {
            while true {
                filled.wait()
                let index = consumerIndex
                consumerIndex = (consumerIndex + 1) % slots.count
                let length = lengths[index]
                switch length {
                case HashingPipeline.endOfStream:
                    free.signal()
                    fileDone.signal()
                    return
                case HashingPipeline.endOfFile:
                    digest = hasher.finalize()
                    hasher = SHA256()
                    free.signal()
                    fileDone.signal()
                default:
                    hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: slots[index][0..<length]))
                    free.signal()
                }
            }
        }
    }

    private let core: Core

    fileprivate static let endOfFile = -1
    fileprivate static let endOfStream = -2

    /// Creates a pipeline with `slotCount` buffers of `slotSize` bytes and starts its thread.
    init(slotCount: Int = 4, slotSize: Int = 1 << 20) {
        precondition(slotCount >= 2 && slotSize > 0)
        let core = Core(slotCount: slotCount, slotSize: slotSize)
        self.core = core
        let thread = Thread { core.hashLoop() }
        thread.name = "evidence.sha256"
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { close() }

    /// A free buffer to fill; blocks while every buffer is still being hashed.
    func nextBuffer() -> UnsafeMutableRawBufferPointer {
        core.free.wait()
        return core.slots[core.producerIndex]
    }

    /// Hands the first `count` bytes of the buffer from ``nextBuffer()`` to the hasher.
    func submit(_ count: Int) {
        core.enqueue(count)
    }

    /// Waits for the hasher and returns the SHA-256 of all bytes submitted since the last call.
    func finishFile() -> SHA256.Digest {
        core.free.wait()
        core.enqueue(Self.endOfFile)
        core.fileDone.wait()
        return core.digest!
    }

    /// Ends the hashing thread. Called by `deinit`; safe to call more than once.
    func close() {
        guard !core.closed else { return }
        core.closed = true
        core.free.wait()
        core.enqueue(Self.endOfStream)
        core.fileDone.wait()
    }
}
