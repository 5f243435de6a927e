import Foundation
import NNEngine
import NNRuns

/// The learning-rate range test (Smith, 2017; fastai's `lr_find`, Lightning's `lr_find`):
/// train with a learning rate that grows exponentially from `startLR` to `endLR` over
/// `numIter` iterations, one per step, and stop once the smoothed loss exceeds
/// `divergenceFactor` times its best.
public struct LRFinder: Study {
    public static let name = "lr-find"

    /// The range test's own parameters.
    public struct Range: Hashable, Sendable {
        public var startLR = 1e-7
        public var endLR = 10.0
        public var numIter = 100
        /// The smoothing factor of the loss (an exponential moving average, debiased).
        public var beta = 0.98
        public var divergenceFactor = 4.0
        public init() {}
    }

    public let range: Range
    private var training: Training
    private var lrs: [Double] = []
    private var losses: [Double] = []
    private var smoothed: [Double] = []
    private var average: ExponentialAverage
    private var stop: StopReason?

    public init(_ configuration: TrainingConfiguration, dataset: Dataset? = nil, range: Range = Range()) throws {
        var configuration = configuration
        configuration.scheduler = .none
        configuration.learningRate = range.startLR
        training = try Training(configuration, dataset: dataset ?? configuration.loadData().dataset)
        self.range = range
        average = ExponentialAverage(beta: range.beta)
    }

    public var params: JSONValue {
        var members = training.configuration.params.objectValue ?? []
        members.removeAll { ["lr", "scheduler", "step_size", "gamma", "epochs"].contains($0.0) }
        members += [("start_lr", .number(range.startLR)), ("end_lr", .number(range.endLR)),
                    ("num_iter", .int(range.numIter)), ("beta", .number(range.beta)),
                    ("divergence_factor", .number(range.divergenceFactor))]
        return .object(members)
    }

    /// The learning rate of iteration `i` (0-based): startLR·(endLR/startLR)^(i/(numIter-1)).
    public func learningRate(_ i: Int) -> Double {
        range.numIter <= 1 ? range.startLR : range.startLR * pow(range.endLR / range.startLR, Double(i) / Double(range.numIter - 1))
    }

    public mutating func step() throws -> [MetricRecord]? {
        guard stop == nil else { return nil }
        let i = lrs.count
        let lr = learningRate(i)
        training.optimizer.setOption("lr", .number(lr), group: 0)
        let perEpoch = training.loader.count
        let batch = training.loader.batch(i % perEpoch, epoch: i / perEpoch)
        let loss = Double(try training.trainingStep(batch).0)
        let smooth = average.add(loss)
        lrs.append(lr)
        losses.append(loss)
        smoothed.append(smooth)
        stop = StopReason(smoothed: smoothed, range: range)
        return [MetricRecord(series: "lr-find", step: i, values: ["lr": lr, "loss": loss, "smoothed_loss": smooth])]
    }

    public var snapshot: any StudySnapshot {
        Snapshot(params: params, range: range, lrs: lrs, losses: losses, smoothed: smoothed)
    }
}
