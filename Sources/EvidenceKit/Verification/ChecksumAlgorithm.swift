internal import Crypto

/// The checksum algorithms a bag's manifests may use (`manifest-<name>.txt`).
enum ChecksumAlgorithm: String, Sendable, CaseIterable, Comparable {
    case md5, sha1, sha256, sha384, sha512

    static func < (lhs: ChecksumAlgorithm, rhs: ChecksumAlgorithm) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// A running hash for the algorithms other than SHA-256 (which has its own thread).
    func makeHasher() -> AnyDigestHasher { AnyDigestHasher(self) }

    /// Hex digits in a checksum of this algorithm.
    var hexLength: Int {
        switch self {
        case .md5: 32
        case .sha1: 40
        case .sha256: 64
        case .sha384: 96
        case .sha512: 128
        }
    }
}

/// One of swift-crypto's hash functions behind one type.
struct AnyDigestHasher {
    private enum State {
        case md5(Insecure.MD5), sha1(Insecure.SHA1), sha256(SHA256), sha384(SHA384), sha512(SHA512)
    }

    private var state: State

    init(_ algorithm: ChecksumAlgorithm) {
        switch algorithm {
        case .md5: state = .md5(Insecure.MD5())
        case .sha1: state = .sha1(Insecure.SHA1())
        case .sha256: state = .sha256(SHA256())
        case .sha384: state = .sha384(SHA384())
        case .sha512: state = .sha512(SHA512())
        }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        switch state {
        case .md5(var h): h.update(bufferPointer: bytes); state = .md5(h)
        case .sha1(var h): h.update(bufferPointer: bytes); state = .sha1(h)
        case .sha256(var h): h.update(bufferPointer: bytes); state = .sha256(h)
        case .sha384(var h): h.update(bufferPointer: bytes); state = .sha384(h)
        case .sha512(var h): h.update(bufferPointer: bytes); state = .sha512(h)
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
