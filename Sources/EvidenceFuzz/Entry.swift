#if FUZZING
// Built with `-sanitize=fuzzer,address -DFUZZING` (see `make fuzz`). SwiftPM renames an
// executable's entry point to `EvidenceFuzz_main` (and points `main` at it), so libFuzzer's own
// `main` is not linked: this entry point hands control to libFuzzer's driver instead. The
// target comes from EVIDENCE_FUZZ_TARGET.
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's driver (`compiler-rt/lib/fuzzer/FuzzerInterface.h`); its arguments are plain
/// pointers, which the Swift and C calling conventions pass alike.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("EvidenceFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzerTestOneInput(data, size) }
}

nonisolated(unsafe) private var selected: FuzzTarget?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    guard let name = getenv("EVIDENCE_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")
        let message = "请设置 EVIDENCE_FUZZ_TARGET / set EVIDENCE_FUZZ_TARGET to one of: \(names)\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        exit(2)
    }
    selected = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selected!.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
#else
import Foundation

/// Without libFuzzer: replays files through a target, so that the committed seeds and every
/// crash reproducer run as regression tests in `make test`.
///
///     evidence-fuzz TARGET FILE_OR_FOLDER...
///
/// Exits 0 when every input was handled; a crash kills the process (the test sees the signal).
@main
struct Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("用法 usage: evidence-fuzz \(names) FILE_OR_FOLDER...\n".utf8))
            exit(2)
        }
        var count = 0
        for argument in arguments.dropFirst() {
            for file in files(at: argument) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("无法读取 cannot read: \(file)\n".utf8))
                    exit(1)
                }
                let verdict = data.withUnsafeBytes { target.run($0) }
                print("\((file as NSString).lastPathComponent)\t\(verdict)")
                count += 1
            }
        }
        print("\(target.rawValue): \(count) inputs replayed")
    }

    /// A file, or the regular files directly inside a folder (sorted, hidden ones skipped).
    static func files(at path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
    }
}
#endif
