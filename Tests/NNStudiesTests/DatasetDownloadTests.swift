import Foundation
import Testing
@testable import NNStudies

/// Downloads of the standard datasets from a local server serving small files in the real
/// formats (gzip'd IDX, CIFAR-10's binary batches in a tar.gz), with the checksums of those files.
@Suite(.serialized) struct DatasetDownloadTests {
    static func temporaryRoot() throws -> String {
        let path = NSTemporaryDirectory() + "nndash-datasets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A store of `root` that downloads from `server` the files `files` (whose MD5 it expects),
    /// and the events it reported.
    static func store(root: String, server: LocalHTTPServer, files: [String: [UInt8]]) -> (DatasetStore, EventLog) {
        let events = EventLog()
        var store = DatasetStore(root: root, mirror: server.url)
        store.timeout = 5
        store.checksums = files.mapValues { MD5.hex($0) }
        store.report = { event in events.withLock { $0.append(event) } }
        return (store, events)
    }

    @Test func md5MatchesRFC1321() {
        #expect(MD5.hex([UInt8]()) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hex(Array("abc".utf8)) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5.hex(Array("12345678901234567890123456789012345678901234567890123456789012345678901234567890".utf8))
            == "57edf4a22be3c955ac49da2e2107b67a")
        // Fed in pieces of every size, the same digest.
        let bytes = (0..<1000).map { UInt8($0 % 251) }
        var pieces = MD5()
        var (start, size) = (0, 1)
        while start < bytes.count {
            pieces.update(bytes[start..<min(bytes.count, start + size)])
            start += size
            size += 1
        }
        #expect(pieces.hexDigest() == MD5.hex(bytes))
    }

    @Test func progressLinesNameBytesRateAndTimeLeft() {
        let line = DownloadProgress.line(file: "f.gz", received: 2_500_000, total: 10_000_000, seconds: 2, barWidth: 8)
        #expect(line == "f.gz  [##------]  2.5 MB of 10.0 MB  1.2 MB/s  0:06 left")
        #expect(DownloadProgress.line(file: "f", received: 999, total: nil, seconds: 1) == "f  999 B  999 B/s")
    }

    @Test func mnistDownloadsWithProgressThenLoadsOfflineFromTheCache() throws {
        let root = try Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = DatasetFiles.mnist(train: 30, test: 10)
        let server = try LocalHTTPServer(files: files)
        let (store, events) = Self.store(root: root, server: server, files: files)
        let folder = try store.prepare(.mnist)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == Set(files.keys))
        let seen = events.withLock { $0 }
        for name in files.keys {
            #expect(seen.contains { if case .started(name, _, 0) = $0 { true } else { false } })
            #expect(seen.contains { if case .progress(name, let received, let total, _) = $0 { received == total } else { false } })
            #expect(seen.contains { if case .finished(name) = $0 { true } else { false } })
        }
        // Offline: the server is gone; the cached files load without a request.
        server.stop()
        let before = server.requests.count
        let (dataset, _) = try DataSource.standard(.mnist, .both).load(seed: 0, transform: nil, validTransform: nil, store: store)
        #expect(server.requests.count == before)
        #expect(dataset.count == 40 && dataset.validationStart == 30 && dataset.featureShape == [1, 28, 28])
        #expect(dataset.labels.prefix(3) == [0, 1, 2] && dataset.labels[30] == 3)
        #expect(dataset.classNames == (0...9).map(String.init))
        // Pixel bytes become ToTensor's values.
        #expect(dataset.example(0)[5] == Float(200) / 255)
        let test = try DataSource.standard(.mnist, .test).load(seed: 0, transform: nil, validTransform: nil, store: store).dataset
        #expect(test.count == 10 && test.validationStart == nil)
    }

    @Test func aWrongFileIsRefusedAndNotKept() throws {
        let root = try Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = DatasetFiles.mnist(train: 4, test: 2)
        let server = try LocalHTTPServer(files: files)
        defer { server.stop() }
        let (store, _) = Self.store(root: root, server: server, files: files)
        server.setFile("t10k-images-idx3-ubyte.gz", DatasetFiles.gzip(Array("not the published file".utf8)))
        #expect {
            try store.prepare(.mnist)
        } throws: { error in
            "\(error)".contains("MD5") && "\(error)".contains("t10k-images-idx3-ubyte.gz") && "\(error)".contains("Without a network, copy")
        }
        let folder = store.folder(.mnist)
        #expect(!FileManager.default.fileExists(atPath: folder + "/t10k-images-idx3-ubyte.gz"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/t10k-images-idx3-ubyte.gz.part"))
        // The right file afterwards completes the set.
        server.setFile("t10k-images-idx3-ubyte.gz", files["t10k-images-idx3-ubyte.gz"]!)
        _ = try store.prepare(.mnist)
    }

    @Test func aCutDownloadResumesWhereItStopped() throws {
        let root = try Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = DatasetFiles.mnist(train: 200, test: 2)
        let name = "train-images-idx3-ubyte.gz"
        let server = try LocalHTTPServer(files: files)
        defer { server.stop() }
        let (store, events) = Self.store(root: root, server: server, files: files)
        server.cutOnce(name, after: 50_000)
        #expect {
            try store.prepare(.mnist)
        } throws: { error in
            "\(error)".contains("50000 bytes are kept") && "\(error)".contains("resumes")
        }
        let partial = store.folder(.mnist) + "/" + name + ".part"
        #expect(DatasetStore.size(partial) == 50_000)
        // A partial file never has the final name.
        #expect(!FileManager.default.fileExists(atPath: store.folder(.mnist) + "/" + name))
        _ = try store.prepare(.mnist)
        #expect(server.requests.filter { $0.path == name }.map(\.range) == [nil, "bytes=50000-"])
        #expect(events.withLock { $0 }.contains { if case .started(name, _, 50_000) = $0 { true } else { false } })
        #expect(!FileManager.default.fileExists(atPath: partial))
        let dataset = try DataSource.standard(.mnist, .train).load(seed: 0, transform: nil, validTransform: nil, store: store).dataset
        #expect(dataset.count == 200)
    }

    @Test func withoutANetworkTheErrorSaysHowToPlaceTheFiles() throws {
        let root = try Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try LocalHTTPServer(files: [:])
        server.stop()
        var store = DatasetStore(root: root, mirror: server.url)
        store.timeout = 5
        #expect {
            try store.prepare(.fashionMNIST)
        } throws: { error in
            let text = "\(error)"
            return text.contains("cannot download fashion-mnist's train-images-idx3-ubyte.gz")
                && text.contains(root + "/fashion-mnist/") && text.contains("--data-root")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/fashion-mnist").filter { !$0.hasSuffix(".part") }.isEmpty)
    }

    @Test func cifarBatchesAreReadFromTheTarball() throws {
        let root = try Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = ["cifar-10-binary.tar.gz": DatasetFiles.cifar(perBatch: 3)]
        let server = try LocalHTTPServer(files: files)
        defer { server.stop() }
        let (store, _) = Self.store(root: root, server: server, files: files)
        let (dataset, _) = try DataSource.standard(.cifar10, .both).load(seed: 0, transform: nil, validTransform: nil, store: store)
        #expect(dataset.count == 18 && dataset.validationStart == 15 && dataset.featureShape == [3, 32, 32])
        #expect(dataset.labels.prefix(4) == [3, 4, 5, 6])
        // Channels first: red is 10·label everywhere, green the column, blue 7.
        let first = dataset.example(0)
        #expect(first[first.startIndex] == Float(30) / 255)
        #expect(first[first.startIndex + 1024 + 5] == Float(5) / 255)
        #expect(first[first.startIndex + 2048] == Float(7) / 255)
        #expect(dataset.classNames.first == "airplane")
        let test = try DataSource.standard(.cifar10, .test).load(seed: 0, transform: nil, validTransform: nil, store: store).dataset
        #expect(test.count == 3)
    }

    @Test func dataArgumentsNameTheSplits() {
        #expect(DataSource(argument: "mnist") == .standard(.mnist, .both))
        #expect(DataSource(argument: "cifar10:test") == .standard(.cifar10, .test))
        #expect(DataSource(argument: "fashion-mnist:train") == .standard(.fashionMNIST, .train))
        for bad in ["mnist:", "mnist:both", "mnist:valid", "cifar", "cifar100"] { #expect(DataSource(argument: bad) == nil, "\(bad)") }
        for text in ["mnist", "cifar10:test", "fashion-mnist:train"] { #expect(DataSource(argument: text)?.description == text) }
    }

    @Test func theStandardCacheFollowsXDG() {
        #expect(DatasetStore.standard(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]).root == "/c/nndash/datasets")
        #expect(DatasetStore.standard(environment: ["HOME": "/h"]).root == "/h/.cache/nndash/datasets")
        #expect(DatasetStore.standard(environment: ["HOME": "/h", "NNDASH_DATA_MIRROR": "http://m/"]).mirror == "http://m/")
    }
}

/// The events a store reported, from any thread.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [DatasetStore.Event] = []

    func withLock<T>(_ body: (inout [DatasetStore.Event]) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&events)
    }
}
