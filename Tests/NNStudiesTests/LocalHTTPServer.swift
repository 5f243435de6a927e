import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server on 127.0.0.1 for the download tests, started and stopped by the test: it
/// serves `files` by name, answers `Range: bytes=N-` with 206, can cut a response short once,
/// and records every request.
final class LocalHTTPServer: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: [UInt8]]
    /// File name → bytes of the body sent before the connection is closed, the next time only.
    private var cuts: [String: Int] = [:]
    private var log: [(path: String, range: String?)] = []
    private let listener: Int32
    let port: UInt16
    private var acceptor: Thread?

    init(files: [String: [UInt8]]) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        (self.files, self.listener, port) = (files, listener, UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        acceptor = thread
        thread.start()
    }

    /// The base URL of the served files.
    var url: String { "http://127.0.0.1:\(port)/files/" }

    /// The requests so far: the file asked for and its Range header.
    var requests: [(path: String, range: String?)] { lock.withLock { log } }

    func setFile(_ name: String, _ bytes: [UInt8]) { lock.withLock { files[name] = bytes } }

    /// The next response for `name` sends `bytes` of the body, then closes the connection.
    func cutOnce(_ name: String, after bytes: Int) { lock.withLock { cuts[name] = bytes } }

    /// Stops accepting; later connections are refused.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            Thread { [self] in serve(client) }.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var request: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !request.suffix(4).elementsEqual([13, 10, 13, 10]) {
            let n = recv(client, &chunk, chunk.count, 0)
            guard n > 0 else { return }
            request += chunk[..<n]
            if request.count > 65536 { return }
        }
        let lines = String(decoding: request, as: UTF8.self).components(separatedBy: "\r\n")
        let target = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        let range = lines.first { $0.lowercased().hasPrefix("range:") }.map { String($0.dropFirst(6)).trimmingCharacters(in: .whitespaces) }
        let name = target.hasPrefix("/files/") ? String(target.dropFirst(7)) : ""
        let (body, cut): ([UInt8]?, Int?) = lock.withLock {
            log.append((name, range))
            return (files[name], cuts.removeValue(forKey: name))
        }
        guard let body else {
            send(client, Array("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
            return
        }
        var start = 0
        var head = "HTTP/1.1 200 OK\r\n"
        if let range, range.hasPrefix("bytes="), let from = Int(range.dropFirst(6).prefix { $0.isNumber }) {
            guard from < body.count else {
                send(client, Array("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */\(body.count)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
                return
            }
            start = from
            head = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes \(from)-\(body.count - 1)/\(body.count)\r\n"
        }
        head += "Content-Type: application/octet-stream\r\nContent-Length: \(body.count - start)\r\nConnection: close\r\n\r\n"
        send(client, Array(head.utf8))
        let end = cut.map { min(body.count, start + $0) } ?? body.count
        send(client, Array(body[start..<end]))
    }

    private func send(_ client: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            offset += n
        }
    }
}
