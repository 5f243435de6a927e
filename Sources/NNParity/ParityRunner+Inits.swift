import Foundation
import NNEngine
import NNRuns

/// Checks `init` cases: the statistics of one draw within sampling error of the initializer's law.
///
/// PyTorch's draw (the case's `expected`) and one engine draw of the same shape must both fit
/// the distribution the initializer defines: the mean within 6 standard errors, the standard
/// deviation within 6 standard errors of a sample std (which depend on the law's kurtosis), the
/// extremes of bounded laws inside the bounds and within the gap 20 / (n * density at the bound)
/// of them (probability about e^-20 of a larger gap), and the extremes of normal laws inside the
/// range of the maximum of n normals (Gumbel location ± a wide band of its scale).
/// Deterministic initializers (constant, ones, zeros, eye) are compared with the file tolerance.
extension ParityRunner {
    /// The law of an initializer's values.
    enum Law {
        case uniform(low: Double, high: Double)
        case normal(mean: Double, std: Double)
        /// N(0, std²) with a fraction `zeros` of the values set to zero.
        case sparse(std: Double, zeros: Double)
        case truncatedNormal(mean: Double, std: Double, low: Double, high: Double)
        /// Values of an orthogonal matrix: zero mean, exact root-mean-square.
        case orthogonal(rms: Double)
        case deterministic
    }

    /// Mean, std (unbiased), min and max of a sample.
    struct Statistics {
        var mean, std, min, max: Double

        init(_ values: [Float]) {
            let n = Double(values.count)
            mean = values.reduce(0) { $0 + Double($1) } / n
            let m = mean
            std = (values.reduce(0) { $0 + (Double($1) - m) * (Double($1) - m) } / Swift.max(n - 1, 1)).squareRoot()
            min = Double(values.min() ?? .nan)
            max = Double(values.max() ?? .nan)
        }

        init(_ json: JSONValue, _ c: ParityCase) throws(ParityError) {
            mean = try c.number("mean", in: json)
            std = try c.number("std", in: json)
            min = try c.number("min", in: json)
            max = try c.number("max", in: json)
        }
    }

    func checkInit(_ c: ParityCase) throws(ParityError) {
        let shape = try c.shape(c.field("shape"), named: "init")
        let params = c.field("params") ?? .object([])
        func number(_ key: String, _ fallback: Double) throws(ParityError) -> Double {
            guard let value = c.field(key, in: params) else { return fallback }
            guard let d = value.doubleValue else { throw .malformed("\(key) is not a number") }
            return d
        }
        func text(_ key: String, _ fallback: String) throws(ParityError) -> String {
            guard let value = c.field(key, in: params) else { return fallback }
            guard let s = value.stringValue else { throw .malformed("\(key) is not a string") }
            return s
        }
        let tensor = Tensor.zeros(shape)
        let generator = Generator(seed: 0)
        let law: Law
        do {
            switch c.name {
            case "uniform_":
                let (a, b) = (try number("a", 0), try number("b", 1))
                Init.uniform(tensor, a: Float(a), b: Float(b), generator: generator)
                law = .uniform(low: Double(Float(a)), high: Double(Float(b)))
            case "normal_":
                let (mean, std) = (try number("mean", 0), try number("std", 1))
                Init.normal(tensor, mean: Float(mean), std: Float(std), generator: generator)
                law = .normal(mean: mean, std: std)
            case "constant_":
                Init.constant(tensor, Float(try number("val", .nan)))
                law = .deterministic
            case "ones_":
                Init.ones(tensor)
                law = .deterministic
            case "zeros_":
                Init.zeros(tensor)
                law = .deterministic
            case "eye_":
                try Init.eye(tensor)
                law = .deterministic
            case "xavier_uniform_":
                try Init.xavierUniform(tensor, gain: try number("gain", 1), generator: generator)
                let (fanIn, fanOut) = try Init.calculateFanInAndFanOut(tensor)
                let bound = Double(Float(try number("gain", 1) * (6.0 / Double(fanIn + fanOut)).squareRoot()))
                law = .uniform(low: -bound, high: bound)
            case "xavier_normal_":
                try Init.xavierNormal(tensor, gain: try number("gain", 1), generator: generator)
                let (fanIn, fanOut) = try Init.calculateFanInAndFanOut(tensor)
                law = .normal(mean: 0, std: try number("gain", 1) * (2.0 / Double(fanIn + fanOut)).squareRoot())
            case "kaiming_uniform_", "kaiming_normal_":
                let a = try number("a", 0)
                let mode = try FanMode(named: try text("mode", "fan_in"))
                let nonlinearity = try text("nonlinearity", "leaky_relu")
                let std = try Init.kaimingStd(tensor, a: a, mode: mode, nonlinearity: nonlinearity)
                if c.name == "kaiming_uniform_" {
                    try Init.kaimingUniform(tensor, a: a, mode: mode, nonlinearity: nonlinearity, generator: generator)
                    let bound = Double(Float(3.0.squareRoot() * std))
                    law = .uniform(low: -bound, high: bound)
                } else {
                    try Init.kaimingNormal(tensor, a: a, mode: mode, nonlinearity: nonlinearity, generator: generator)
                    law = .normal(mean: 0, std: std)
                }
            case "trunc_normal_":
                let (mean, std) = (try number("mean", 0), try number("std", 1))
                let (a, b) = (try number("a", -2), try number("b", 2))
                Init.truncNormal(tensor, mean: mean, std: std, a: a, b: b, generator: generator)
                law = .truncatedNormal(mean: mean, std: std, low: a, high: b)
            case "dirac_":
                let groups = try c.field("groups", in: params).map { value throws(ParityError) in
                    try ParityCase.integer(value, named: "groups", within: ParityLimits.integers)
                }
                try Init.dirac(tensor, groups: groups ?? 1)
                law = .deterministic
            case "sparse_":
                let (sparsity, std) = (try number("sparsity", .nan), try number("std", 0.01))
                try Init.sparse(tensor, sparsity: sparsity, std: std, generator: generator)
                let rows = Double(shape.first ?? 1)
                law = .sparse(std: std, zeros: (sparsity * rows).rounded(.up) / rows)
            case "orthogonal_":
                let gain = try number("gain", 1)
                try Init.orthogonal(tensor, gain: gain, generator: generator)
                let rows = shape[0], cols = tensor.count / Swift.max(rows, 1)
                law = .orthogonal(rms: gain / Double(Swift.max(rows, cols)).squareRoot())
            default:
                throw ParityError.unsupported("init \(c.name)")
            }
        } catch let error as ParityError {
            throw error
        } catch {
            throw .malformed("\(error)")
        }
        let expected = try Statistics(try c.require("expected"), c)
        let ours = Statistics(tensor.toArray())
        if case .deterministic = law {
            c.compare("mean", expected: expected.mean, actual: ours.mean)
            c.compare("std", expected: expected.std, actual: ours.std)
            c.compare("min", expected: expected.min, actual: ours.min)
            c.compare("max", expected: expected.max, actual: ours.max)
            return
        }
        checkSample(c, expected, law: law, n: tensor.count, source: "torch")
        checkSample(c, ours, law: law, n: tensor.count, source: "nndash")
    }

    /// Records every statistic of `s` outside the sampling bounds of `law`.
    private func checkSample(_ c: ParityCase, _ s: Statistics, law: Law, n: Int, source: String) {
        let count = Double(n)
        let z = 6.0
        func within(_ what: String, _ value: Double, _ center: Double, _ halfWidth: Double) {
            if !(Swift.abs(value - center) <= halfWidth) {
                c.fail("\(source) \(what) (allowed ±\(halfWidth))", expected: center, actual: value,
                       largestError: Swift.abs(value - center))
            }
        }
        func bounded(_ low: Double, _ high: Double, densityLow: Double, densityHigh: Double) {
            let slack = 1e-6 * Swift.max(Swift.abs(low), Swift.abs(high))
            within("min", s.min, low + 10 / (count * densityLow), 10 / (count * densityLow) + slack)
            within("max", s.max, high - 10 / (count * densityHigh), 10 / (count * densityHigh) + slack)
        }
        func normalExtremes(_ mean: Double, _ std: Double, draws: Double) {
            guard draws >= 100 else { return }
            // Location and scale of the maximum of n standard normals (Gumbel limit).
            let r = (2 * Foundation.log(draws)).squareRoot()
            let location = r - (Foundation.log(Foundation.log(draws)) + Foundation.log(4 * Double.pi)) / (2 * r)
            let scale = 1 / r
            let low = location - 4 * scale, high = location + 15 * scale
            within("max", (s.max - mean) / std, (low + high) / 2, (high - low) / 2)
            within("min", (mean - s.min) / std, (low + high) / 2, (high - low) / 2)
        }
        switch law {
        case .uniform(let low, let high):
            let sigma = (high - low) / 12.0.squareRoot()
            within("mean", s.mean, (low + high) / 2, z * sigma / count.squareRoot())
            within("std", s.std, sigma, z * sigma * (0.8 / (4 * count)).squareRoot())
            bounded(low, high, densityLow: 1 / (high - low), densityHigh: 1 / (high - low))
        case .normal(let mean, let std):
            within("mean", s.mean, mean, z * std / count.squareRoot())
            within("std", s.std, std, z * std * (2 / (4 * count)).squareRoot())
            normalExtremes(mean, std, draws: count)
        case .sparse(let std, let zeros):
            let sigma = std * (1 - zeros).squareRoot()
            let kurtosis = 3 / (1 - zeros)
            within("mean", s.mean, 0, z * sigma / count.squareRoot())
            within("std", s.std, sigma, z * sigma * ((kurtosis - 1) / (4 * count)).squareRoot())
            normalExtremes(0, std, draws: count * (1 - zeros))
        case .truncatedNormal(let mean, let std, let low, let high):
            let alpha = (low - mean) / std, beta = (high - mean) / std
            func pdf(_ x: Double) -> Double { Foundation.exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
            func cdf(_ x: Double) -> Double { (1 + Foundation.erf(x / 2.0.squareRoot())) / 2 }
            let mass = cdf(beta) - cdf(alpha)
            let shift = (pdf(alpha) - pdf(beta)) / mass
            let lawMean = mean + std * shift
            let lawStd = std * (1 + (alpha * pdf(alpha) - beta * pdf(beta)) / mass - shift * shift).squareRoot()
            within("mean", s.mean, lawMean, z * lawStd / count.squareRoot())
            within("std", s.std, lawStd, z * lawStd * (2 / (4 * count)).squareRoot())
            bounded(low, high, densityLow: pdf(alpha) / (std * mass), densityHigh: pdf(beta) / (std * mass))
        case .orthogonal(let rms):
            // Rows (or columns) are orthonormal: the mean square is exactly rms².
            within("mean", s.mean, 0, z * rms / count.squareRoot())
            let meanSquare = s.std * s.std * (count - 1) / count + s.mean * s.mean
            within("rms", meanSquare.squareRoot(), rms, 1e-3 * rms)
        case .deterministic:
            break
        }
    }
}
