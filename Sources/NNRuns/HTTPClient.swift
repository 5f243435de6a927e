import Foundation

/// Why an HTTP request failed: the message names the server and what went wrong.
public struct HTTPError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// A small blocking HTTP/1.1 client over a POSIX socket, for talking to a tracking server:
/// one request per connection (`Connection: close`), a deadline on connecting and on every
/// read and write, and a bound on the response's size. Plain HTTP only.
struct HTTPClient: Sendable {
    let host: String
    let port: UInt16
    /// Seconds allowed to connect, and to wait for each read or write.
    var timeout: Double = 10
    /// Responses larger than this (headers included) are refused.
    var maximumResponseLength = 64 << 20

    /// Sends `method path` with an optional JSON `body`; returns the status and the body.
    func send(_ method: String, _ path: String, json body: [UInt8]? = nil) throws(HTTPError) -> (status: Int, body: [UInt8]) {
        let fd = try connect()
        defer { close(fd) }
        var request = "\(method) \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\nAccept: application/json\r\nConnection: close\r\n"
        if let body { request += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        request += "\r\n"
        try write(fd, Array(request.utf8) + (body ?? []))
        let response = try readAll(fd)
        return try Self.parse(response, server: "\(host):\(port)")
    }

    private var hostHeader: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    private func connect() throws(HTTPError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw HTTPError(description: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = ECONNREFUSED
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard fd >= 0 else { lastError = errno; continue }
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            var result = Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen)
            if result != 0, errno == EINPROGRESS {
                var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                if poll(&waiting, 1, Int32(timeout * 1000)) == 1 {
                    var error: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
                    result = error == 0 ? 0 : -1
                    if error != 0 { errno = error }
                } else {
                    errno = ETIMEDOUT
                }
            }
            if result == 0 {
                _ = fcntl(fd, F_SETFL, flags)
                var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                return fd
            }
            lastError = errno
            close(fd)
        }
        throw HTTPError(description: "cannot connect to \(host):\(port): \(String(cString: strerror(lastError)))")
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) throws(HTTPError) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw HTTPError(description: "sending to \(host):\(port) failed: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    private func readAll(_ fd: Int32) throws(HTTPError) -> [UInt8] {
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0, errno == EINTR { continue }
            if n < 0 {
                let reason = errno == EAGAIN || errno == EWOULDBLOCK ? "no answer within \(timeout) s" : String(cString: strerror(errno))
                throw HTTPError(description: "reading from \(host):\(port) failed: \(reason)")
            }
            if n == 0 { return response }
            guard response.count + n <= maximumResponseLength else {
                throw HTTPError(description: "\(host):\(port) sent a response larger than \(maximumResponseLength >> 20) MiB")
            }
            response += chunk[..<n]
        }
    }

    /// Splits a whole response into its status and body (chunked transfer decoded).
    static func parse(_ response: [UInt8], server: String) throws(HTTPError) -> (status: Int, body: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = response.indices.dropLast(3).first(where: { response[$0..<($0 + 4)].elementsEqual(separator) }) else {
            throw HTTPError(description: "\(server) sent no complete HTTP response")
        }
        let head = String(decoding: response[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusWords = head.first?.split(separator: " ") ?? []
        guard statusWords.count >= 2, statusWords[0].hasPrefix("HTTP/"), let status = Int(statusWords[1]) else {
            throw HTTPError(description: "\(server) did not answer in HTTP")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(response[(end + 4)...])
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = try dechunk(body, server: server)
        } else if let length = headers["content-length"].flatMap({ Int($0) }) {
            guard length <= body.count else { throw HTTPError(description: "\(server) closed the connection mid-response") }
            body.removeLast(body.count - length)
        }
        return (status, body)
    }

    private static func dechunk(_ bytes: [UInt8], server: String) throws(HTTPError) -> [UInt8] {
        var body: [UInt8] = []
        var i = 0
        while true {
            guard let lineEnd = bytes[i...].firstIndex(of: 10) else { break }
            let sizeText = String(decoding: bytes[i..<lineEnd], as: UTF8.self)
                .split(separator: ";").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else { break }
            if size == 0 { return body }
            let start = lineEnd + 1
            guard size <= bytes.count - start else { break }
            body += bytes[start..<(start + size)]
            i = min(bytes.count, start + size + 2)
        }
        throw HTTPError(description: "\(server) sent a malformed chunked response")
    }
}
