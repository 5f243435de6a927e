import NNEngine
import NNRuns

/// Checks `op` cases: the forward output, then every input's gradient under `grad_output`.
extension ParityRunner {
    /// Computes an op's output from its decoded arguments.
    public typealias OpFunction = @Sendable (OpArguments) throws -> Tensor

    /// The engine function for each PyTorch op name.
    static let ops: [String: OpFunction] = [
        "sigmoid": { try $0.input("x", "input").sigmoid() },
        "tanh": { try $0.input("x", "input").tanh() },
        "relu": { try $0.input("x", "input").relu() },
        "leaky_relu": { a in
            try a.input("x", "input").leakyRelu(negativeSlope: try a.float("negative_slope", default: 0.01))
        },
        "elu": { a in try a.input("x", "input").elu(alpha: try a.float("alpha", default: 1)) },
        "selu": { try $0.input("x", "input").selu() },
        "celu": { a in try a.input("x", "input").celu(alpha: try a.float("alpha", default: 1)) },
        "gelu": { a in
            let name = try a.string("approximate", default: "none")
            guard let approximate = GELUApproximation(rawValue: name) else {
                throw ParityError.unsupported("gelu approximate '\(name)'")
            }
            return try a.input("x", "input").gelu(approximate: approximate)
        },
        "silu": { try $0.input("x", "input").silu() },
        "mish": { try $0.input("x", "input").mish() },
        "softplus": { a in
            try a.input("x", "input").softplus(beta: try a.float("beta", default: 1),
                                               threshold: try a.float("threshold", default: 20))
        },
        "softsign": { try $0.input("x", "input").softsign() },
        "hardtanh": { a in
            try a.input("x", "input").hardtanh(minVal: try a.float("min_val", default: -1),
                                               maxVal: try a.float("max_val", default: 1))
        },
        "relu6": { try $0.input("x", "input").relu6() },
        "hardsigmoid": { try $0.input("x", "input").hardsigmoid() },
        "hardswish": { try $0.input("x", "input").hardswish() },
        "logsigmoid": { try $0.input("x", "input").logsigmoid() },
        "tanhshrink": { try $0.input("x", "input").tanhshrink() },
        "softmax": { a in
            let x = try a.input("x", "input")
            return x.softmax(dim: try softmaxDim(a, x))
        },
        "log_softmax": { a in
            let x = try a.input("x", "input")
            return x.logSoftmax(dim: try softmaxDim(a, x))
        },
        "softmin": { a in
            let x = try a.input("x", "input")
            return x.softmin(dim: try softmaxDim(a, x))
        },
        "exp": { try $0.input("x", "input").exp() },
        "abs": { try $0.input("x", "input").abs() },
        "neg": { -(try $0.input("x", "input")) },
        "log": { try $0.input("x", "input").log() },
        "sqrt": { try $0.input("x", "input").sqrt() },
        "log1p": { try $0.input("x", "input").log1p() },
        "expm1": { try $0.input("x", "input").expm1() },
        "square": { try $0.input("x", "input").square() },
        "reciprocal": { try $0.input("x", "input").reciprocal() },
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
            let x = try a.input("x", "input")
            let low: Float? = a.param("min") == nil ? nil : try a.float("min", default: 0)
            let high: Float? = a.param("max") == nil ? nil : try a.float("max", default: 0)
            return x.clamp(min: low, max: high)
        },
        "matmul": { a in
            let (x, y) = try binaryOperands(a)
            return x.matmul(y)
        },
        "linear": { a in
            linear(try a.input("x", "input"), weight: try a.input("weight"), bias: a.input("bias"))
        },
        "sum": { a in
            try a.input("x", "input").sum(dim: try a.dims() ?? [], keepdim: try a.bool("keepdim", default: false))
        },
        "mean": { a in
            try a.input("x", "input").mean(dim: try a.dims() ?? [], keepdim: try a.bool("keepdim", default: false))
        },
        "amax": { a in
            try a.input("x", "input").amax(dim: try a.dims() ?? [], keepdim: try a.bool("keepdim", default: false))
        },
        "amin": { a in
            try a.input("x", "input").amin(dim: try a.dims() ?? [], keepdim: try a.bool("keepdim", default: false))
        },
        "var": { a in
            try a.input("x", "input").variance(dim: try a.dims() ?? [], correction: try correction(a),
                                               keepdim: try a.bool("keepdim", default: false))
        },
        "std": { a in
            try a.input("x", "input").std(dim: try a.dims() ?? [], correction: try correction(a),
                                          keepdim: try a.bool("keepdim", default: false))
        },
    ]

    /// PyTorch's implicit softmax dimension when `dim` is not given: 0 for 0-, 1- and 3-D inputs, else 1.
    private static func softmaxDim(_ a: OpArguments, _ x: Tensor) throws(ParityError) -> Int {
        if let dims = try a.dims() {
            guard dims.count == 1 else { throw ParityError.malformed("\(a.testCase.id): softmax takes one dim") }
            return dims[0]
        }
        return [0, 1, 3].contains(x.rank) ? 0 : 1
    }

    /// The divisor correction of var/std: `correction` if given, else 1 when `unbiased` (default).
    private static func correction(_ a: OpArguments) throws(ParityError) -> Double {
        if a.param("correction") != nil { return try a.double("correction", default: 1) }
        return try a.bool("unbiased", default: true) ? 1 : 0
    }

    /// The two operands of a binary op: tensors `a`/`b` (or `input`/`other`), or a number in `params`.
    private static func binaryOperands(_ a: OpArguments) throws(ParityError) -> (Tensor, Tensor) {
        func operand(_ names: [String]) throws(ParityError) -> Tensor {
            for name in names {
                if let t = a.input(name) { return t }
                if let n = a.param(name)?.doubleValue { return Tensor(Float(n)) }
            }
            throw ParityError.malformed("\(a.testCase.id) lacks operand \(names.joined(separator: " or "))")
        }
        return (try operand(["a", "input", "x", "self"]), try operand(["b", "other", "y"]))
    }

    /// `pow` in its three forms: tensor ** number, tensor ** tensor, number ** tensor.
    private static func pow(_ a: OpArguments) throws(ParityError) -> Tensor {
        if let exponent = a.param("exponent")?.doubleValue {
            return try a.input("x", "input", "a", "self").pow(Float(exponent))
        }
        if let exponent = a.input("exponent") ?? a.input("b") {
            if let base = a.param("self")?.doubleValue ?? a.param("base")?.doubleValue ?? a.param("a")?.doubleValue {
                return NNEngine.pow(Float(base), exponent)
            }
            return try a.input("x", "input", "a", "self").pow(exponent)
        }
        throw ParityError.malformed("\(a.testCase.id): pow needs an exponent")
    }

    /// Checks an `op` case.
    func checkOp(_ c: ParityCase) throws(ParityError) {
        guard let op = Self.ops[c.name] else { throw ParityError.unsupported("op \(c.name)") }
        let arguments = try OpArguments(c)
        let output: Tensor
        do {
            output = try op(arguments)
        } catch let error as ParityError {
            throw error
        } catch {
            throw ParityError.malformed("\(c.id): \(error)")
        }
        try checkOutputAndGrads(c, arguments, output)
    }

    /// Compares `output`, then back-propagates `grad_output` and compares each input's gradient.
    public func checkOutputAndGrads(_ c: ParityCase, _ arguments: OpArguments, _ output: Tensor) throws(ParityError) {
        try c.compare("output", expected: try c.require("output"), actual: output)
        guard let gradOutput = c.field("grad_output"), let grads = c.field("grads")?.objectValue else { return }
        let upstream = try c.tensor(gradOutput)
        guard upstream.shape == output.shape else {
            throw ParityError.malformed("\(c.id): grad_output shape \(upstream.shape) for output \(output.shape)")
        }
        if output.requiresGrad {
            do {
                try output.backward(gradient: upstream)
            } catch {
                throw ParityError.malformed("\(c.id): backward failed: \(error)")
            }
        }
        for (name, expected) in grads where !expected.isNull {
            guard let input = arguments.input(name) else { throw ParityError.malformed("\(c.id): gradient for unknown input \(name)") }
            try c.compare("grads.\(name)", expected: expected, actual: input.grad ?? Tensor.zeros(input.shape))
        }
    }
}
