import Foundation
import NNEngine

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

    /// Writes the checkpoint as JSON (floats round-trip exactly; infinities and NaN as strings).
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    /// Reads a checkpoint written by `write(to:)`.
    public static func read(from url: URL) throws -> TrainingCheckpoint {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let checkpoint = try decoder.decode(TrainingCheckpoint.self, from: Data(contentsOf: url))
        guard checkpoint.format == "nndash-checkpoint/1" else {
            throw TrainingError.invalidCheckpoint("unknown checkpoint format \(checkpoint.format)")
        }
        return checkpoint
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
    /// A dataset too small to split into training and validation examples.
    case tooFewExamples(String)
    /// An optimizer a run cannot use (SparseAdam, which takes sparse gradients only).
    case unsupportedOptimizer(String)

    public var description: String {
        switch self {
        case .invalidCheckpoint(let message): "invalid checkpoint: \(message)"
        case .tooFewExamples(let message), .unsupportedOptimizer(let message): message
        }
    }
}
