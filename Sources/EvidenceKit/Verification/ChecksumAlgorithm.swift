internal import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// The checksum algorithms a bag's manifests may use (`manifest-<name>.txt`), named as
/// RFC 8493 and bagit-python name them (bagit-python offers every `hashlib` algorithm, so
/// `sha3_256` and `blake2b` bags exist). MD5, SHA-1 and SHA-2 256/384/512 come from
/// swift-crypto; the others from the system's OpenSSL (`libcrypto`, loaded when first needed),
/// and are unsupported (a warning, the manifest skipped) where it cannot be loaded.
enum ChecksumAlgorithm: String, Sendable, CaseIterable, Comparable {
    case md5, sha1, sha224, sha256, sha384, sha512
    case sha512_224 = "sha512_224", sha512_256 = "sha512_256"
    case sha3_224 = "sha3_224", sha3_256 = "sha3_256", sha3_384 = "sha3_384", sha3_512 = "sha3_512"
    case blake2b, blake2s

    static func < (lhs: ChecksumAlgorithm, rhs: ChecksumAlgorithm) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The algorithm of a manifest named `manifest-<name>.txt`, when this program can compute it
    /// (`sha3-256` is read as `sha3_256`; names are case-insensitive).
    static func supported(_ name: String) -> ChecksumAlgorithm? {
        guard let algorithm = ChecksumAlgorithm(rawValue: name.lowercased().replacingOccurrences(of: "-", with: "_")) else { return nil }
        return algorithm.isAvailable ? algorithm : nil
    }

    /// Whether a hasher can be made here (always for swift-crypto's, with libcrypto for the rest).
    var isAvailable: Bool { openSSLName == nil || OpenSSLDigest.library?.digest(openSSLName!) != nil }

    /// OpenSSL's name for the algorithms swift-crypto does not have.
    var openSSLName: String? {
        switch self {
        case .md5, .sha1, .sha256, .sha384, .sha512: nil
        case .sha224: "SHA224"
        case .sha512_224: "SHA512-224"
        case .sha512_256: "SHA512-256"
        case .sha3_224: "SHA3-224"
        case .sha3_256: "SHA3-256"
        case .sha3_384: "SHA3-384"
        case .sha3_512: "SHA3-512"
        case .blake2b: "BLAKE2B-512"
        case .blake2s: "BLAKE2S-256"
        }
    }

    /// A running hash for the algorithms other than SHA-256 (which has its own thread).
    /// Only for available algorithms (``isAvailable``).
    func makeHasher() -> AnyDigestHasher { AnyDigestHasher(self) }

    /// Hex digits in a checksum of this algorithm.
    var hexLength: Int {
        switch self {
        case .md5: 32
        case .sha1: 40
        case .sha224, .sha512_224, .sha3_224: 56
        case .sha256, .sha512_256, .sha3_256, .blake2s: 64
        case .sha384, .sha3_384: 96
        case .sha512, .sha3_512, .blake2b: 128
        }
    }
}

/// One of swift-crypto's hash functions, or an OpenSSL digest, behind one type.
struct AnyDigestHasher {
    private enum State {
        case md5(Insecure.MD5), sha1(Insecure.SHA1), sha256(SHA256), sha384(SHA384), sha512(SHA512)
        case openSSL(OpenSSLDigest.Context)
    }

    private var state: State

    init(_ algorithm: ChecksumAlgorithm) {
        switch algorithm {
        case .md5: state = .md5(Insecure.MD5())
        case .sha1: state = .sha1(Insecure.SHA1())
        case .sha256: state = .sha256(SHA256())
        case .sha384: state = .sha384(SHA384())
        case .sha512: state = .sha512(SHA512())
        default:
            let library = OpenSSLDigest.library!
            state = .openSSL(OpenSSLDigest.Context(library: library, digest: library.digest(algorithm.openSSLName!)!))
        }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        switch state {
        case .md5(var h): h.update(bufferPointer: bytes); state = .md5(h)
        case .sha1(var h): h.update(bufferPointer: bytes); state = .sha1(h)
        case .sha256(var h): h.update(bufferPointer: bytes); state = .sha256(h)
        case .sha384(var h): h.update(bufferPointer: bytes); state = .sha384(h)
        case .sha512(var h): h.update(bufferPointer: bytes); state = .sha512(h)
        case .openSSL(let context): context.update(bytes)
        }
    }

    /// Lower-case hex of the digest.
    func finalizeHex() -> String {
        switch state {
        case .md5(let h): hexString(h.finalize())
        case .sha1(let h): hexString(h.finalize())
        case .sha256(let h): hexString(h.finalize())
        case .sha384(let h): hexString(h.finalize())
        case .sha512(let h): hexString(h.finalize())
        case .openSSL(let context): hexString(context.finalize())
        }
    }
}

/// The system's OpenSSL `libcrypto` (EVP digests), opened with `dlopen` so that no build
/// dependency is added for the few manifest algorithms swift-crypto lacks.
final class OpenSSLDigest: Sendable {
    private typealias GetDigest = @convention(c) (UnsafePointer<CChar>) -> OpaquePointer?
    private typealias NewContext = @convention(c) () -> OpaquePointer?
    private typealias FreeContext = @convention(c) (OpaquePointer?) -> Void
    private typealias Init = @convention(c) (OpaquePointer?, OpaquePointer?, OpaquePointer?) -> Int32
    private typealias Update = @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int) -> Int32
    private typealias Final = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?) -> Int32

    private let getDigest: GetDigest
    private let newContext: NewContext
    private let freeContext: FreeContext
    private let initDigest: Init
    private let updateDigest: Update
    private let finalDigest: Final

    /// libcrypto, or nil when the system has none.
    static let library: OpenSSLDigest? = OpenSSLDigest()

    private init?() {
        let names = ["libcrypto.so.3", "libcrypto.so", "libcrypto.so.1.1"]
        guard let handle = names.lazy.compactMap({ (name: String) in dlopen(name, RTLD_NOW | RTLD_LOCAL) }).first else { return nil }
        func symbol<T>(_ name: String, as: T.Type) -> T? {
            dlsym(handle, name).map { unsafeBitCast($0, to: T.self) }
        }
        guard let getDigest = symbol("EVP_get_digestbyname", as: GetDigest.self),
              let newContext = symbol("EVP_MD_CTX_new", as: NewContext.self),
              let freeContext = symbol("EVP_MD_CTX_free", as: FreeContext.self),
              let initDigest = symbol("EVP_DigestInit_ex", as: Init.self),
              let updateDigest = symbol("EVP_DigestUpdate", as: Update.self),
              let finalDigest = symbol("EVP_DigestFinal_ex", as: Final.self) else { return nil }
        self.getDigest = getDigest
        self.newContext = newContext
        self.freeContext = freeContext
        self.initDigest = initDigest
        self.updateDigest = updateDigest
        self.finalDigest = finalDigest
    }

    /// The `EVP_MD` named `name`, when this OpenSSL has it (and can initialise it).
    func digest(_ name: String) -> OpaquePointer? {
        guard let md = getDigest(name), let context = newContext() else { return nil }
        defer { freeContext(context) }
        return initDigest(context, md, nil) == 1 ? md : nil
    }

    /// One running digest (one `EVP_MD_CTX`, freed with the object).
    final class Context {
        private let library: OpenSSLDigest
        private let context: OpaquePointer?

        init(library: OpenSSLDigest, digest: OpaquePointer) {
            self.library = library
            context = library.newContext()
            _ = library.initDigest(context, digest, nil)
        }

        deinit { library.freeContext(context) }

        func update(_ bytes: UnsafeRawBufferPointer) {
            guard !bytes.isEmpty else { return }
            _ = library.updateDigest(context, bytes.baseAddress, bytes.count)
        }

        /// The digest (the context is spent afterwards).
        func finalize() -> [UInt8] {
            var output = [UInt8](repeating: 0, count: 64)
            var length: UInt32 = 0
            _ = library.finalDigest(context, &output, &length)
            return Array(output.prefix(Int(length)))
        }
    }
}

/// Lower-case hex of any digest or byte sequence.
func hexString<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in digest {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}
