import Foundation
import NNRuns
import NNText

/// Where the standard datasets are cached, and how missing files get there: downloaded from
/// the dataset's mirrors (or `mirror`), resumed where an earlier attempt stopped, checked
/// against the published MD5 sums, and only then given their final names. A file under its
/// final name is complete; a partial one is `NAME.part`.
public struct DatasetStore: Sendable {
    /// The cache folder; each dataset has a folder in it named as `--data` names it.
    public var root: String
    /// A base URL holding copies of the files under their published names; nil for the
    /// dataset's own mirrors.
    public var mirror: String?
    /// Seconds without a byte after which a download is given up.
    public var timeout = 30.0
    /// Checksums that replace the published ones, by file name (for tests serving files of their own).
    var checksums: [String: String] = [:]
    /// Told about each download as it goes.
    public var report: @Sendable (Event) -> Void = { _ in }

    /// What a download is doing.
    public enum Event: Sendable {
        case started(file: String, url: String, resumingAt: Int64)
        case progress(file: String, received: Int64, total: Int64?, seconds: Double)
        case finished(file: String)
    }

    /// Why a dataset is not available, with what to do about it.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The largest file a download may be.
    static let maximumFileSize: Int64 = 400 << 20

    public init(root: String, mirror: String? = nil) {
        (self.root, self.mirror) = (root, mirror)
    }

    /// The store of `environment`: `$XDG_CACHE_HOME/nndash/datasets` (or `~/.cache/nndash/datasets`),
    /// with the mirror of `NNDASH_DATA_MIRROR` when set.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> DatasetStore {
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        let mirror = environment["NNDASH_DATA_MIRROR"].flatMap { $0.isEmpty ? nil : $0 }
        return DatasetStore(root: cache + "/nndash/datasets", mirror: mirror)
    }

    /// The folder of `dataset`'s files.
    public func folder(_ dataset: StandardDataset) -> String { root + "/" + dataset.rawValue }

    /// The URLs `file` is tried from, in order.
    func urls(_ dataset: StandardDataset, _ file: StandardDataset.RemoteFile) -> [String] {
        (mirror.map { [$0] } ?? dataset.mirrors).map { ($0.hasSuffix("/") ? $0 : $0 + "/") + file.name }
    }

    /// The folder of `dataset` with every file present and verified, downloading what is missing.
    public func prepare(_ dataset: StandardDataset) throws(Failure) -> String {
        let folder = folder(dataset)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create the dataset folder \(folder): \(error.localizedDescription)")
        }
        for var file in dataset.files {
            file.md5 = checksums[file.name] ?? file.md5
            let path = folder + "/" + file.name
            if FileManager.default.fileExists(atPath: path) {
                let sum = try md5(of: path)
                guard sum == file.md5 else {
                    throw Failure(description: "\(path) has MD5 \(sum), but the published file has \(file.md5): delete it to download it again\(placingByHand(dataset))")
                }
                continue
            }
            let raw = folder + "/" + file.rawName
            if let rawMD5 = file.rawMD5, FileManager.default.fileExists(atPath: raw) {
                let sum = try md5(of: raw)
                guard sum == rawMD5 else {
                    throw Failure(description: "\(raw) has MD5 \(sum), but the published file inflates to one with \(rawMD5): delete it to download the file again\(placingByHand(dataset))")
                }
                continue
            }
            try download(dataset, file, to: path)
        }
        return folder
    }

    private func download(_ dataset: StandardDataset, _ file: StandardDataset.RemoteFile, to path: String) throws(Failure) {
        let partial = path + ".part"
        var reasons: [String] = []
        for url in urls(dataset, file) {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? "") else {
                reasons.append("\(url) is not an http or https URL")
                continue
            }
            report(.started(file: file.name, url: url, resumingAt: Self.size(partial)))
            let report = report, name = file.name
            do {
                try Downloader.fetch(parsed, to: partial, timeout: timeout, maximumSize: Self.maximumFileSize) { received, total, seconds in
                    report(.progress(file: name, received: received, total: total, seconds: seconds))
                }
            } catch {
                report(.finished(file: file.name))
                reasons.append(error.description)
                continue
            }
            report(.finished(file: file.name))
            let sum = try md5(of: partial)
            guard sum == file.md5 else {
                // A wrong file is not kept: the next attempt starts from nothing.
                try? FileManager.default.removeItem(atPath: partial)
                throw Failure(description: "\(url) gave a file with MD5 \(sum), but the published file has \(file.md5); it was not kept. Check --data-mirror or NNDASH_DATA_MIRROR\(placingByHand(dataset))")
            }
            do {
                try FileManager.default.moveItem(atPath: partial, toPath: path)
            } catch {
                throw Failure(description: "cannot rename \(partial) to \(path): \(error.localizedDescription)")
            }
            return
        }
        let kept = Self.size(partial)
        let resume = kept > 0 ? "; \(counted(kept, "byte is", "bytes are")) kept in \(partial) and the next run resumes from there" : ""
        throw Failure(description: "cannot download \(dataset.rawValue)'s \(file.name): \(reasons.joined(separator: "; "))\(resume)\(placingByHand(dataset))")
    }

    /// The size of the file at `path`, 0 when there is none.
    static func size(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// How to put the files in place without a network.
    func placingByHand(_ dataset: StandardDataset) -> String {
        let sources = dataset.files.map { self.urls(dataset, $0)[0] }
        return ". Without a network, copy \(sources.joined(separator: ", ")) into \(folder(dataset))/ under those names (their MD5 sums are checked\(dataset.files.contains { $0.rawMD5 != nil } ? "; the uncompressed files, without .gz, are taken too" : "")), or use --data-root for another folder"
    }

    private func md5(of path: String) throws(Failure) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure(description: "cannot read \(path)") }
        defer { try? handle.close() }
        var md5 = MD5()
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw Failure(description: "cannot read \(path): \(error.localizedDescription)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            md5.update(chunk)
        }
        return md5.hexDigest()
    }
}

/// One line of a download's progress: the file, a bar, bytes, rate and the time left.
public enum DownloadProgress {
    public static func line(file: String, received: Int64, total: Int64?, seconds: Double, barWidth: Int = 24) -> String {
        let rate = seconds > 0 ? Double(received) / seconds : 0
        var parts = [file]
        if let total, total > 0 {
            let fraction = min(1, Double(received) / Double(total))
            let filled = Int((fraction * Double(barWidth)).rounded(.down))
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]")
            parts.append("\(NumberFormat.bytes(Double(received))) of \(NumberFormat.bytes(Double(total)))")
        } else {
            parts.append(NumberFormat.bytes(Double(received)))
        }
        parts.append(NumberFormat.bytes(rate) + "/s")
        if let total, rate > 0, received < total {
            let left = Int((Double(total - received) / rate).rounded(.up))
            parts.append(String(format: "%d:%02d left", left / 60, left % 60))
        }
        return parts.joined(separator: "  ")
    }
}
