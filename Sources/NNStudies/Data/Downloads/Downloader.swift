import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
import NNRuns
#endif

/// Downloads one URL into a file, appending to what an earlier attempt left there (an HTTP
/// Range request), and reports its progress.
final class Downloader: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// Why a download stopped.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Bytes so far, bytes in all (nil when the server does not say), seconds since the start.
    typealias Progress = (_ received: Int64, _ total: Int64?, _ seconds: Double) -> Void

    private let url: URL
    private let destination: String
    private let progress: Progress
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var handle: FileHandle?
    private var offset: Int64 = 0
    private var received: Int64 = 0
    private var total: Int64?
    private var failure: Failure?
    private var lastReport = 0.0
    private let start = Date()
    private let maximumSize: Int64

    private init(url: URL, destination: String, maximumSize: Int64, progress: @escaping Progress) {
        (self.url, self.destination, self.maximumSize, self.progress) = (url, destination, maximumSize, progress)
    }

    /// Downloads `url` into `destination`, continuing a partial file there, and returns when
    /// the server has sent everything or the transfer failed (the bytes received are kept).
    ///
    /// - Parameters:
    ///   - timeout: seconds without a byte after which the transfer is given up.
    ///   - maximumSize: a file larger than this is refused.
    static func fetch(_ url: URL, to destination: String, timeout: Double = 30, maximumSize: Int64,
                      progress: @escaping Progress) throws(Failure) {
        let downloader = Downloader(url: url, destination: destination, maximumSize: maximumSize, progress: progress)
        try downloader.run(timeout: timeout)
    }

    private func run(timeout: Double) throws(Failure) {
        if !FileManager.default.fileExists(atPath: destination) {
            guard FileManager.default.createFile(atPath: destination, contents: nil) else {
                throw Failure(description: "cannot create \(destination)")
            }
        }
        guard let handle = FileHandle(forUpdatingAtPath: destination) else { throw Failure(description: "cannot write \(destination)") }
        self.handle = handle
        defer { try? handle.close() }
        offset = Int64((try? handle.seekToEnd()) ?? 0)
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        if offset > 0 { request.setValue("bytes=\(offset)-", forHTTPHeaderField: "Range") }
        request.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = 24 * 3600
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        session.dataTask(with: request).resume()
        done.wait()
        session.finishTasksAndInvalidate()
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
    }

    private func fail(_ description: String) {
        if failure == nil { failure = Failure(description: description) }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let length = response.expectedContentLength
        switch status {
        case 206:
            // The rest of the file, from where the partial one ends.
            let range = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Range") ?? ""
            let numbers = range.split(whereSeparator: { !$0.isNumber }).compactMap { Int64($0) }
            guard numbers.first == offset else {
                fail("\(url.absoluteString) answered a resume from byte \(offset) with \(range.isEmpty ? "no range" : range)")
                completionHandler(.cancel)
                return
            }
            total = numbers.count == 3 ? numbers[2] : (length >= 0 ? offset + length : nil)
            received = offset
        case 200:
            // The whole file: what an earlier attempt left is dropped.
            handle?.truncateFile(atOffset: 0)
            offset = 0
            received = 0
            total = length >= 0 ? length : nil
        case 416 where offset > 0:
            // Nothing after the partial file's end: it may be complete; the checksum decides.
            total = offset
            received = offset
            completionHandler(.cancel)
            return
        default:
            fail("\(url.absoluteString) answered HTTP \(status)")
            completionHandler(.cancel)
            return
        }
        if let total, total > maximumSize {
            fail("\(url.absoluteString) is \(counted(total, "byte")), more than the \(maximumSize) expected")
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil, let handle else { return }
        guard received + Int64(data.count) <= maximumSize else {
            fail("\(url.absoluteString) sent more than the \(maximumSize) bytes expected")
            dataTask.cancel()
            return
        }
        do {
            try handle.write(contentsOf: data)
        } catch {
            fail("cannot write \(destination): \(error.localizedDescription)")
            dataTask.cancel()
            return
        }
        received += Int64(data.count)
        let seconds = Date().timeIntervalSince(start)
        if seconds - lastReport >= 0.1 {
            lastReport = seconds
            progress(received, total, seconds)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        if let error, (error as NSError).code != NSURLErrorCancelled {
            fail("\(url.absoluteString): \(error.localizedDescription)")
        } else if error == nil, let total, received < total {
            fail("\(url.absoluteString) ended after \(received) of \(total) bytes")
        }
        progress(received, total, Date().timeIntervalSince(start))
        lock.unlock()
        done.signal()
    }
}
