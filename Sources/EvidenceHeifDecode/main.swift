// evidence-heif-decode: decodes the primary image of one HEIC/HEIF file into a PNG file.
//
//   evidence-heif-decode INPUT OUTPUT.png --cpu SECONDS --memory BYTES --max-output BYTES --max-pixels N
//
// Run by `evidence export` (Sources/EvidenceKit/Export/HEIFConversion.swift) as a separate process so
// that a hostile file that crashes or exhausts libheif (the fuzz files in the corpus crash some
// versions) ends this process only. Before opening the input it limits itself with setrlimit:
// CPU seconds, address space, output file size, no core file. The parent adds a wall-clock timeout.
// Exit status: 0 written, 1 the file could not be decoded (one line on stderr says why), 2 usage.
import CHeif
import CTesseract
import Glibc

func fail(_ status: Int32, _ message: String) -> Never {
    let line = Array((message + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(status)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    fail(2, "usage: evidence-heif-decode INPUT OUTPUT.png [--cpu S] [--memory BYTES] [--max-output BYTES] [--max-pixels N]")
}
let input = arguments.removeFirst(), output = arguments.removeFirst()
var cpu: UInt = 20, memory: UInt = 1 << 30, maxOutput: UInt = 256 << 20, maxPixels = 100_000_000
while arguments.count >= 2 {
    let name = arguments.removeFirst(), value = arguments.removeFirst()
    guard let number = UInt(value) else { fail(2, "\(name): not a number: \(value)") }
    switch name {
    case "--cpu": cpu = number
    case "--memory": memory = number
    case "--max-output": maxOutput = number
    case "--max-pixels": maxPixels = Int(number)
    default: fail(2, "unknown option \(name)")
    }
}
guard arguments.isEmpty else { fail(2, "option without a value: \(arguments[0])") }

func limit(_ resource: __rlimit_resource, _ value: UInt) {
    let resource = __rlimit_resource_t(resource.rawValue)
    var bound = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
    guard setrlimit(resource, &bound) == 0 else { fail(2, "setrlimit failed: \(String(cString: strerror(errno)))") }
}
limit(RLIMIT_CPU, cpu)
limit(RLIMIT_AS, memory)
limit(RLIMIT_FSIZE, maxOutput)
limit(RLIMIT_CORE, 0)
_ = setMsgSeverity(Int32(L_SEVERITY_NONE))

func check(_ error: heif_error, _ what: String) {
    guard error.code != heif_error_Ok else { return }
    let detail = error.message.map { String(cString: $0) } ?? "code \(error.code.rawValue)"
    fail(1, "\(what): \(detail)")
}

guard let context = heif_context_alloc() else { fail(1, "libheif: out of memory") }
check(heif_context_read_from_file(context, input, nil), "reading the HEIF container")
var handle: OpaquePointer?
check(heif_context_get_primary_image_handle(context, &handle), "finding the primary image")
guard let handle else { fail(1, "no primary image") }
let width = Int(heif_image_handle_get_width(handle)), height = Int(heif_image_handle_get_height(handle))
guard width > 0, height > 0 else { fail(1, "the image has no size (\(width)x\(height))") }
guard width * height <= maxPixels else { fail(1, "\(width)x\(height) pixels is more than the limit of \(maxPixels)") }
var image: OpaquePointer?
check(heif_decode_image(handle, &image, heif_colorspace_RGB, heif_chroma_interleaved_RGBA, nil), "decoding the image")
guard let image else { fail(1, "decoding gave no image") }
var stride: Int32 = 0
guard let plane = heif_image_get_plane_readonly(image, heif_channel_interleaved, &stride) else { fail(1, "no pixel data") }
// The decoded size (transformations such as rotation applied), not the handle's.
let w = Int(heif_image_get_width(image, heif_channel_interleaved)), h = Int(heif_image_get_height(image, heif_channel_interleaved))
guard w > 0, h > 0, Int(stride) >= w * 4, w * h <= maxPixels else { fail(1, "unexpected decoded size \(w)x\(h)") }
guard let pix = pixCreate(Int32(w), Int32(h), 32) else { fail(1, "out of memory for \(w)x\(h) pixels") }
let words = pixGetData(pix)!, wordsPerLine = Int(pixGetWpl(pix))
for y in 0..<h {
    let row = plane + y * Int(stride)
    let line = words + y * wordsPerLine
    for x in 0..<w {
        let p = row + x * 4
        // Leptonica's 32-bit pixel: red in the most significant byte, then green, blue, alpha.
        line[x] = UInt32(p[0]) << 24 | UInt32(p[1]) << 16 | UInt32(p[2]) << 8 | UInt32(p[3])
    }
}
_ = pixSetSpp(pix, heif_image_handle_has_alpha_channel(handle) != 0 ? 4 : 3)
guard pixWritePng(output, pix, 0) == 0 else { fail(1, "writing \(output) failed") }
exit(0)
