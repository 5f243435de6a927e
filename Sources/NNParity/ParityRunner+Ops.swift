import NNEngine
import NNRuns

/// Checks `op` cases: the forward output, then every input's gradient under `grad_output`.
extension ParityRunner {
    /// Computes an op's output from its decoded arguments.
    public typealias OpFunction = @Sendable (OpArguments) throws -> Tensor

    /// The engine function for each PyTorch op name.
    static let ops: [String: OpFunction] = [
        "sigmoid": { try $0.required("x", "input").sigmoid() },
        "tanh": { try $0.required("x", "input").tanh() },
        "relu": { try $0.required("x", "input").relu() },
        "leaky_relu": { a in
            try a.required("x", "input").leakyReLU(negativeSlope: try a.float("negative_slope", default: 0.01))
        },
        "elu": { a in try a.required("x", "input").elu(alpha: try a.float("alpha", default: 1)) },
        "selu": { try $0.required("x", "input").selu() },
        "celu": { a in
            let alpha = try a.float("alpha", default: 1)
            // CELU divides by alpha: PyTorch refuses 0 (ZeroDivisionError).
            guard alpha != 0 else { throw ParityError.malformed("celu alpha must not be 0") }
            return try a.required("x", "input").celu(alpha: alpha)
        },
        "gelu": { a in
            let name = try a.string("approximate", default: "none")
            guard let approximate = GELUApproximation(rawValue: name) else {
                throw ParityError.unsupported("gelu approximate '\(name)'")
            }
            return try a.required("x", "input").gelu(approximate: approximate)
        },
        "silu": { try $0.required("x", "input").silu() },
        "mish": { try $0.required("x", "input").mish() },
        "softplus": { a in
            try a.required("x", "input").softplus(beta: try a.float("beta", default: 1),
                                               threshold: try a.float("threshold", default: 20))
        },
        "softsign": { try $0.required("x", "input").softsign() },
        "hardtanh": { a in
            try a.required("x", "input").hardtanh(minVal: try a.float("min_val", default: -1),
                                               maxVal: try a.float("max_val", default: 1))
        },
        "relu6": { try $0.required("x", "input").relu6() },
        "hardsigmoid": { try $0.required("x", "input").hardsigmoid() },
        "hardswish": { try $0.required("x", "input").hardswish() },
        "logsigmoid": { try $0.required("x", "input").logSigmoid() },
        "tanhshrink": { try $0.required("x", "input").tanhshrink() },
        "softmax": { a in
            let x = try a.required("x", "input")
            return x.softmax(dim: try softmaxDim(a, x))
        },
        "log_softmax": { a in
            let x = try a.required("x", "input")
            return x.logSoftmax(dim: try softmaxDim(a, x))
        },
        "softmin": { a in
            let x = try a.required("x", "input")
            return x.softmin(dim: try softmaxDim(a, x))
        },
        "exp": { try $0.required("x", "input").exp() },
        "abs": { try $0.required("x", "input").abs() },
        "neg": { -(try $0.required("x", "input")) },
        "log": { try $0.required("x", "input").log() },
        "sqrt": { try $0.required("x", "input").sqrt() },
        "log1p": { try $0.required("x", "input").log1p() },
        "expm1": { try $0.required("x", "input").expm1() },
        "square": { try $0.required("x", "input").square() },
        "reciprocal": { try $0.required("x", "input").reciprocal() },
        "pow": pow,
        "add": { a in
            let (x, y) = try binaryOperands(a)
            let alpha = try a.float("alpha", default: 1)
            return alpha == 1 ? x + y : x + y * alpha
        },
        "sub": { a in
            let (x, y) = try binaryOperands(a)
            let alpha = try a.float("alpha", default: 1)
            return alpha == 1 ? x - y : x - y * alpha
        },
        "mul": { a in
            let (x, y) = try binaryOperands(a)
            return x * y
        },
        "div": { a in
            let (x, y) = try binaryOperands(a)
            guard let mode = a.param("rounding_mode") else { return x / y }
            guard let name = mode.stringValue, let roundingMode = RoundingMode(rawValue: name) else {
                throw ParityError.unsupported("div rounding_mode \(mode.jsonText)")
            }
            return x.div(y, roundingMode: roundingMode)
        },
        "maximum": { a in
            let (x, y) = try binaryOperands(a)
            return x.maximum(y)
        },
        "minimum": { a in
            let (x, y) = try binaryOperands(a)
            return x.minimum(y)
        },
        "clamp": { a in
            let x = try a.required("x", "input")
            let low: Float? = a.param("min") == nil ? nil : try a.float("min", default: 0)
            let high: Float? = a.param("max") == nil ? nil : try a.float("max", default: 0)
            return x.clamp(min: low, max: high)
        },
        "matmul": { a in
            let (x, y) = try binaryOperands(a, broadcast: false)
            guard Tensor.matmulShape(x.shape, y.shape) != nil else {
                throw ParityError.malformed("matmul of shapes \(x.shape) and \(y.shape)")
            }
            return x.matmul(y)
        },
        "linear": { a in
            let (x, weight, bias) = (try a.required("x", "input"), try a.required("weight"), a.input("bias"))
            guard weight.rank <= 2, let product = Tensor.matmulShape(x.shape, weight.shape.reversed()),
                  bias.map({ broadcastShapes(product, $0.shape) == product }) ?? true
            else { throw ParityError.malformed("linear shapes do not fit") }
            return linear(x, weight: weight, bias: bias)
        },
        "sum": reduction { _, x, dims, keepdim in x.sum(dim: dims, keepdim: keepdim) },
        "mean": reduction { _, x, dims, keepdim in x.mean(dim: dims, keepdim: keepdim) },
        "amax": reduction { _, x, dims, keepdim in x.amax(dim: dims, keepdim: keepdim) },
        "amin": reduction { _, x, dims, keepdim in x.amin(dim: dims, keepdim: keepdim) },
        "var": reduction { a, x, dims, keepdim in
            x.variance(dim: dims, correction: try correction(a), keepdim: keepdim)
        },
        "std": reduction { a, x, dims, keepdim in x.std(dim: dims, correction: try correction(a), keepdim: keepdim) },
    ]

    /// The op of a reduction of input `x` over `dim` (every dimension when absent), keeping the
    /// reduced dimensions when `keepdim`; `reduce` gets the arguments for options of its own.
    private static func reduction(
        _ reduce: @escaping @Sendable (OpArguments, Tensor, [Int], Bool) throws -> Tensor
    ) -> OpFunction {
        { a in
            let x = try a.required("x", "input")
            return try reduce(a, x, try reductionDims(a, x), try a.bool("keepdim", default: false))
        }
    }

    /// PyTorch's implicit softmax dimension when `dim` is not given: 0 for 0-, 1- and 3-D inputs, else 1.
    private static func softmaxDim(_ a: OpArguments, _ x: Tensor) throws(ParityError) -> Int {
        guard let dims = try a.dims() else { return [0, 1, 3].contains(x.rank) ? 0 : 1 }
        guard dims.count == 1 else { throw .malformed("softmax takes one dim") }
        return try reductionDims(a, x)[0]
    }

    /// The `dim` parameter of a reduction (empty: all dimensions), checked against `x`'s rank.
    private static func reductionDims(_ a: OpArguments, _ x: Tensor) throws(ParityError) -> [Int] {
        let dims = try a.dims() ?? []
        let bound = Swift.max(x.rank, 1)
        let normalized = dims.map { $0 < 0 ? $0 + bound : $0 }
        guard normalized.allSatisfy({ (0..<bound).contains($0) }), Set(normalized).count == dims.count else {
            throw .malformed("dim \(dims) does not fit a tensor of \(x.rank) dimensions")
        }
        return dims
    }

    /// The divisor correction of var/std: `correction` if given, else 1 when `unbiased` (default).
    private static func correction(_ a: OpArguments) throws(ParityError) -> Double {
        if a.param("correction") != nil { return try a.double("correction", default: 1) }
        return try a.bool("unbiased", default: true) ? 1 : 0
    }

    /// The two operands of a binary op: tensors `a`/`b` (or `input`/`other`), or a number in `params`.
    private static func binaryOperands(_ a: OpArguments, broadcast: Bool = true) throws(ParityError) -> (Tensor, Tensor) {
        func operand(_ names: [String]) throws(ParityError) -> Tensor {
            for name in names {
                if let t = a.input(name) { return t }
                if let n = a.param(name)?.doubleValue { return Tensor(Float(n)) }
            }
            throw ParityError.malformed("lacks operand \(names.joined(separator: " or "))")
        }
        let (x, y) = (try operand(["a", "input", "x", "self"]), try operand(["b", "other", "y"]))
        guard !broadcast || broadcastShapes(x.shape, y.shape) != nil else {
            throw .malformed("shapes \(x.shape) and \(y.shape) do not broadcast")
        }
        return (x, y)
    }

    /// `pow` in its three forms: tensor ** number, tensor ** tensor, number ** tensor.
    private static func pow(_ a: OpArguments) throws(ParityError) -> Tensor {
        if let exponent = a.param("exponent")?.doubleValue {
            return try a.required("x", "input", "a", "self").pow(Float(exponent))
        }
        if let exponent = a.input("exponent") ?? a.input("b") {
            if let base = a.param("self")?.doubleValue ?? a.param("base")?.doubleValue ?? a.param("a")?.doubleValue {
                return NNEngine.pow(Float(base), exponent)
            }
            return try a.required("x", "input", "a", "self").pow(exponent)
        }
        throw ParityError.malformed("pow needs an exponent")
    }

    /// Checks an `op` case.
    func checkOp(_ c: ParityCase) throws(ParityError) {
        if c.name == "batch_norm" { return try checkBatchNorm(c) }
        guard let op = Self.ops[c.name] ?? Self.layerOps[c.name] else { throw ParityError.unsupported("op \(c.name)") }
        let arguments = try OpArguments(c)
        let output: Tensor
        do {
            output = try op(arguments)
        } catch let error as ParityError {
            throw error
        } catch {
            throw ParityError.malformed("\(error)")
        }
        try checkOutputAndGrads(c, arguments, output)
    }

    /// Compares `output`, then back-propagates `grad_output` and compares each input's gradient.
    public func checkOutputAndGrads(_ c: ParityCase, _ arguments: OpArguments, _ output: Tensor) throws(ParityError) {
        try c.compare("output", expected: try c.require("output"), actual: output)
        guard let gradOutput = c.field("grad_output"), let grads = c.field("grads")?.objectValue else { return }
        let upstream = try c.tensor(gradOutput)
        guard upstream.shape == output.shape else {
            throw ParityError.malformed("grad_output shape \(upstream.shape) for output \(output.shape)")
        }
        if output.requiresGrad {
            do {
                try output.backward(gradient: upstream)
            } catch {
                throw ParityError.malformed("backward failed: \(error)")
            }
        }
        for (name, expected) in grads where !expected.isNull {
            guard let input = arguments.input(name) else { throw ParityError.malformed("gradient for unknown input \(name)") }
            try c.compare("grads.\(name)", expected: expected, actual: input.grad ?? Tensor.zeros(input.shape))
        }
    }
}
