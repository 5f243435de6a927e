import NNEngine
import NNRuns

/// Checks `experiment` cases: the seed studies end to end.
///
/// Each experiment has a checker registered in `experiments`; to support a new one, add a file
/// with its method and one line there.
extension ParityRunner {
    /// The checker of every supported experiment.
    static let experiments: [String: Checker] = [
        "gd_quadratic": { try $0.checkGDQuadratic($1) },
        "lr_sweep": { try $0.checkLRSweep($1) },
        "backprop_2_2_2": { try $0.checkBackprop222($1) },
        "momentum": { try $0.checkMomentum($1) },
        "temperature_regression": { try $0.checkTemperatureRegression($1) },
        "optimizer_session": { try $0.checkOptimizerSession($1) },
        "init_depth": { try $0.checkInitDepth($1) },
    ]

    func checkExperiment(_ c: ParityCase) throws {
        guard let check = Self.experiments[c.name] else { throw ParityError.unsupported("experiment \(c.name)") }
        try check(self, c)
    }

    /// Per-iteration x, gradient and loss of gradient descent on y = (2x)² in float32.
    static func gradientDescent(x0: Float, lr: Float, iterations: Int) -> (x: [Float], grad: [Float], loss: [Float]) {
        var xs: [Float] = [], grads: [Float] = [], losses: [Float] = []
        let x = Tensor(x0, requiresGrad: true)
        for _ in 0..<iterations {
            let y = (2 * x) ** 2
            try? y.backward()
            let g = x.grad ?? Tensor(0)
            xs.append(x.item())
            grads.append(g.item())
            losses.append(y.item())
            noGrad { x -= lr * g }
            x.zeroGrad()
        }
        return (xs, grads, losses)
    }

    func checkGDQuadratic(_ c: ParityCase) throws(ParityError) {
        let params = try c.require("params")
        let run = Self.gradientDescent(x0: Float(try c.number("x0", in: params)), lr: Float(try c.number("lr", in: params)),
                                       iterations: try c.integer("iterations", in: params, within: 0...ParityLimits.maximumSteps))
        c.compare("x", expected: try c.numbers("x"), actual: run.x.map(Double.init))
        c.compare("grad", expected: try c.numbers("grad"), actual: run.grad.map(Double.init))
        c.compare("loss", expected: try c.numbers("loss"), actual: run.loss.map(Double.init))
    }

    /// `num` values from `start` to `stop` inclusive, computed as `numpy.linspace` does.
    static func linspace(_ start: Double, _ stop: Double, num: Int) -> [Double] {
        guard num > 1 else { return num == 1 ? [start] : [] }
        let step = (stop - start) / Double(num - 1)
        var values = (0..<num).map { Double($0) * step + start }
        values[num - 1] = stop
        return values
    }

    func checkLRSweep(_ c: ParityCase) throws(ParityError) {
        let params = try c.require("params")
        let steps = 0...ParityLimits.maximumSteps
        let num = try c.integer("num", in: params, within: steps), iterations = try c.integer("iterations", in: params, within: steps)
        guard num * iterations <= ParityLimits.maximumSteps else {
            throw .malformed("num × iterations must be at most \(ParityLimits.maximumSteps), got \(num) × \(iterations)")
        }
        let lrs = Self.linspace(try c.number("lr_min", in: params), try c.number("lr_max", in: params), num: num)
        if c.field("lrs") != nil { c.compare("lrs", expected: try c.numbers("lrs"), actual: lrs) }
        guard let losses = c.field("loss")?.arrayValue, losses.count == lrs.count else {
            throw .malformed("loss needs one row per learning rate")
        }
        let x0 = Float(try c.number("x0", in: params))
        for (i, lr) in lrs.enumerated() {
            guard let expected = losses[i].doubleArray else { throw .malformed("loss[\(i)] is not numeric") }
            let run = Self.gradientDescent(x0: x0, lr: Float(lr), iterations: iterations)
            c.compare("loss[lr=\(lr)]", expected: expected, actual: run.loss.map(Double.init))
        }
    }

    /// The 2-2-2 sigmoid network of the seed lesson: one MSE backward and one SGD step.
    func checkBackprop222(_ c: ParityCase) throws(ParityError) {
        let params = try c.require("params")
        let lr = Float(try c.number("lr", in: params))
        let input = Tensor(try c.numbers("input", in: params, count: 2).map { Float($0) }, shape: [1, 2])
        let target = Tensor(try c.numbers("target", in: params, count: 2).map { Float($0) }, shape: [1, 2])
        let linear1 = Linear(inFeatures: 2, outFeatures: 2), linear2 = Linear(inFeatures: 2, outFeatures: 2)
        linear1.weight.copy(from: [0.15, 0.20, 0.25, 0.30])
        linear1.bias?.copy(from: [0.35, 0.35])
        linear2.weight.copy(from: [0.40, 0.45, 0.50, 0.55])
        linear2.bias?.copy(from: [0.60, 0.60])
        let model = Sequential(linear1, Activation.sigmoid(), linear2, Activation.sigmoid())
        let output = model(input)
        let loss = ((output - target) ** 2).mean()
        do {
            try loss.backward()
        } catch {
            throw .malformed("backward failed: \(error)")
        }
        let named = [("linear1", linear1), ("linear2", linear2)].flatMap { prefix, layer in
            layer.namedParameters.map { ("\(prefix).\($0.0)", $0.1) }
        }
        let grads = named.map { ($0.0, $0.1.grad ?? Tensor.zeros($0.1.shape)) }
        noGrad {
            for (_, p) in named { p -= lr * (p.grad ?? Tensor.zeros(p.shape)) }
        }
        for (key, value) in try c.require("expected").objectValue ?? [] {
            let actual: Tensor
            if key == "output" {
                actual = output
            } else if key == "loss" {
                actual = loss
            } else if key.hasSuffix(".grad"), let g = grads.first(where: { $0.0 + ".grad" == key }) {
                actual = g.1
            } else if key.hasSuffix(".after_step"), let p = named.first(where: { $0.0 + ".after_step" == key }) {
                actual = p.1
            } else {
                throw .unsupported("backprop_2_2_2 value \(key)")
            }
            if let number = value.doubleValue {
                c.compare(key, expected: number, actual: Double(actual.item()))
            } else {
                try c.compare(key, expected: value, actual: actual)
            }
        }
    }
}
