import NNEngine
import NNRuns

/// Checks the layer ops: `conv2d`, `max_pool2d`, `avg_pool2d` and `batch_norm` (with its running statistics).
extension ParityRunner {
    static let layerOps: [String: OpFunction] = [
        "conv2d": { a in
            let padding: Conv2dPadding
            let input = try a.required("x", "input"), weight = try a.required("weight")
            let dilation = try a.pair("dilation", default: 1)
            var margin = (0, 0)
            switch a.param("padding")?.stringValue {
            case "same":
                padding = .same
                if weight.rank == 4 { margin = (dilation.0 * weight.shape[2], dilation.1 * weight.shape[3]) }
            case "valid": padding = .valid
            case nil:
                let (h, w) = try a.pair("padding", default: 0)
                padding = .explicit(h, w)
                margin = (h, w)
            case let other?: throw ParityError.unsupported("conv2d padding '\(other)'")
            }
            let kernelArea = weight.rank == 4 ? weight.shape[1] * weight.shape[2] * weight.shape[3] : 1
            try checkOutputSize("conv2d", input, padding: margin, channels: Swift.max(kernelArea, weight.shape.first ?? 1))
            return try layer {
                try Tensor.conv2d(try a.required("x", "input"), weight: try a.required("weight"), bias: a.input("bias"),
                                  stride: try a.pair("stride", default: 1), padding: padding,
                                  dilation: try a.pair("dilation", default: 1), groups: try a.int("groups", default: 1))
            }
        },
        "max_pool2d": { a in
            let kernel = try a.pair("kernel_size", default: nil)
            try checkOutputSize("max_pool2d", try a.required("x", "input"), padding: try a.pair("padding", default: 0))
            return try layer {
                try Tensor.maxPool2d(try a.required("x", "input"), kernelSize: kernel, stride: try a.optionalPair("stride"),
                                     padding: try a.pair("padding", default: 0), dilation: try a.pair("dilation", default: 1),
                                     ceilMode: try a.bool("ceil_mode", default: false))
            }
        },
        "avg_pool2d": { a in
            let kernel = try a.pair("kernel_size", default: nil)
            let divisor = AvgPoolDivisor(countIncludePad: try a.bool("count_include_pad", default: true),
                                         divisorOverride: a.param("divisor_override") == nil ? nil : try a.int("divisor_override", default: 1))
            try checkOutputSize("avg_pool2d", try a.required("x", "input"), padding: try a.pair("padding", default: 0))
            return try layer {
                try Tensor.avgPool2d(try a.required("x", "input"), kernelSize: kernel, stride: try a.optionalPair("stride"),
                                     padding: try a.pair("padding", default: 0), ceilMode: try a.bool("ceil_mode", default: false),
                                     divisor: divisor)
            }
        },
    ]

    /// Refuses a layer whose output could exceed `ParityLimits.maximumElements`: at most the
    /// input's planes (times `channels`, the larger of the output channels and a kernel's
    /// size, for a convolution's output and its unfolded input) over the padded input.
    private static func checkOutputSize(
        _ name: String, _ input: Tensor, padding: (Int, Int), channels: Int = 1
    ) throws(ParityError) {
        guard input.rank >= 2, padding.0 >= 0, padding.1 >= 0 else { return }
        let planes = input.shape.dropLast(2) + [channels]
        let padded = [input.shape[input.rank - 2] + 2 * padding.0, input.shape[input.rank - 1] + 2 * padding.1]
        guard ParityLimits.elementCount(planes + padded) != nil else {
            throw .malformed("\(name) of input \(input.shape) with padding \(padding) would exceed \(ParityLimits.maximumElements) elements")
        }
    }

    /// Runs an engine layer op, turning its argument errors into malformed-case errors.
    private static func layer(_ body: () throws -> Tensor) throws -> Tensor {
        do {
            return try body()
        } catch let error as TensorError {
            throw ParityError.malformed("\(error)")
        }
    }

    /// Checks a `batch_norm` case: output, gradients and the running statistics after the call.
    func checkBatchNorm(_ c: ParityCase) throws(ParityError) {
        let a = try OpArguments(c)
        func statistic(_ name: String) throws(ParityError) -> Tensor? {
            guard let p = a.param(name) else { return nil }
            guard let values = p.doubleArray else { throw .malformed("\(name) is not a list of numbers") }
            return Tensor(values.map { Float($0) })
        }
        let (runningMean, runningVar) = (try statistic("running_mean"), try statistic("running_var"))
        let output: Tensor
        do {
            output = try Tensor.batchNorm(try a.required("x", "input"), runningMean: runningMean, runningVar: runningVar,
                                          weight: a.input("weight"), bias: a.input("bias"),
                                          training: try a.bool("training", default: false),
                                          momentum: try a.double("momentum", default: 0.1), eps: try a.double("eps", default: 1e-5))
        } catch let error as ParityError {
            throw error
        } catch {
            throw .malformed("\(error)")
        }
        try checkOutputAndGrads(c, a, output)
        guard let after = c.field("running_after") else { return }
        for (key, tensor) in [("mean", runningMean), ("var", runningVar)] {
            guard let expected = c.field(key, in: after) else { continue }
            guard let tensor else { throw .malformed("running_after.\(key) without running_\(key)") }
            try c.compare("running_after.\(key)", expected: expected, actual: tensor)
        }
    }
}

extension OpArguments {
    /// A (height, width) parameter given as one integer or a list of two; `default` nil makes it required.
    func pair(_ name: String, default value: Int?) throws(ParityError) -> (Int, Int) {
        if let p = try optionalPair(name) { return p }
        guard let value else { throw .malformed("lacks \(name)") }
        return (value, value)
    }

    /// A (height, width) parameter, nil when absent or an empty list.
    func optionalPair(_ name: String) throws(ParityError) -> (Int, Int)? {
        guard let p = param(name) else { return nil }
        guard let ints = try dims(name) else { return nil }
        guard ints.count <= 2, p.arrayValue != nil || ints.count == 1 else { throw .malformed("\(name) is not one or two integers") }
        if ints.isEmpty { return nil }
        return ints.count == 1 ? (ints[0], ints[0]) : (ints[0], ints[1])
    }
}
