import Foundation
import NNEngine
import NNRuns

/// Everything a training run needs to continue exactly where it stopped: parameters and
/// buffers, optimizer and scheduler state dicts, position in the data, and the curves so far.
public struct TrainingCheckpoint: Codable, Sendable, Equatable {
    /// The file format's name and version.
    public var format = "nndash-checkpoint/1"
    /// The run's parameters, as `TrainingConfiguration.params` prints them (JSON text).
    public var params: String
    public var epoch: Int
    public var batchIndex: Int
    public var iteration: Int
    /// Parameters and buffers by dotted name (PyTorch's `state_dict()` keys).
    public var model: [String: [Float]]
    public var optimizer: OptimizerStateDict
    public var scheduler: SchedulerStateDict?
    /// The curves so far, by label: x then y.
    public var history: [String: [[Double]]]
    public var epochs: [EpochMetrics]
    /// The current epoch's sums so far: loss·examples, correct, examples.
    public var epochLoss: Double
    public var epochCorrect: Int
    public var epochSeen: Int

    /// The largest checkpoint file `read(from:)` accepts: a LeNet or an MLP of the widest hidden
    /// layer with Adam's state fits in far less.
    public static let maximumFileSize = 4 << 30

    /// Writes the checkpoint as JSON (floats round-trip exactly; infinities and NaN as strings),
    /// replacing the file atomically: a write that fails or is killed leaves the previous
    /// checkpoint as it was, and no partial file that looks like a checkpoint.
    public func write(to url: URL) throws(FileWriteError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let data: Data
        do {
            data = try encoder.encode(self)
        } catch {
            throw FileWriteError(path: url.path, reason: "the checkpoint could not be encoded")
        }
        try AtomicFile.write(data, to: url)
    }

    /// Reads a checkpoint written by `write(to:)`.
    ///
    /// - Throws: `TrainingError.unreadableCheckpoint` when the path is not a readable regular file
    ///   of at most `maximumFileSize` bytes, `TrainingError.invalidCheckpoint` when its contents are
    ///   not a checkpoint. The values are checked against a run by `Training(_:resumingFrom:)`.
    public static func read(from url: URL) throws(TrainingError) -> TrainingCheckpoint {
        let bytes: Data
        do {
            bytes = try RegularFile.read(url, maximumSize: maximumFileSize)
        } catch {
            throw .unreadableCheckpoint(error)
        }
        return try decode(bytes)
    }

    /// The checkpoint in `bytes`, as `write(to:)` writes it.
    /// - Throws: `TrainingError.invalidCheckpoint` when they are not a checkpoint.
    public static func decode(_ bytes: Data) throws(TrainingError) -> TrainingCheckpoint {
        let checkpoint: TrainingCheckpoint
        do {
            checkpoint = try JSONValueDecoder().decode(TrainingCheckpoint.self, from: bytes)
        } catch let error as JSONParseError {
            throw .invalidCheckpoint("not a checkpoint (not valid JSON: \(error))")
        } catch let error as DecodingError {
            throw .invalidCheckpoint("not a checkpoint (\(Self.describe(error)))")
        } catch {
            throw .invalidCheckpoint("not a checkpoint")
        }
        guard checkpoint.format == "nndash-checkpoint/1" else {
            throw .invalidCheckpoint("unknown checkpoint format \(checkpoint.format)")
        }
        return checkpoint
    }

    /// The settings the checkpointed run was started with.
    public var configuration: TrainingConfiguration {
        get throws(TrainingError) {
            guard let saved = try? JSONValue(parsing: params) else {
                throw .invalidCheckpoint("its parameters are not JSON")
            }
            return try TrainingConfiguration(params: saved)
        }
    }

    /// One line for a decoding error, as `JSONValueDecoder` describes it: where in the file
    /// (`epochs[0].epoch`) and what is there.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(key.stringValue) missing at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)) \(context.debugDescription)"
        @unknown default: return "unreadable"
        }
    }
}

/// The metrics of one finished epoch.
public struct EpochMetrics: Codable, Sendable, Equatable {
    public var epoch: Int
    public var iteration: Int
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var validationLoss: Double
    public var validationAccuracy: Double
    public var learningRate: Double
}

/// Errors of a training run that cannot start or continue.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    case invalidCheckpoint(String)
    /// The checkpoint's path is not a readable regular file of a sensible size.
    case unreadableCheckpoint(FileReadError)
    /// A dataset too small to split into training and validation examples.
    case tooFewExamples(String)
    /// An optimizer a run cannot use (SparseAdam, which takes sparse gradients only).
    case unsupportedOptimizer(String)

    public var description: String {
        switch self {
        case .invalidCheckpoint(let message): "invalid checkpoint: \(message.displaySafe)"
        case .unreadableCheckpoint(let error): "cannot resume from \(error.description.displaySafe)"
        case .tooFewExamples(let message), .unsupportedOptimizer(let message): message
        }
    }
}
