import Crypto
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
public final class HashingPipeline: @unchecked Sendable {
    private let slots: [UnsafeMutableRawBufferPointer]
    private var lengths: [Int]
    private var producerIndex = 0
    private var consumerIndex = 0
    private let free: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)
    private let fileDone = DispatchSemaphore(value: 0)
    private var hasher = SHA256()
    private var digest: SHA256.Digest?
    private var thread: Thread?
    private var closed = false

    private static let endOfFile = -1
    private static let endOfStream = -2

    /// Creates a pipeline with `slotCount` buffers of `slotSize` bytes and starts its thread.
    public init(slotCount: Int = 4, slotSize: Int = 1 << 20) {
        precondition(slotCount >= 2 && slotSize > 0)
        slots = (0..<slotCount).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: slotSize, alignment: 64) }
        lengths = Array(repeating: 0, count: slotCount)
        free = DispatchSemaphore(value: slotCount)
        let thread = Thread { [unowned self] in self.hashLoop() }
        thread.name = "evidence.sha256"
        thread.stackSize = 1 << 20
        self.thread = thread
        thread.start()
    }

    deinit {
        close()
        for slot in slots { slot.deallocate() }
    }

    /// A free buffer to fill; blocks while every buffer is still being hashed.
    public func nextBuffer() -> UnsafeMutableRawBufferPointer {
        free.wait()
        return slots[producerIndex]
    }

    /// Hands the first `count` bytes of the buffer from ``nextBuffer()`` to the hasher.
    public func submit(_ count: Int) {
        enqueue(count)
    }

    /// Waits for the hasher and returns the SHA-256 of all bytes submitted since the last call.
    public func finishFile() -> SHA256.Digest {
        free.wait()
        enqueue(Self.endOfFile)
        fileDone.wait()
        return digest!
    }

    /// Ends the hashing thread. Called by `deinit`; safe to call twice.
    public func close() {
        guard !closed else { return }
        closed = true
        free.wait()
        enqueue(Self.endOfStream)
        fileDone.wait()
    }

    private func enqueue(_ length: Int) {
        lengths[producerIndex] = length
        producerIndex = (producerIndex + 1) % slots.count
        filled.signal()
    }

    private func hashLoop() {
        while true {
            filled.wait()
            let index = consumerIndex
            consumerIndex = (consumerIndex + 1) % slots.count
            let length = lengths[index]
            switch length {
            case Self.endOfStream:
                free.signal()
                fileDone.signal()
                return
            case Self.endOfFile:
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
