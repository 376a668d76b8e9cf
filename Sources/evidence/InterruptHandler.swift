import Dispatch
import EvidenceKit
#if canImport(Glibc)
import Glibc
#endif

/// What `evidence pack` does when it is interrupted: Ctrl-C (SIGINT) or SIGTERM removes the
/// unfinished bundle (``BundlePacker/removeUnfinishedBundles()``) and ends the process with
/// 130 or 143, as shells expect; a file-size limit (`ulimit -f`) becomes an ordinary write
/// error instead of killing the process with SIGXFSZ. Process-wide, so the CLI owns it, never
/// the library.
enum InterruptHandler {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers (once, at the start of `pack`, on the main thread).
    static func install() {
        guard sources.isEmpty else { return }
        // Past a file-size limit the kernel kills the writer with SIGXFSZ, which would leave the
        // temporary file behind. Ignored, the write fails with EFBIG instead and the packer's
        // ordinary error path removes the file and reports it.
        signal(SIGXFSZ, SIG_IGN)
        for (signalNumber, exitStatus) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                BundlePacker.removeUnfinishedBundles()
                _exit(exitStatus)
            }
            source.resume()
            sources.append(source)
        }
    }
}
