import NNEngine
import NNRuns

/// The seed's linear model t_c ≈ w·(t_u·scale) + b, fit by MSE to eleven thermometer readings:
/// raw against 0.1-scaled input, SGD against Adam, each run one epoch a step; and a seeded
/// train/validation split whose validation loss is computed without gradients.
public struct TemperatureRegression: Study {
    public static let name = "regression"

    /// Temperatures in Celsius, and the same moments read on an unknown unit.
    public static let celsius: [Float] = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]
    public static let unknown: [Float] = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]

    /// One fit: the optimizer (PyTorch's name), its learning rate and the input's scale.
    public struct Run: Hashable, Sendable {
        public var optimizer: String
        public var lr: Double
        public var inputScale: Double

        public init(optimizer: String, lr: Double, inputScale: Double) {
            self.optimizer = optimizer
            self.lr = lr
            self.inputScale = inputScale
        }

        public var label: String { "\(optimizer) lr=\(formatShort(lr))" + (inputScale == 1 ? " raw" : " x\(formatShort(inputScale))") }
    }

    public struct Configuration: Hashable, Sendable {
        /// The seed's fits: raw SGD at 1e-4 crawls, scaled SGD at 1e-2 converges, Adam copes with raw input.
        public static let seedRuns = [
            Run(optimizer: "SGD", lr: 1e-4, inputScale: 1), Run(optimizer: "SGD", lr: 1e-2, inputScale: 0.1),
            Run(optimizer: "Adam", lr: 1e-1, inputScale: 1), Run(optimizer: "Adam", lr: 1e-1, inputScale: 0.1),
        ]

        public var runs: [Run]
        public var epochs: Int
        /// The share of the samples held out for validation (the seed's 0.2: 2 of 11).
        public var validationFraction: Double
        public var seed: UInt64

        public init(runs: [Run] = seedRuns, epochs: Int = 5000, validationFraction: Double = 0.2, seed: UInt64 = 0) {
            self.runs = runs
            self.epochs = epochs
            self.validationFraction = validationFraction
            self.seed = seed
        }
    }

    /// The fit on the split: the seed's scaled SGD.
    public static let splitRun = Run(optimizer: "SGD", lr: 1e-2, inputScale: 0.1)

    private struct Fit {
        var w: Tensor
        var b: Tensor
        var optimizer: Optimizer
        var lossesEvery500: [Double] = []
    }

    public let configuration: Configuration
    public let validationIndices: [Int]
    public let trainingIndices: [Int]
    private var fits: [Fit] = []
    private var splitFit: Fit?
    private var losses: [Series]
    private var lines: [Series]
    private var train = Series(label: "train", panel: "split")
    private var validation = Series(label: "validation", panel: "split")
    private var epoch = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        let n = Self.celsius.count
        let permutation = Tensor.randperm(n, generator: Generator(seed: configuration.seed)).toArray().map { Int($0) }
        let held = Int(configuration.validationFraction * Double(n))
        validationIndices = Array(permutation.prefix(held))
        trainingIndices = Array(permutation.dropFirst(held))
        losses = configuration.runs.map { run in
            Series(label: run.label, params: ["optimizer": .string(run.optimizer), "lr": .number(run.lr),
                                              "input_scale": .number(run.inputScale)], panel: "loss")
        }
        lines = configuration.runs.map { Series(label: $0.label, panel: "fit") }
    }

    public var params: JSONValue {
        [
            "runs": .array(configuration.runs.map {
                ["optimizer": .string($0.optimizer), "lr": .number($0.lr), "input_scale": .number($0.inputScale)]
            }),
            "epochs": .int(configuration.epochs), "w0": 1.0, "b0": 0.0,
            "validation_fraction": .number(configuration.validationFraction), "seed": .int(Int(configuration.seed)),
        ]
    }

    private static func makeFit(_ run: Run) throws -> Fit {
        let w = Tensor(1, requiresGrad: true), b = Tensor(0, requiresGrad: true)
        let optimizer = try Optimizer.named(run.optimizer, paramGroups: [ParamGroup(params: [w, b], options: ["lr": .number(run.lr)])])
        return Fit(w: w, b: b, optimizer: optimizer)
    }

    /// The MSE of the model on the samples `indices`.
    private static func loss(_ fit: Fit, _ run: Run, _ indices: [Int]) -> Tensor {
        let tu = Tensor(indices.map { unknown[$0] }) * Float(run.inputScale)
        let tc = Tensor(indices.map { celsius[$0] })
        return ((fit.w * tu + fit.b - tc) ** 2).mean()
    }

    /// One epoch: the loss before the update, then backward and the optimizer's step.
    private static func train(_ fit: inout Fit, _ run: Run, _ indices: [Int], epoch: Int) throws -> Double {
        let loss = Self.loss(fit, run, indices)
        let value = Double(loss.item())
        if epoch % 500 == 0 { fit.lossesEvery500.append(value) }
        fit.optimizer.zeroGrad()
        try loss.backward()
        try fit.optimizer.step()
        return value
    }

    public mutating func step() throws -> [MetricRecord]? {
        guard epoch < configuration.epochs else { return nil }
        if fits.isEmpty {
            fits = try configuration.runs.map(Self.makeFit)
            if !validationIndices.isEmpty { splitFit = try Self.makeFit(Self.splitRun) }
        }
        let all = Array(Self.celsius.indices)
        let (low, high) = (Double(Self.unknown.min() ?? 0), Double(Self.unknown.max() ?? 1))
        var records: [MetricRecord] = []
        for (i, run) in configuration.runs.enumerated() {
            let loss = try Self.train(&fits[i], run, all, epoch: epoch)
            losses[i].append(x: Double(epoch), y: loss)
            let w = Double(fits[i].w.item()) * run.inputScale, b = Double(fits[i].b.item())
            lines[i].x = [low, high]
            lines[i].y = [w * low + b, w * high + b]
            records.append(MetricRecord(series: run.label, step: epoch, values: ["loss": loss]))
        }
        if var fit = splitFit {
            let trainLoss = try Self.train(&fit, Self.splitRun, trainingIndices, epoch: epoch)
            let validationLoss = noGrad { Double(Self.loss(fit, Self.splitRun, validationIndices).item()) }
            splitFit = fit
            train.append(x: Double(epoch), y: trainLoss)
            validation.append(x: Double(epoch), y: validationLoss)
            records.append(MetricRecord(series: "split", step: epoch, values: ["train_loss": trainLoss, "val_loss": validationLoss]))
        }
        epoch += 1
        return records
    }

    public var report: StudyReport {
        let runs = zip(configuration.runs, fits).enumerated().map { i, pair -> JSONValue in
            let (run, fit) = pair
            return [
                "label": .string(run.label), "optimizer": .string(run.optimizer), "lr": .number(run.lr),
                "input_scale": .number(run.inputScale),
                "final_params": JSONValue([Double(fit.w.item()), Double(fit.b.item())]),
                "final_loss": .number(losses[i].y.last ?? .nan), "loss_every_500": JSONValue(fit.lossesEvery500),
            ]
        }
        var split: [(String, JSONValue)] = [
            ("train_indices", .array(trainingIndices.map { .int($0) })),
            ("validation_indices", .array(validationIndices.map { .int($0) })),
        ]
        if let fit = splitFit {
            split.append(("final_params", JSONValue([Double(fit.w.item()), Double(fit.b.item())])))
            split.append(("train_loss", .number(train.y.last ?? .nan)))
            split.append(("validation_loss", .number(validation.y.last ?? .nan)))
        }
        let order = Self.unknown.indices.sorted { Self.unknown[$0] < Self.unknown[$1] }
        let data = Series(label: "data", panel: "fit", x: order.map { Double(Self.unknown[$0]) },
                          y: order.map { Double(Self.celsius[$0]) })
        return StudyReport(study: Self.name, params: params, series: losses + [train, validation, data] + lines,
                           summary: ["runs": .array(runs), "split": .object(split)])
    }
}
