// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "EvidenceKit",
    // Builds and is tested on Linux only (Debian 12, Swift 6): the C targets link Debian's
    // libarchive, libmagic, libpng, libjpeg-turbo, libexif, libqpdf, libwebp, giflib, Tesseract
    // and poppler-glib, and CPlatform calls sync_file_range. SwiftPM's `platforms` names Apple
    // minimum versions only, so no platform is claimed here rather than a macOS that was never built.
    products: [
        .library(name: "EvidenceKit", targets: ["EvidenceKit"]),
        .executable(name: "evidence", targets: ["evidence"]),
        // Fuzz targets (Docs/SECURITY.md): replays inputs normally, libFuzzer with -DFUZZING.
        .executable(name: "evidence-fuzz", targets: ["EvidenceFuzz"]),
        // Measures the text-reading engine (Docs/PERFORMANCE.md, Docs/ACCURACY.md).
        .executable(name: "evidence-read-bench", targets: ["EvidenceReadBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Documentation only: `make docs` runs `swift package generate-documentation`.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The front ends beyond the CLI (Docs/ARCHITECTURE.md): `serve` and `desk` on Hummingbird 2,
        // the desk's records in SQLite (GRDB) or PostgreSQL (postgres-nio), `mcp` on the MCP Swift SDK.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own logging package: EvidenceServer quiets the server's log (`Logger`).
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        // Thin C layer: one system-library target per Debian library, nothing else in them.
        .systemLibrary(
            name: "CArchive", pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(
            name: "CMagic", pkgConfig: "libmagic",
            providers: [.apt(["libmagic-dev", "libmagic-mgc"])]),
        // libpng, libjpeg-turbo, libexif, libqpdf, libwebp (+ libwebpdemux, + libwebpmux for
        // `pack --strip-location`) and giflib (Debian's
        // -dev packages, installed by `make`): libpng and libjpeg report fatal errors by longjmp,
        // which Swift cannot catch, so this small C target owns the setjmp and exposes plain
        // status codes (as it does for the others' error returns).
        .target(
            name: "CDecoders",
            linkerSettings: [
                .linkedLibrary("png16"), .linkedLibrary("jpeg"), .linkedLibrary("exif"), .linkedLibrary("qpdf"),
                .linkedLibrary("webp"), .linkedLibrary("webpdemux"), .linkedLibrary("webpmux"), .linkedLibrary("gif"),
            ]),
        // Tesseract 5 (OCR, C API) and Leptonica (its image library), Debian's libtesseract-dev
        // with the chi_sim and eng language data: used only by Sources/EvidenceKit/Reading/.
        .systemLibrary(
            name: "CTesseract", pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "libleptonica-dev", "tesseract-ocr-chi-sim", "tesseract-ocr-eng"])]),
        // poppler-glib (PDF text layer, pages rendered through cairo for OCR): Reading/ only.
        .systemLibrary(
            name: "CPoppler", pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]),
        // OpenSSL 3 (Debian libssl-dev): RFC 3161 requests, responses and their verification
        // (TS_*, PKCS7, X509): used only by Sources/EvidenceKit/Sealing/TimestampOpenSSL.swift.
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]),
        // libcurl: the one HTTP POST to a time-stamp authority (Sealing/TimestampClient.swift).
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        // System calls Swift's Glibc module does not import (sync_file_range, copy_file_range).
        .target(name: "CPlatform"),
        .target(
            name: "EvidenceKit",
            dependencies: [
                "CArchive", "CMagic", "CDecoders", "CPlatform", "CTesseract", "CPoppler", "COpenSSL", "CCurl",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            // Data compiled into the library (no resource bundle to lose beside the binary):
            // the bundled rules, the content-reading cues and the credibility editor list.
            resources: [.embedInCode("Rules/rules.json"), .embedInCode("Reading/cues.json"),
                        .embedInCode("Inspection/credibility.json")]),
        // The HTTP front ends on Hummingbird 2: Shared/ (application, access guard, JSON errors,
        // uploads, assets, OpenAPI) used by `serve` and `desk`, and Serve/ (the `evidence serve` routes).
        // The page assets and the OpenAPI document are compiled in, like the rules.
        .target(
            name: "EvidenceServer",
            dependencies: [
                "EvidenceKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [
                .embedInCode("Pages/app.html"), .embedInCode("Pages/agent.html"),
                .embedInCode("Pages/app.css"), .embedInCode("Pages/app.js"),
                .embedInCode("Pages/strings.json"),
                .embedInCode("Serve/serve.openapi.json"),
            ]),
        .executableTarget(
            name: "evidence",
            dependencies: [
                "EvidenceKit",
                "EvidenceServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "EvidenceFuzz",
            dependencies: ["EvidenceKit"]),
        .executableTarget(
            name: "EvidenceReadBench",
            dependencies: ["EvidenceKit"]),
        // Tests, by level (as swift-argument-parser splits them), sharing one helper target:
        // temporary folders, the process runner, the checkout's paths, the built binaries,
        // the committed fixtures, the pinned Python tools and the archive/bag builders.
        .target(
            name: "EvidenceTestSupport",
            dependencies: [
                "EvidenceKit",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/EvidenceTestSupport",
            resources: [.copy("Fixtures")]),
        // The library in process: inspection, rules, completeness, packing, verification.
        .testTarget(
            name: "EvidenceKitUnitTests",
            dependencies: ["EvidenceKit", "EvidenceTestSupport"]),
        // The built `evidence` (and `evidence-fuzz`) run end to end: exit codes, flags, languages, JSON.
        // (It imports the `evidence` module itself for the interrupt handler, run in a child process.)
        .testTarget(
            name: "EvidenceCLITests",
            dependencies: ["EvidenceKit", "EvidenceTestSupport", "evidence"]),
        // Third-party readers and validators (bagit-python, unzip, bsdtar, jsonschema), the docs'
        // examples and schemas, the samples, the benchmark smoke run.
        // The HTTP server in process (HummingbirdTesting) and as the built `evidence serve`.
        .testTarget(
            name: "EvidenceServerTests",
            dependencies: [
                "EvidenceServer", "EvidenceKit", "EvidenceTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "EvidenceInteropTests",
            dependencies: ["EvidenceKit", "EvidenceTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
