import NNEngine
import NNRuns
import NNText

/// Dead ReLU units, live: the same one-hidden-layer network trained twice by full-batch SGD on
/// seeded moons, once with ReLU and once with leaky ReLU, from the same initial weights. A
/// hidden unit is dead when its pre-activation w·x + b is ≤ 0 for every input: ReLU then passes
/// no gradient back to it, so SGD never moves it again and it stays dead (its input, the data,
/// does not change). Leaky ReLU keeps a slope below 0, so such a unit still learns.
///
/// Lesson 003: ReLU zeroes x ≤ 0, which "kills" a unit, and too many dead units lower what the
/// model can express; leaky ReLU scales the negative side instead. Maas et al., "Rectifier
/// nonlinearities improve neural network acoustic models" (ICML 2013).
public struct DeadUnits: Study {
    public static let name = "dead-relu"

    public struct Configuration: Hashable, Sendable {
        /// SGD's learning rate, the same for both networks: a large one kills units.
        public var lr: Double
        /// Units of the hidden layer.
        public var hidden: Int
        /// SGD steps (full batch).
        public var steps: Int
        /// Added to every hidden bias after PyTorch's default initialization: a negative shift
        /// starts units closer to death.
        public var biasShift: Double
        /// Leaky ReLU's slope below 0 (lesson 003 uses 0.1).
        public var negativeSlope: Double
        /// The seed of the moons' noise and of the initial weights.
        public var seed: UInt64
        /// Points of each moon.
        public var pointsPerClass: Int

        /// The hidden widths a run may ask for.
        public static let hiddenRange = 1...4096
        /// The numbers of steps a run may ask for.
        public static let stepsRange = 1...100_000

        public init(lr: Double = 6, hidden: Int = 32, steps: Int = 200, biasShift: Double = 0, negativeSlope: Double = 0.1,
                    seed: UInt64 = 0, pointsPerClass: Int = 150) {
            self.lr = lr
            self.hidden = hidden
            self.steps = steps
            self.biasShift = biasShift
            self.negativeSlope = negativeSlope
            self.seed = seed
            self.pointsPerClass = pointsPerClass
        }
    }

    /// One of the two networks: 2 → hidden → 2 with its activation, and its optimizer.
    final class Network {
        let hiddenLayer: Linear
        let outputLayer: Linear
        let negativeSlope: Float
        let optimizer: SGD

        init(_ configuration: Configuration, negativeSlope: Float) throws {
            let generator = Generator(seed: configuration.seed)
            hiddenLayer = Linear(inFeatures: 2, outFeatures: configuration.hidden, generator: generator)
            outputLayer = Linear(inFeatures: configuration.hidden, outFeatures: 2, generator: generator)
            if let bias = hiddenLayer.bias {
                bias.copy(from: bias.toArray().map { $0 + Float(configuration.biasShift) })
            }
            self.negativeSlope = negativeSlope
            optimizer = try SGD(hiddenLayer.parameters + outputLayer.parameters, learningRate: configuration.lr)
        }

        /// One SGD step on the whole data; the loss, the units dead before the step, and the
        /// units whose weights got a zero gradient.
        func step(_ x: Tensor, _ y: IntTensor) throws -> (loss: Double, dead: [Bool], silent: Int) {
            let z = hiddenLayer(x)
            let h = negativeSlope == 0 ? z.relu() : z.leakyReLU(negativeSlope: negativeSlope)
            let loss = try crossEntropy(outputLayer(h), y)
            let dead = DeadUnits.deadUnits(preActivations: z.toArray(), units: hiddenLayer.outFeatures)
            optimizer.zeroGrad()
            try loss.backward()
            let silent = DeadUnits.silentUnits(weightGrad: hiddenLayer.weight.grad?.toArray() ?? [],
                                               biasGrad: hiddenLayer.bias?.grad?.toArray() ?? [],
                                               units: hiddenLayer.outFeatures)
            try optimizer.step()
            return (Double(loss.item()), dead, silent)
        }
    }

    public let configuration: Configuration
    private let x: Tensor
    private let y: IntTensor
    private var networks: [Network] = []
    private var traces: [Trace]
    private var wasDead: [[Bool]]
    private var stepsDone = 0

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
        let data = Dataset.moons(pointsPerClass: configuration.pointsPerClass, seed: configuration.seed)
        x = Tensor(data.features, shape: [data.labels.count, 2])
        y = IntTensor(classes: data.labels)
        traces = Self.labels(configuration).map { Trace(label: $0) }
        wasDead = traces.map { _ in [Bool](repeating: false, count: configuration.hidden) }
    }

    /// The two networks' names: `relu` and `leaky_relu(0.1)`.
    public static func labels(_ configuration: Configuration) -> [String] {
        ["relu", "leaky_relu(\(NumberFormat.short(configuration.negativeSlope)))"]
    }

    public var params: JSONValue { configuration.params }

    /// One SGD step of both networks; a network whose loss is no longer finite stops there.
    public mutating func step() throws -> [MetricRecord]? {
        guard stepsDone < configuration.steps else { return nil }
        if networks.isEmpty {
            networks = [try Network(configuration, negativeSlope: 0),
                        try Network(configuration, negativeSlope: Float(configuration.negativeSlope))]
        }
        var records: [MetricRecord] = []
        for (k, network) in networks.enumerated() where traces[k].divergedAt == nil {
            let (loss, dead, silent) = try network.step(x, y)
            guard loss.isFinite else {
                traces[k].divergedAt = stepsDone
                continue
            }
            for j in dead.indices where dead[j] { wasDead[k][j] = true }
            let revived = dead.indices.filter { wasDead[k][$0] && !dead[$0] }.count
            let units = Double(configuration.hidden)
            let deadCount = dead.filter { $0 }.count
            traces[k].append(loss: loss, dead: Double(deadCount) / units, silent: Double(silent) / units, revived: revived)
            records.append(MetricRecord(series: traces[k].label, step: stepsDone,
                                        values: ["loss": loss, "dead": traces[k].dead.last!, "silent": traces[k].silent.last!,
                                                 "revived": Double(revived)]))
        }
        stepsDone += 1
        return records
    }

    public var snapshot: any StudySnapshot { Snapshot(configuration: configuration, traces: traces) }

    /// For each of `units` units, whether its pre-activation (`preActivations`, samples × units,
    /// row-major) is ≤ 0 for every sample.
    public static func deadUnits(preActivations z: [Float], units: Int) -> [Bool] {
        var dead = [Bool](repeating: true, count: units)
        for (i, value) in z.enumerated() where !(value <= 0) { dead[i % units] = false }
        return dead
    }

    /// How many of `units` units got exactly zero gradient in every incoming weight and their bias.
    public static func silentUnits(weightGrad: [Float], biasGrad: [Float], units: Int) -> Int {
        guard units > 0, weightGrad.count % units == 0 else { return 0 }
        let fanIn = weightGrad.count / units
        return (0..<units).filter { j in
            (biasGrad.indices.contains(j) ? biasGrad[j] == 0 : true)
                && weightGrad[(j * fanIn)..<((j + 1) * fanIn)].allSatisfy { $0 == 0 }
        }.count
    }
}
