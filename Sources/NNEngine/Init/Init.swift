import Foundation

/// Weight initializers, as PyTorch's `torch.nn.init` (names without the trailing underscore).
///
/// Each fills its tensor in place without recording the graph and returns it.
public enum Init {
    /// Fills `tensor` with draws from U(a, b).
    @discardableResult
    public static func uniform(_ tensor: Tensor, a: Float = 0, b: Float = 1, generator: Generator = .default) -> Tensor {
        tensor.copy(from: Tensor.uniform(tensor.shape, from: a, to: b, generator: generator))
        return tensor
    }

    /// Fills `tensor` with draws from N(mean, std²).
    @discardableResult
    public static func normal(_ tensor: Tensor, mean: Float = 0, std: Float = 1, generator: Generator = .default) -> Tensor {
        tensor.copy(from: Tensor.normal(tensor.shape, mean: mean, std: std, generator: generator))
        return tensor
    }

    /// Fills `tensor` with `value`.
    @discardableResult
    public static func constant(_ tensor: Tensor, _ value: Float) -> Tensor {
        tensor.fill(value)
        return tensor
    }

    /// Fills `tensor` with ones.
    @discardableResult
    public static func ones(_ tensor: Tensor) -> Tensor { constant(tensor, 1) }

    /// Fills `tensor` with zeros.
    @discardableResult
    public static func zeros(_ tensor: Tensor) -> Tensor { constant(tensor, 0) }

    /// Fills a 2-D `tensor` with the identity matrix.
    @discardableResult
    public static func eye(_ tensor: Tensor) throws(InitError) -> Tensor {
        guard tensor.rank == 2 else { throw .unsupportedRank("Only tensors with 2 dimensions are supported") }
        tensor.copy(from: Tensor.eye(tensor.shape[0], tensor.shape[1]))
        return tensor
    }

    /// Fills a 3-, 4- or 5-D convolution weight with the Dirac delta: each output channel of a
    /// group passes one input channel through unchanged.
    ///
    /// - Parameter groups: the convolution's groups; the output channels must divide by it.
    @discardableResult
    public static func dirac(_ tensor: Tensor, groups: Int = 1) throws(InitError) -> Tensor {
        guard (3...5).contains(tensor.rank) else {
            throw .unsupportedRank("Only tensors with 3, 4, or 5 dimensions are supported")
        }
        guard groups > 0, tensor.shape[0] % groups == 0 else {
            throw .invalidParam("dim 0 must be divisible by groups")
        }
        let outPerGroup = tensor.shape[0] / groups
        let minDim = Swift.min(outPerGroup, tensor.shape[1])
        let strides = Tensor.contiguousStrides(tensor.shape)
        let center = tensor.shape.dropFirst(2).enumerated().reduce(0) { $0 + ($1.element / 2) * strides[$1.offset + 2] }
        var values = [Float](repeating: 0, count: tensor.count)
        for g in 0..<groups {
            for d in 0..<minDim { values[(g * outPerGroup + d) * strides[0] + d * strides[1] + center] = 1 }
        }
        tensor.copy(from: values)
        return tensor
    }

    /// Fills a 2-D `tensor` with N(0, std²) draws and zeroes `ceil(sparsity * rows)` random rows
    /// of every column.
    ///
    /// Reference: Martens, "Deep learning via Hessian-free optimization", ICML 2010.
    @discardableResult
    public static func sparse(_ tensor: Tensor, sparsity: Double, std: Double = 0.01,
                              generator: Generator = .default) throws(InitError) -> Tensor {
        guard tensor.rank == 2 else { throw .unsupportedRank("Only tensors with 2 dimensions are supported") }
        // PyTorch slices ceil(sparsity * rows) rows; a share outside 0...1 (or NaN) has no such count.
        guard sparsity >= 0, sparsity <= 1 else { throw .invalidParam("sparsity must lie in [0, 1], got \(sparsity)") }
        let rows = tensor.shape[0], cols = tensor.shape[1]
        let zeros = Int((sparsity * Double(rows)).rounded(.up))
        var values = Tensor.normal([rows, cols], mean: 0, std: Float(std), generator: generator).toArray()
        for c in 0..<cols {
            let order = Tensor.randperm(rows, generator: generator).toArray()
            for r in order.prefix(zeros) { values[Int(r) * cols + c] = 0 }
        }
        tensor.copy(from: values)
        return tensor
    }

    /// The fan-in and fan-out of a weight: (size(1), size(0)) times the receptive field size.
    public static func calculateFanInAndFanOut(_ tensor: Tensor) throws(InitError) -> (fanIn: Int, fanOut: Int) {
        guard tensor.rank >= 2 else {
            throw .unsupportedRank("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
        }
        let receptiveField = tensor.shape.dropFirst(2).reduce(1, *)
        return (tensor.shape[1] * receptiveField, tensor.shape[0] * receptiveField)
    }

    /// Xavier/Glorot uniform: U(-a, a) with `a = gain * sqrt(6 / (fanIn + fanOut))`.
    ///
    /// Reference: Glorot, Bengio, "Understanding the difficulty of training deep feedforward
    /// neural networks", 2010.
    @discardableResult
    public static func xavierUniform(_ tensor: Tensor, gain: Double = 1, generator: Generator = .default) throws(InitError) -> Tensor {
        let (fanIn, fanOut) = try calculateFanInAndFanOut(tensor)
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        let a = Float(3.0.squareRoot() * std)
        return uniform(tensor, a: -a, b: a, generator: generator)
    }

    /// Xavier/Glorot normal: N(0, std²) with `std = gain * sqrt(2 / (fanIn + fanOut))`.
    @discardableResult
    public static func xavierNormal(_ tensor: Tensor, gain: Double = 1, generator: Generator = .default) throws(InitError) -> Tensor {
        let (fanIn, fanOut) = try calculateFanInAndFanOut(tensor)
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        return normal(tensor, mean: 0, std: Float(std), generator: generator)
    }

    /// The standard deviation Kaiming initialization aims for: `gain / sqrt(fan)`.
    public static func kaimingStd(_ tensor: Tensor, a: Double, mode: FanMode, nonlinearity: String) throws(InitError) -> Double {
        let (fanIn, fanOut) = try calculateFanInAndFanOut(tensor)
        let fan = mode == .fanIn ? fanIn : fanOut
        let gain = try calculateGain(nonlinearity: nonlinearity, param: a)
        return gain / Double(fan).squareRoot()
    }

    /// Kaiming/He uniform: U(-bound, bound) with `bound = gain * sqrt(3 / fan)`.
    ///
    /// Reference: He et al., "Delving Deep into Rectifiers: Surpassing Human-Level Performance
    /// on ImageNet Classification", 2015.
    ///
    /// - Parameters:
    ///   - a: the negative slope of the rectifier after this layer (for `leaky_relu`).
    ///   - mode: `fanIn` keeps the forward variance, `fanOut` the backward one.
    ///   - nonlinearity: a name `calculateGain` accepts.
    @discardableResult
    public static func kaimingUniform(
        _ tensor: Tensor, a: Double = 0, mode: FanMode = .fanIn, nonlinearity: String = "leaky_relu",
        generator: Generator = .default
    ) throws(InitError) -> Tensor {
        if tensor.count == 0 { return tensor }
        let bound = Float(3.0.squareRoot() * (try kaimingStd(tensor, a: a, mode: mode, nonlinearity: nonlinearity)))
        return uniform(tensor, a: -bound, b: bound, generator: generator)
    }

    /// Kaiming/He normal: N(0, std²) with `std = gain / sqrt(fan)`.
    @discardableResult
    public static func kaimingNormal(
        _ tensor: Tensor, a: Double = 0, mode: FanMode = .fanIn, nonlinearity: String = "leaky_relu",
        generator: Generator = .default
    ) throws(InitError) -> Tensor {
        if tensor.count == 0 { return tensor }
        let std = Float(try kaimingStd(tensor, a: a, mode: mode, nonlinearity: nonlinearity))
        return normal(tensor, mean: 0, std: std, generator: generator)
    }

    /// N(mean, std²) truncated to [a, b], by inverse-CDF sampling as PyTorch does.
    @discardableResult
    public static func truncNormal(
        _ tensor: Tensor, mean: Double = 0, std: Double = 1, a: Double = -2, b: Double = 2,
        generator: Generator = .default
    ) -> Tensor {
        func normalCDF(_ x: Double) -> Double { (1 + Foundation.erf(x / 2.0.squareRoot())) / 2 }
        let l = normalCDF((a - mean) / std), u = normalCDF((b - mean) / std)
        let draws = Tensor.uniform(tensor.shape, from: Float(2 * l - 1), to: Float(2 * u - 1), generator: generator)
        let values = draws.toArray().map { p -> Float in
            let x = erfinv(Double(p)) * std * 2.0.squareRoot() + mean
            return Float(Swift.min(Swift.max(x, a), b))
        }
        tensor.copy(from: values)
        return tensor
    }

    /// A (semi-)orthogonal matrix times `gain`, from the QR decomposition of a normal draw.
    ///
    /// Reference: Saxe et al., "Exact solutions to the nonlinear dynamics of learning in deep
    /// linear neural networks", 2013.
    @discardableResult
    public static func orthogonal(_ tensor: Tensor, gain: Double = 1, generator: Generator = .default) throws(InitError) -> Tensor {
        guard tensor.rank >= 2 else { throw .unsupportedRank("Only tensors with 2 or more dimensions are supported") }
        if tensor.count == 0 { return tensor }
        let rows = tensor.shape[0], cols = tensor.count / rows
        let draw = Tensor.normal([rows, cols], mean: 0, std: 1, generator: generator).toArray().map(Double.init)
        // Orthonormalize the columns of the tall orientation (Gram-Schmidt applied twice).
        let tall = rows >= cols
        let n = tall ? rows : cols, m = tall ? cols : rows
        var columns = (0..<m).map { j in (0..<n).map { i in tall ? draw[i * cols + j] : draw[j * cols + i] } }
        for j in 0..<m {
            for _ in 0..<2 {
                for k in 0..<j {
                    let dot = zip(columns[j], columns[k]).reduce(0) { $0 + $1.0 * $1.1 }
                    for i in 0..<n { columns[j][i] -= dot * columns[k][i] }
                }
            }
            let norm = columns[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
            for i in 0..<n { columns[j][i] /= norm }
        }
        var values = [Float](repeating: 0, count: rows * cols)
        for r in 0..<rows {
            for c in 0..<cols {
                values[r * cols + c] = Float(gain * (tall ? columns[c][r] : columns[r][c]))
            }
        }
        tensor.copy(from: values)
        return tensor
    }

    /// The recommended gain for a nonlinearity, as `torch.nn.init.calculate_gain`.
    ///
    /// - Parameters:
    ///   - nonlinearity: linear, conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d,
    ///     conv_transpose3d, sigmoid, tanh, relu, leaky_relu or selu.
    ///   - param: the negative slope for leaky_relu (default 0.01).
    /// - Throws: `InitError.unsupportedNonlinearity` for any other name.
    public static func calculateGain(nonlinearity: String, param: Double? = nil) throws(InitError) -> Double {
        switch nonlinearity {
        case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
            "conv_transpose3d", "sigmoid":
            return 1
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "leaky_relu":
            let slope = param ?? 0.01
            guard slope.isFinite else { throw .invalidParam("negative_slope \(slope) not a valid number") }
            return (2 / (1 + slope * slope)).squareRoot()
        case "selu": return 3.0 / 4
        default: throw .unsupportedNonlinearity("Unsupported nonlinearity \(nonlinearity)")
        }
    }
}

/// Which fan Kaiming initialization preserves the variance of.
public enum FanMode: String, Sendable {
    case fanIn = "fan_in"
    case fanOut = "fan_out"
}

/// Errors of the initializers, with PyTorch's messages.
public enum InitError: Error, Equatable, CustomStringConvertible, Sendable {
    case unsupportedNonlinearity(String)
    case invalidParam(String)
    case unsupportedRank(String)
    case unsupportedMode(String)

    public var description: String {
        switch self {
        case .unsupportedNonlinearity(let m), .invalidParam(let m), .unsupportedRank(let m), .unsupportedMode(let m):
            return m
        }
    }
}

extension FanMode {
    /// The mode named `name` ("fan_in" or "fan_out").
    public init(named name: String) throws(InitError) {
        guard let mode = FanMode(rawValue: name) else {
            throw .unsupportedMode("Mode \(name) not supported, please use one of fan_in, fan_out")
        }
        self = mode
    }
}

/// The inverse error function, by Giles' approximation refined with two Newton steps.
///
/// Reference: M. Giles, "Approximating the erfinv function", GPU Computing Gems, 2011.
func erfinv(_ x: Double) -> Double {
    if x <= -1 { return -.infinity }
    if x >= 1 { return .infinity }
    var w = -Foundation.log((1 - x) * (1 + x))
    var p: Double
    if w < 6.25 {
        w -= 3.125
        p = -3.6444120640178196996e-21
        for c in [-1.685059138182016589e-19, 1.2858480715256400167e-18, 1.115787767802518096e-17,
                  -1.333171662854620906e-16, 2.0972767875968561637e-17, 6.6376381343583238325e-15,
                  -4.0545662729752068639e-14, -8.1519341976054721522e-14, 2.6335093153082322977e-12,
                  -1.2975133253453532498e-11, -5.4154120542946279317e-11, 1.051212273321532285e-09,
                  -4.1126339803469836976e-09, -2.9070369957882005086e-08, 4.2347877827932403518e-07,
                  -1.3654692000834678645e-06, -1.3882523362786468719e-05, 0.0001867342080340571352,
                  -0.00074070253416626697512, -0.0060336708714301490533, 0.24015818242558961693,
                  1.6536545626831027356] { p = c + p * w }
    } else if w < 16 {
        w = w.squareRoot() - 3.25
        p = 2.2137376921775787049e-09
        for c in [9.0756561938885390979e-08, -2.7517406297064545428e-07, 1.8239629214389227755e-08,
                  1.5027403968909827627e-06, -4.013867526981545969e-06, 2.9234449089955446044e-06,
                  1.2475304481671778723e-05, -4.7318229009055733981e-05, 6.8284851459573175448e-05,
                  2.4031110387097893999e-05, -0.0003550375203628474796, 0.00095328937973738049703,
                  -0.0016882755560235047313, 0.0024914420961078508066, -0.0037512085075692412107,
                  0.005370914553590063617, 1.0052589676941592334, 3.0838856104922207635] { p = c + p * w }
    } else {
        w = w.squareRoot() - 5
        p = -2.7109920616438573243e-11
        for c in [-2.5556418169965252055e-10, 1.5076572693500548083e-09, -3.7894654401267369937e-09,
                  7.6157012080783393804e-09, -1.4960026627149240478e-08, 2.9147953450901080826e-08,
                  -6.7711997758452339498e-08, 2.2900482228026654717e-07, -9.9298272942317002539e-07,
                  4.5260625972231537039e-06, -1.9681778105531670567e-05, 7.5995277030017761139e-05,
                  -0.00021503011930044477347, -0.00013871931833623122026, 1.0103004648645343977,
                  4.8499064014085844221] { p = c + p * w }
    }
    var y = p * x
    // Newton steps on erf(y) = x.
    for _ in 0..<2 {
        let err = Foundation.erf(y) - x
        y -= err / (2 / Double.pi.squareRoot() * Foundation.exp(-y * y))
    }
    return y
}
