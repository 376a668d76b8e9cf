internal import CCurl
import Foundation

/// Sends one RFC 3161 request to a time-stamp authority over HTTP (RFC 3161 section 3.4: a POST
/// of `application/timestamp-query`, answered by `application/timestamp-reply`) with libcurl.
/// Bounded: a connect timeout, a total timeout, a limit on the answer's size, no redirects,
/// http and https only. The only place that calls libcurl.
public struct TimestampClient: Sendable, Hashable {
    /// Seconds allowed to connect.
    public var connectTimeout: Double
    /// Seconds allowed for the whole exchange.
    public var totalTimeout: Double
    /// The largest answer accepted, in bytes (a real response is a few KB).
    public var maxResponseBytes: Int

    /// Creates a client.
    /// - Parameters:
    ///   - connectTimeout: seconds to connect (default 10).
    ///   - totalTimeout: seconds for the whole request (default 30).
    ///   - maxResponseBytes: the answer's size limit (default 1 MiB).
    public init(connectTimeout: Double = 10, totalTimeout: Double = 30, maxResponseBytes: Int = 1 << 20) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Whether `url` is one this client can send to (http:// or https:// with a host).
    public static func isAcceptable(_ url: String) -> Bool {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty else { return false }
        return true
    }

    /// libcurl's global set-up, done once (it is not thread-safe itself).
    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// Posts a DER TimeStampReq and returns the answer's body.
    /// - Parameters:
    ///   - request: the DER bytes of the TimeStampReq.
    ///   - url: the authority.
    /// - Returns: the body of a 200 answer.
    /// - Throws: ``SealError`` `seal.bad-url`, `seal.tsa-unreachable` (also timeouts),
    ///   `seal.tsa-http-status`, `seal.tsa-response-too-large`, each naming the URL.
    public func post(_ request: [UInt8], to url: String) throws(SealError) -> [UInt8] {
        guard Self.isAcceptable(url) else { throw SealError(.badURL, subject: url) }
        guard Self.initialized, let curl = curl_easy_init() else { throw SealError(.unreachable, subject: url, detail: "libcurl could not start") }
        defer { curl_easy_cleanup(curl) }
        let sink = ResponseSink(limit: maxResponseBytes)
        var headers: UnsafeMutablePointer<curl_slist>?
        headers = curl_slist_append(headers, "Content-Type: application/timestamp-query")
        headers = curl_slist_append(headers, "Accept: application/timestamp-reply")
        headers = curl_slist_append(headers, "Expect:")
        defer { curl_slist_free_all(headers) }
        let agent = "\(ToolInfo.name)/\(ToolInfo.version)"

        let result: CURLcode = url.withCString { urlText in
            agent.withCString { agentText in
                "http,https".withCString { protocols in
                    request.withUnsafeBytes { body in
                        _ = ek_curl_set_pointer(curl, CURLOPT_URL, urlText)
                        _ = ek_curl_set_long(curl, CURLOPT_POST, 1)
                        _ = ek_curl_set_pointer(curl, CURLOPT_POSTFIELDS, body.baseAddress)
                        _ = ek_curl_set_size(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                        _ = ek_curl_set_pointer(curl, CURLOPT_HTTPHEADER, headers)
                        _ = ek_curl_set_pointer(curl, CURLOPT_USERAGENT, agentText)
                        _ = ek_curl_set_pointer(curl, CURLOPT_PROTOCOLS_STR, protocols)
                        _ = ek_curl_set_long(curl, CURLOPT_FOLLOWLOCATION, 0)
                        _ = ek_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
                        _ = ek_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(connectTimeout * 1000)))
                        _ = ek_curl_set_long(curl, CURLOPT_TIMEOUT_MS, max(1, Int(totalTimeout * 1000)))
                        _ = ek_curl_set_size(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxResponseBytes))
                        _ = ek_curl_set_write_function(curl, responseSinkWrite)
                        _ = ek_curl_set_pointer(curl, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque())
                        return withExtendedLifetime(sink) { curl_easy_perform(curl) }
                    }
                }
            }
        }
        if sink.overflowed || result == CURLE_FILESIZE_EXCEEDED {
            throw SealError(.responseTooLarge, subject: url, detail: String(maxResponseBytes))
        }
        guard result == CURLE_OK else {
            let words = curl_easy_strerror(result).map { String(cString: $0) } ?? "libcurl error \(result.rawValue)"
            throw SealError(.unreachable, subject: url, detail: words)
        }
        let status = ek_curl_response_code(curl)
        guard status == 200 else { throw SealError(.httpStatus, subject: url, detail: String(status)) }
        return sink.bytes
    }
}

/// Collects the answer's body up to a limit (the write callback's state).
private final class ResponseSink {
    let limit: Int
    var bytes: [UInt8] = []
    var overflowed = false

    init(limit: Int) { self.limit = limit }
}

private func responseSinkWrite(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let data, let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard sink.bytes.count + length <= sink.limit else {
        sink.overflowed = true
        return 0
    }
    data.withMemoryRebound(to: UInt8.self, capacity: length) { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
    return length
}
