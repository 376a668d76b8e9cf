internal import COpenSSL
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one door to OpenSSL: RFC 3161 requests (`TS_REQ`), responses and tokens (`TS_RESP`, the
/// CMS SignedData as `PKCS7`), and their verification with a `TS_VERIFY_CTX` and an
/// `X509_STORE`. No ASN.1 is parsed by hand anywhere in EvidenceKit. Every function is bounded
/// on hostile bytes (OpenSSL's DER decoders; at most ``maxCertificates`` PEM certificates read)
/// and fails closed: a check that could not run is never "valid".
enum TimestampOpenSSL {
    /// The most certificates read from one PEM file or chain.
    static let maxCertificates = 32
    /// The largest token or response considered (a real one is a few KB).
    static let maxTokenBytes = 1 << 20

    /// A time-stamp request: its DER bytes and the nonce it carries.
    struct Request: Sendable, Hashable {
        var der: [UInt8]
        /// Lower-case hex, as ``TokenContents/nonce`` reports a token's.
        var nonce: String
    }

    /// What a token says (read, not yet trusted).
    struct TokenContents: Sendable, Hashable {
        /// Whether the bytes were a whole TimeStampResp (else a bare token, a ContentInfo).
        var isResponse: Bool
        /// The PKIStatus of a response (0 granted, 1 granted with modifications).
        var status: Int?
        var genTime: Int64
        var time: String
        var hashNID: Int32
        var imprint: [UInt8]
        var policy: String
        var serial: String
        var nonce: String?
        var authority: String?
    }

    /// The verdict of one token against a bag digest.
    enum Verdict: Sendable, Hashable {
        /// Everything holds; the signer's chain (signer first, root last) as PEM.
        case valid(chainPEM: [UInt8])
        /// Intact and over the right digest, but the signer is not trusted here.
        case untrusted(String)
        /// Over another digest, or another nonce than expected.
        case mismatch(String)
        /// Unreadable, not granted, or a signature that does not hold.
        case invalid(String)
    }

    // MARK: Requests

    /// A TimeStampReq (version 1) for a SHA-256 digest, with a random 63-bit nonce and
    /// `certReq` true (the authority includes its certificate).
    static func makeRequest(sha256 digest: [UInt8]) -> Request? {
        precondition(digest.count == 32)
        ERR_clear_error()
        guard let request = TS_REQ_new() else { return nil }
        defer { TS_REQ_free(request) }
        guard TS_REQ_set_version(request, 1) == 1, let imprint = TS_MSG_IMPRINT_new() else { return nil }
        defer { TS_MSG_IMPRINT_free(imprint) }
        guard let algorithm = X509_ALGOR_new() else { return nil }
        defer { X509_ALGOR_free(algorithm) }
        guard X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nil) == 1,
              TS_MSG_IMPRINT_set_algo(imprint, algorithm) == 1 else { return nil }
        var bytes = digest
        guard TS_MSG_IMPRINT_set_msg(imprint, &bytes, 32) == 1, TS_REQ_set_msg_imprint(request, imprint) == 1 else { return nil }

        var random = [UInt8](repeating: 0, count: 8)
        guard RAND_bytes(&random, 8) == 1 else { return nil }
        random[0] = (random[0] & 0x7F) | 0x40
        guard let number = BN_bin2bn(random, 8, nil) else { return nil }
        defer { BN_free(number) }
        guard let nonce = BN_to_ASN1_INTEGER(number, nil) else { return nil }
        defer { ASN1_INTEGER_free(nonce) }
        guard TS_REQ_set_nonce(request, nonce) == 1, TS_REQ_set_cert_req(request, 1) == 1 else { return nil }

        let length = i2d_TS_REQ(request, nil)
        guard length > 0 else { return nil }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return i2d_TS_REQ(request, &cursor)
        }
        guard written == length, let hex = hexNumber(number) else { return nil }
        return Request(der: der, nonce: hex)
    }

    // MARK: Reading

    /// A parsed response or token; frees what it owns.
    private final class Parsed {
        var response: OpaquePointer?
        var token: UnsafeMutablePointer<PKCS7>?
        var info: OpaquePointer?
        var ownsInfo = false

        deinit {
            if ownsInfo, let info { TS_TST_INFO_free(info) }
            if let response {
                TS_RESP_free(response)
            } else if let token {
                PKCS7_free(token)
            }
        }
    }

    /// Reads a TimeStampResp, or a bare token (ContentInfo), that spans all of `bytes`.
    private static func parse(_ bytes: [UInt8]) -> Readout<Parsed> {
        guard !bytes.isEmpty else { return .failure("empty") }
        guard bytes.count <= maxTokenBytes else { return .failure("larger than \(maxTokenBytes) bytes") }
        ERR_clear_error()
        let parsed = Parsed()
        let consumedResponse: Int = bytes.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            parsed.response = d2i_TS_RESP(nil, &cursor, buffer.count)
            return parsed.response == nil ? -1 : buffer.baseAddress!.distance(to: cursor!)
        }
        if let response = parsed.response {
            guard consumedResponse == bytes.count else { return .failure("bytes after the time-stamp response") }
            parsed.token = TS_RESP_get_token(response)
            parsed.info = TS_RESP_get_tst_info(response)
            guard parsed.token != nil, parsed.info != nil else {
                return .failure("a time-stamp response without a token (status \(status(of: response).map(String.init) ?? "?"))")
            }
            return .success(parsed)
        }
        ERR_clear_error()
        let consumedToken: Int = bytes.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            parsed.token = d2i_PKCS7(nil, &cursor, buffer.count)
            return parsed.token == nil ? -1 : buffer.baseAddress!.distance(to: cursor!)
        }
        guard let token = parsed.token else {
            return .failure("neither a time-stamp response nor a token: " + (errors() ?? "DER decoding failed"))
        }
        guard consumedToken == bytes.count else { return .failure("bytes after the time-stamp token") }
        guard let info = PKCS7_to_TS_TST_INFO(token) else {
            return .failure("not a time-stamp token: " + (errors() ?? "no TSTInfo"))
        }
        parsed.info = info
        parsed.ownsInfo = true
        return .success(parsed)
    }

    private static func status(of response: OpaquePointer) -> Int? {
        guard let info = TS_RESP_get_status_info(response), let status = TS_STATUS_INFO_get0_status(info) else { return nil }
        return Int(ASN1_INTEGER_get(status))
    }

    /// What a response or token says, without judging it.
    static func contents(_ bytes: [UInt8]) -> Readout<TokenContents> {
        switch parse(bytes) {
        case .failure(let reason): return .failure(reason)
        case .success(let parsed): return contents(parsed)
        }
    }

    private static func contents(_ parsed: Parsed) -> Readout<TokenContents> {
        guard let info = parsed.info else { return .failure("no TSTInfo") }
        guard let imprint = TS_TST_INFO_get_msg_imprint(info), let algorithm = TS_MSG_IMPRINT_get_algo(imprint),
              let message = TS_MSG_IMPRINT_get_msg(imprint) else { return .failure("no message imprint") }
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        let nid = object.map { OBJ_obj2nid($0) } ?? NID_undef
        let length = Int(ASN1_STRING_length(message))
        guard length >= 0, length <= 64, let data = ASN1_STRING_get0_data(message) else { return .failure("bad message imprint") }
        let digest = Array(UnsafeBufferPointer(start: data, count: length))

        guard let when = TS_TST_INFO_get_time(info) else { return .failure("no genTime") }
        var parts = tm()
        guard ASN1_TIME_to_tm(when, &parts) == 1 else { return .failure("unreadable genTime") }
        let seconds = Int64(timegm(&parts))
        let time = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                          Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))

        var policy = ""
        if let oid = TS_TST_INFO_get_policy_id(info) {
            var buffer = [CChar](repeating: 0, count: 128)
            let n = OBJ_obj2txt(&buffer, 128, oid, 1)
            if n > 0 && n < 128 { policy = text(buffer) }
        }
        let serial = TS_TST_INFO_get_serial(info).flatMap { hexInteger($0) } ?? ""
        let nonce = TS_TST_INFO_get_nonce(info).flatMap { hexInteger($0) }

        var authority: String?
        if let name = ek_general_name_directory(TS_TST_INFO_get_tsa(info)) {
            authority = nameText(name)
        }
        if authority == nil, let token = parsed.token, let signers = PKCS7_get0_signers(token, nil, 0) {
            if ek_x509_stack_count(signers) > 0, let signer = ek_x509_stack_at(signers, 0) {
                authority = nameText(X509_get_subject_name(signer))
            }
            ek_x509_stack_free_shallow(signers)
        }
        ERR_clear_error()
        return .success(TokenContents(isResponse: parsed.response != nil, status: parsed.response.flatMap { status(of: $0) },
                                      genTime: seconds, time: time, hashNID: nid, imprint: digest, policy: policy,
                                      serial: serial, nonce: nonce, authority: authority))
    }

    // MARK: Verification

    /// Checks a response or token against the bag digest it should stamp.
    /// - Parameters:
    ///   - bytes: the `.tsr` file (a TimeStampResp, or a bare token).
    ///   - digest: the SHA-256 of the bag's tag manifest as found.
    ///   - chainPEM: the `.tsr.crt` file, when present: untrusted intermediates only.
    ///   - request: the request just sent (`seal`): its nonce and imprint must be echoed.
    ///   - trust: the trusted roots.
    /// - Returns: what the token says (nil when unreadable) and the verdict.
    static func verify(_ bytes: [UInt8], digest: [UInt8], chainPEM: [UInt8]?, request: Request?,
                       trust: SealTrust) -> (contents: TokenContents?, verdict: Verdict) {
        let parsed: Parsed
        switch parse(bytes) {
        case .failure(let reason): return (nil, .invalid(reason))
        case .success(let value): parsed = value
        }
        let read: TokenContents
        switch contents(parsed) {
        case .failure(let reason): return (nil, .invalid(reason))
        case .success(let value): read = value
        }
        if let status = read.status, status != 0 && status != 1 {
            return (read, .invalid("the response's status is \(status), not granted"))
        }
        guard read.hashNID == NID_sha256 else {
            return (read, .mismatch("the token stamps a digest made with another algorithm than SHA-256"))
        }
        guard read.imprint == digest else {
            return (read, .mismatch("the token stamps \(hexString(read.imprint)), not the tag manifest's SHA-256 \(hexString(digest))"))
        }
        if let request, read.nonce != request.nonce {
            return (read, .mismatch("the token's nonce \(read.nonce ?? "(none)") is not the request's \(request.nonce)"))
        }
        guard let token = parsed.token else { return (read, .invalid("no token")) }

        // The signer and the untrusted certificates: the token's own, then the chain file's.
        let extra = chainPEM.map { certificates(fromPEM: $0) } ?? []
        defer { extra.forEach { X509_free($0) } }
        guard let untrusted = ek_x509_stack_new() else { return (read, .invalid("out of memory")) }
        defer { ek_x509_stack_free_shallow(untrusted) }
        let embedded = ek_pkcs7_certificates(token)
        for index in 0..<ek_x509_stack_count(embedded) { _ = ek_x509_stack_push(untrusted, ek_x509_stack_at(embedded, index)) }
        for cert in extra { _ = ek_x509_stack_push(untrusted, cert) }
        ERR_clear_error()
        guard let signers = PKCS7_get0_signers(token, untrusted, 0) else {
            return (read, .untrusted("the signer's certificate is neither in the token nor in its chain file: " + (errors() ?? "")))
        }
        defer { ek_x509_stack_free_shallow(signers) }
        guard ek_x509_stack_count(signers) == 1, let signer = ek_x509_stack_at(signers, 0) else {
            return (read, .invalid("the token has \(ek_x509_stack_count(signers)) signers, not one"))
        }

        guard let store = makeStore(trust, at: read.genTime) else { return (read, .invalid("cannot build the trust store")) }
        defer { X509_STORE_free(store) }

        // The chain, as of genTime, for the time-stamping purpose (critical EKU, key usage).
        guard let chainContext = X509_STORE_CTX_new() else { return (read, .invalid("out of memory")) }
        defer { X509_STORE_CTX_free(chainContext) }
        guard X509_STORE_CTX_init(chainContext, store, signer, untrusted) == 1 else { return (read, .invalid("cannot check the chain")) }
        X509_STORE_CTX_set_purpose(chainContext, X509_PURPOSE_TIMESTAMP_SIGN)
        X509_STORE_CTX_set_time(chainContext, 0, time_t(read.genTime))
        if X509_verify_cert(chainContext) != 1 {
            let code = X509_STORE_CTX_get_error(chainContext)
            let reason = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "error \(code)"
            ERR_clear_error()
            return (read, .untrusted("\(reason) (certificate checked as of \(read.time))"))
        }
        var chain: [UInt8] = []
        if let verified = X509_STORE_CTX_get1_chain(chainContext) {
            for index in 0..<ek_x509_stack_count(verified) { chain += pem(ek_x509_stack_at(verified, index)) }
            ek_x509_stack_free_all(verified)
        }

        // OpenSSL's own verification of the whole response: signature (with the ESS signing
        // certificate), version, imprint, and the nonce of our request when there is one.
        guard let context = TS_VERIFY_CTX_new() else { return (read, .invalid("out of memory")) }
        defer { TS_VERIFY_CTX_free(context) }
        if let request {
            let fromRequest: OpaquePointer? = request.der.withUnsafeBufferPointer { buffer in
                var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
                return d2i_TS_REQ(nil, &cursor, buffer.count)
            }
            guard let fromRequest else { return (read, .invalid("cannot read our own request")) }
            defer { TS_REQ_free(fromRequest) }
            guard TS_REQ_to_TS_VERIFY_CTX(fromRequest, context) != nil else { return (read, .invalid("cannot use our own request")) }
            _ = TS_VERIFY_CTX_add_flags(context, Int32(TS_VFY_SIGNATURE))
        } else {
            guard ek_ts_verify_ctx_set_imprint_copy(context, digest, 32) == 1 else { return (read, .invalid("out of memory")) }
            _ = TS_VERIFY_CTX_set_flags(context, Int32(TS_VFY_SIGNATURE | TS_VFY_VERSION | TS_VFY_IMPRINT))
        }
        X509_STORE_up_ref(store)
        _ = TS_VERIFY_CTX_set_store(context, store)
        if !extra.isEmpty, let copy = ek_x509_stack_new() {
            for cert in extra where X509_up_ref(cert) == 1 { _ = ek_x509_stack_push(copy, cert) }
            _ = TS_VERIFY_CTX_set_certs(context, copy)
        }
        ERR_clear_error()
        let ok = parsed.response.map { TS_RESP_verify_response(context, $0) } ?? TS_RESP_verify_token(context, token)
        guard ok == 1 else {
            return (read, .invalid("OpenSSL rejects the token: " + (errors() ?? "verification failed")))
        }
        return (read, .valid(chainPEM: chain))
    }

    /// A store of the trusted roots, checking certificates as of `time`.
    private static func makeStore(_ trust: SealTrust, at time: Int64) -> OpaquePointer? {
        guard let store = X509_STORE_new() else { return nil }
        if trust.systemStore { _ = X509_STORE_set_default_paths(store) }
        for file in trust.authorityFiles where X509_STORE_load_file(store, file) != 1 {
            X509_STORE_free(store)
            return nil
        }
        if let parameters = X509_STORE_get0_param(store) { X509_VERIFY_PARAM_set_time(parameters, time_t(time)) }
        ERR_clear_error()
        return store
    }

    // MARK: Helpers

    /// The certificates in PEM text (at most ``maxCertificates``); the caller frees each.
    static func certificates(fromPEM bytes: [UInt8]) -> [OpaquePointer] {
        guard !bytes.isEmpty, bytes.count <= maxTokenBytes else { return [] }
        return bytes.withUnsafeBytes { raw -> [OpaquePointer] in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return [] }
            defer { BIO_free(bio) }
            var found: [OpaquePointer] = []
            while found.count < maxCertificates, let cert = PEM_read_bio_X509(bio, nil, nil, nil) { found.append(cert) }
            ERR_clear_error()
            return found
        }
    }

    private static func pem(_ cert: OpaquePointer?) -> [UInt8] {
        guard let cert, let bio = BIO_new(BIO_s_mem()) else { return [] }
        defer { BIO_free(bio) }
        guard PEM_write_bio_X509(bio, cert) == 1 else { return [] }
        var data: UnsafeMutablePointer<CChar>?
        let length = ek_bio_mem_data(bio, &data)
        guard length > 0, let data else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    private static func nameText(_ name: OpaquePointer?) -> String? {
        guard let name else { return nil }
        var buffer = [CChar](repeating: 0, count: 1024)
        let n = ek_x509_name_text(name, &buffer, 1024)
        return n > 0 ? String(decoding: buffer[0..<Int(n)].map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
    }

    private static func hexInteger(_ integer: UnsafePointer<ASN1_INTEGER>) -> String? {
        guard let number = ASN1_INTEGER_to_BN(integer, nil) else { return nil }
        defer { BN_free(number) }
        return hexNumber(number)
    }

    private static func hexNumber(_ number: OpaquePointer) -> String? {
        guard let text = BN_bn2hex(number) else { return nil }
        defer { ek_openssl_free(text) }
        var hex = String(cString: text).lowercased()
        while hex.hasPrefix("0") && hex.count > 1 { hex.removeFirst() }
        return hex
    }

    /// A NUL-terminated C string in a buffer, as UTF-8 text.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// OpenSSL's queued errors, joined (nil when none); the queue is emptied.
    private static func errors() -> String? {
        var messages: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, 256)
            if messages.count < 4 { messages.append(text(buffer)) }
        }
        return messages.isEmpty ? nil : messages.joined(separator: "; ")
    }
}

/// A value read from hostile bytes, or why it could not be.
enum Readout<Value> {
    case success(Value)
    case failure(String)
}
