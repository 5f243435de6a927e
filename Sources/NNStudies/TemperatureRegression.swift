import NNEngine
import NNRuns
import NNText

/// The seed's linear model t_c ≈ w·(t_u·scale) + b, fit by MSE to eleven thermometer readings:
/// raw against 0.1-scaled input, SGD against Adam, each run one epoch a step; and a seeded
/// train/validation split as lesson 004 makes it: `randperm`'s last `n_val` indices held out, the
/// validation loss computed with gradients off before the optimizer's step.
public struct TemperatureRegression: Study {
    public static let name = "regression"

    /// The lesson's readings: `tc`, temperatures in Celsius, and `tu`, the same moments read on
    /// an unknown unit.
    public static let tc: [Float] = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]
    public static let tu: [Float] = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]

    /// One fit: the optimizer, its learning rate and the input's scale.
    public struct Run: Hashable, Sendable {
        public var optimizer: OptimizerName
        public var lr: Double
        public var inputScale: Double

        public init(optimizer: OptimizerName, lr: Double, inputScale: Double) {
            self.optimizer = optimizer
            self.lr = lr
            self.inputScale = inputScale
        }

        public var label: String { "\(optimizer.rawValue) lr=\(NumberFormat.short(lr))" + (inputScale == 1 ? " raw" : " x\(NumberFormat.short(inputScale))") }
    }

    public struct Configuration: Hashable, Sendable {
        /// The seed's fits: raw SGD at 1e-4 crawls, scaled SGD at 1e-2 converges, Adam copes with raw input.
        public static let seedRuns = [
            Run(optimizer: .SGD, lr: 1e-4, inputScale: 1), Run(optimizer: .SGD, lr: 1e-2, inputScale: 0.1),
            Run(optimizer: .Adam, lr: 1e-1, inputScale: 1), Run(optimizer: .Adam, lr: 1e-1, inputScale: 0.1),
        ]

        public var runs: [Run]
        public var epochs: Int
        /// The share of the samples held out for validation (the seed's 0.2: 2 of 11).
        public var validationFraction: Double
        public var seed: UInt64

        /// The seed whose permutation holds out the lesson's validation readings (indices 1 and 2):
        /// with it the split prints the lesson's lines (epoch 3000: training 3.1869, validation 2.2012).
        public static let lessonSeed: UInt64 = 58

        public init(runs: [Run] = seedRuns, epochs: Int = 5000, validationFraction: Double = 0.2, seed: UInt64 = lessonSeed) {
            self.runs = runs
            self.epochs = epochs
            self.validationFraction = validationFraction
            self.seed = seed
        }
    }

    /// The fit on the split: the seed's scaled SGD.
    public static let splitRun = Run(optimizer: .SGD, lr: 1e-2, inputScale: 0.1)

    /// One fit's parameters, optimizer and readings. A class, so that an epoch reads them in
    /// place: a copy of a struct of them takes a reference to each.
    private final class Fit {
        let w: Tensor
        let b: Tensor
        let optimizer: Optimizer
        /// The readings it trains on and, for the split, those it holds out: made once, not every epoch.
        let training: (tu: Tensor, tc: Tensor)
        let validation: (tu: Tensor, tc: Tensor)?

        init(w: Tensor, b: Tensor, optimizer: Optimizer, training: (tu: Tensor, tc: Tensor),
             validation: (tu: Tensor, tc: Tensor)?) {
            self.w = w
            self.b = b
            self.optimizer = optimizer
            self.training = training
            self.validation = validation
        }
    }

    public let configuration: Configuration
    public let validationIndices: [Int]
    public let trainingIndices: [Int]
    private var fits: [Fit] = []
    private var splitFit: Fit?
    /// Every fit of `configuration.runs` so far.
    public private(set) var traces: [Trace]
    private var splitTrace: Trace?
    /// Each run's legend name and recorded parameters, made once.
    private let labels: [String]
    private let runParams: [JSONValue]
    private let allIndices = Array(tc.indices)
    private var epoch = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        (trainingIndices, validationIndices) = Self.split(configuration)
        traces = configuration.runs.map { Trace(run: $0) }
        labels = configuration.runs.map(\.label)
        runParams = configuration.runs.map(\.params)
        if !validationIndices.isEmpty { splitTrace = Trace(run: Self.splitRun) }
    }

    /// The samples a configuration trains on and holds out: `randperm(n)` from its seed, the last
    /// `n_val = int(fraction·n)` held out (`shuffled[:-n_val]`, `shuffled[-n_val:]`).
    public static func split(_ configuration: Configuration) -> (training: [Int], validation: [Int]) {
        let n = tc.count
        let permutation = Tensor.randperm(n, generator: Generator(seed: configuration.seed)).toArray().map { Int($0) }
        let held = Int(configuration.validationFraction * Double(n))
        return (Array(permutation.dropLast(held)), Array(permutation.suffix(held)))
    }

    public var params: JSONValue { configuration.params }

    private static func makeFit(_ run: Run, training: [Int], validation: [Int] = []) throws -> Fit {
        let w = Tensor(1, requiresGrad: true), b = Tensor(0, requiresGrad: true)
        let optimizer = try Optimizer.named(run.optimizer, paramGroups: [ParamGroup(params: [w, b], options: ["lr": .number(run.lr)])])
        return Fit(w: w, b: b, optimizer: optimizer, training: readings(training, scale: run.inputScale),
                   validation: validation.isEmpty ? nil : readings(validation, scale: run.inputScale))
    }

    /// The input t_u of the samples `indices`, multiplied by `scale`, and their t_c.
    static func readings(_ indices: [Int], scale: Double) -> (tu: Tensor, tc: Tensor) {
        (Tensor(indices.map { tu[$0] }) * Float(scale), Tensor(indices.map { tc[$0] }))
    }

    /// The MSE of the model w·t_u + b on the samples `indices`.
    static func loss(w: Tensor, b: Tensor, _ run: Run, _ indices: [Int]) -> Tensor {
        let (tu, tc) = readings(indices, scale: run.inputScale)
        return loss(w: w, b: b, tu: tu, tc: tc)
    }

    /// The MSE of the model w·t_u + b on the readings `tu` and `tc`.
    static func loss(w: Tensor, b: Tensor, tu: Tensor, tc: Tensor) -> Tensor {
        ((w * tu + b - tc) ** 2).mean()
    }

    /// The lesson's `calc_forward`: the loss on `readings` with gradients recorded only when `isTrain`.
    private static func calcForward(_ fit: Fit, _ readings: (tu: Tensor, tc: Tensor), isTrain: Bool) -> Tensor {
        setGradEnabled(isTrain) { loss(w: fit.w, b: fit.b, tu: readings.tu, tc: readings.tc) }
    }

    /// `calcForward` on the fit's training readings, recorded: the loss an epoch trains on.
    private static func trainingLoss(_ fit: Fit) -> Tensor {
        setGradEnabled(true) { loss(w: fit.w, b: fit.b, tu: fit.training.tu, tc: fit.training.tc) }
    }

    /// The rest of an epoch once its loss is known: zero_grad, backward, step; the trace gets
    /// the loss and the parameters after the step.
    private static func update(_ fit: Fit, _ trace: inout Trace, loss: Tensor) throws {
        let value = Double(loss.item())
        fit.optimizer.zeroGrad()
        try loss.backward()
        try fit.optimizer.step()
        trace.loss.append(value)
        trace.w.append(Double(fit.w.item()))
        trace.b.append(Double(fit.b.item()))
    }

    /// One epoch of every fit without making its records: the study's maths, as `step()` records
    /// it and `nndash bench` times it. False once every epoch is done.
    public mutating func advance() throws -> Bool {
        guard epoch < configuration.epochs else { return false }
        if fits.isEmpty {
            fits = try configuration.runs.map { try Self.makeFit($0, training: allIndices) }
            if splitTrace != nil {
                splitFit = try Self.makeFit(Self.splitRun, training: trainingIndices, validation: validationIndices)
            }
        }
        for i in configuration.runs.indices {
            let fit = fits[i]
            try Self.update(fit, &traces[i], loss: Self.trainingLoss(fit))
        }
        if let fit = splitFit, var trace = splitTrace, let validation = fit.validation {
            // The lesson's order: both losses at the same parameters, then the step.
            let train = Self.trainingLoss(fit)
            let validationLoss = Double(Self.calcForward(fit, validation, isTrain: false).item())
            try Self.update(fit, &trace, loss: train)
            trace.validationLoss.append(validationLoss)
            splitTrace = trace
        }
        epoch += 1
        return true
    }

    public mutating func step() throws -> [MetricRecord]? {
        guard try advance() else { return nil }
        var records = traces.indices.map { i in
            MetricRecord(series: labels[i], params: runParams[i], step: epoch - 1,
                         values: ["loss": traces[i].loss.last!, "w": traces[i].w.last!, "b": traces[i].b.last!])
        }
        if let trace = splitTrace {
            records.append(MetricRecord(series: "split", params: Self.splitRun.params, step: epoch - 1, values: [
                "train_loss": trace.loss.last!, "val_loss": trace.validationLoss.last!, "w": trace.w.last!, "b": trace.b.last!,
            ]))
        }
        return records
    }

    public var snapshot: any StudySnapshot {
        Snapshot(configuration: configuration, fits: traces, split: splitTrace)
    }
}
