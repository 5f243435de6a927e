import ArgumentParser
import Foundation
import NNText

/// What one run may ask of the machine, checked before it starts: every option that sizes an
/// allocation or an output (widths, points, iterations, series, epochs) goes through here.
///
/// - Memory: at most half of the physical memory (the rest is the system's and the terminal's).
/// - `--json`: at most `jsonPoints` points in all, about 200 MB of text.
/// - Recording: the run folder's lines must fit in the free space of `--runs-dir`'s file system.
enum RunBudget {
    /// The memory budget in bytes.
    static var memory: Double { Double(ProcessInfo.processInfo.physicalMemory) / 2 }

    /// The most points `--json` prints.
    static let jsonPoints = 10_000_000.0

    /// Bytes a point of a series costs while a study runs: x and y, and the snapshot's copy.
    static let bytesPerPoint = 64.0

    /// Bytes a point costs in a run folder: a `metrics.jsonl` line and a `metrics.csv` row.
    static let recordedBytesPerPoint = 120.0

    /// Refuses a run whose estimated peak, `bytes`, exceeds `budget`.
    /// - Parameter options: the options (and values) that set the size, as the user typed them.
    static func requireMemory(_ bytes: Double, for options: String, budget: Double = memory) throws {
        guard bytes.isFinite, bytes <= budget else {
            let needed = bytes.isFinite ? "about \(NumberFormat.bytes(bytes))" : "more than can be counted"
            throw ValidationError(
                "\(options) needs \(needed) of memory, more than the \(NumberFormat.bytes(budget)) a run may use (half of this machine's memory)")
        }
    }

    /// Refuses a study whose series would hold `points` points in all when the machine, `--json`
    /// or the run folder's disk cannot take them.
    static func require(points: Double, for options: String, study: StudyOptions, memory budget: Double = memory) throws {
        try requireMemory(points * bytesPerPoint, for: options, budget: budget)
        if study.json, points > jsonPoints {
            throw ValidationError(
                "\(options) makes about \(NumberFormat.short(points)) points; --json prints at most \(NumberFormat.short(jsonPoints)): lower the sizes, or watch it live")
        }
        if !study.noRecord, let free = freeBytes(under: study.runsDir), points * recordedBytesPerPoint > free {
            throw ValidationError(
                "\(options) records about \(NumberFormat.bytes(points * recordedBytesPerPoint)), more than the \(NumberFormat.bytes(free)) free under --runs-dir \(study.runsDir): lower the sizes or add --no-record")
        }
    }

    /// The free bytes of the file system that holds `path` (or its nearest existing parent).
    static func freeBytes(under path: String) -> Double? {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" { url.deleteLastPathComponent() }
        var info = statvfs()
        guard statvfs(url.path, &info) == 0 else { return nil }
        return Double(info.f_bavail) * Double(info.f_frsize)
    }
}

/// A study command whose options size its series: its points are checked by `RunBudget`
/// before it runs.
protocol SizedStudyCommand {
    var options: StudyOptions { get }
    /// The options that size the run, as typed (`--num 1000 --iterations 1000000`).
    var sizeOptions: String { get }
    /// The points all its series hold at the end of the run.
    var estimatedPoints: Double { get }
}

extension SizedStudyCommand {
    /// Refuses the run when its points do not fit the machine, `--json` or the disk.
    func checkSize() throws { try RunBudget.require(points: estimatedPoints, for: sizeOptions, study: options) }
}
