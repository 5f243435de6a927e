/// Batch normalization, as `torch.nn.functional.batch_norm` (Ioffe and Szegedy, "Batch
/// Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift", 2015).
///
/// In training mode each channel is normalized by the batch's mean and biased variance, and
/// the running statistics (when given) move towards the batch's mean and unbiased variance:
/// `running = (1 - momentum) * running + momentum * batch`. In evaluation mode the running
/// statistics normalize.
///
/// - Parameters:
///   - input: (N, C) or (N, C, *): channels on dimension 1.
///   - runningMean, runningVar: (C), updated in place in training mode; required in evaluation mode.
///   - weight, bias: (C), the optional affine transform after normalizing.
///   - training: use the batch's statistics.
///   - momentum: the running statistics' update factor.
///   - eps: added to the variance.
public func batchNorm(_ input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil,
                      bias: Tensor? = nil, training: Bool = false, momentum: Double = 0.1, eps: Double = 1e-5) -> Tensor {
    do {
        return try Tensor.batchNorm(input, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
                                    training: training, momentum: momentum, eps: eps)
    } catch {
        preconditionFailure("\(error)")
    }
}

extension Tensor {
    /// `batchNorm`, throwing for arguments that do not fit the input.
    public static func batchNorm(_ input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor?,
                                 bias: Tensor?, training: Bool, momentum: Double, eps: Double) throws(TensorError) -> Tensor {
        guard input.rank >= 2 else { throw .invalidArgument("batch_norm needs an input of 2 or more dimensions, got \(input.shape)") }
        let (n, channels) = (input.shape[0], input.shape[1])
        let inner = input.shape.dropFirst(2).reduce(1, *)
        let perChannel = n * inner
        for (name, t) in [("running_mean", runningMean), ("running_var", runningVar), ("weight", weight), ("bias", bias)] {
            if let t, t.shape != [channels] {
                throw .invalidArgument("batch_norm \(name) of shape \(t.shape) for \(channels) channels")
            }
        }
        if training && perChannel <= 1 {
            throw .invalidArgument("batch_norm expects more than 1 value per channel when training, got input \(input.shape)")
        }
        guard training || (runningMean != nil && runningVar != nil) else {
            throw .invalidArgument("batch_norm in evaluation mode needs running_mean and running_var")
        }
        let x = input.contiguousValues()
        var mean = [Double](repeating: 0, count: channels), invStd = mean
        withExtendedLifetime(x) {
            for c in 0..<channels {
                if training {
                    var sum = 0.0
                    forEachChannelElement(x.base, c, n, channels, inner) { sum += Double($0) }
                    let m = sum / Double(perChannel)
                    var squares = 0.0
                    forEachChannelElement(x.base, c, n, channels, inner) { squares += (Double($0) - m) * (Double($0) - m) }
                    mean[c] = m
                    invStd[c] = 1 / (squares / Double(perChannel) + eps).squareRoot()
                    if let runningMean, let runningVar {
                        let unbiased = squares / Double(perChannel - 1)
                        runningMean.setElement(c, Float((1 - momentum) * Double(runningMean.element(c)) + momentum * m))
                        runningVar.setElement(c, Float((1 - momentum) * Double(runningVar.element(c)) + momentum * unbiased))
                    }
                } else if let runningMean, let runningVar {
                    mean[c] = Double(runningMean.element(c))
                    invStd[c] = 1 / (Double(runningVar.element(c)) + eps).squareRoot()
                }
            }
        }
        let scale = weight?.toArray(), shift = bias?.toArray()
        let normalized = Tensor.uninitialized(input.shape)
        let out = Tensor.uninitialized(input.shape)
        withExtendedLifetime(x) {
            for i in 0..<n {
                for c in 0..<channels {
                    let start = (i * channels + c) * inner
                    let (m, s) = (Float(mean[c]), Float(invStd[c]))
                    let (a, b) = (scale?[c] ?? 1, shift?[c] ?? 0)
                    for j in start..<(start + inner) {
                        let h = (x.base[j] - m) * s
                        normalized.base[j] = h
                        out.base[j] = h * a + b
                    }
                }
            }
        }
        let parents = [input] + [weight, bias].compactMap { $0 }
        return makeResult(out, parents: parents) { gradOutput in
            let gy = gradOutput.contiguousValues()
            var sumG = [Double](repeating: 0, count: channels), sumGH = sumG
            withExtendedLifetime(gy) {
                for i in 0..<n {
                    for c in 0..<channels {
                        let start = (i * channels + c) * inner
                        for j in start..<(start + inner) {
                            sumG[c] += Double(gy.base[j])
                            sumGH[c] += Double(gy.base[j]) * Double(normalized.base[j])
                        }
                    }
                }
            }
            var gx: Tensor?
            if input.requiresGrad {
                let dx = Tensor.uninitialized(input.shape)
                withExtendedLifetime(gy) {
                    for i in 0..<n {
                        for c in 0..<channels {
                            let start = (i * channels + c) * inner
                            let a = Double(scale?[c] ?? 1), s = invStd[c]
                            let meanG = sumG[c] / Double(perChannel), meanGH = sumGH[c] / Double(perChannel)
                            for j in start..<(start + inner) {
                                let g = Double(gy.base[j])
                                dx.base[j] = Float(training
                                    ? a * s * (g - meanG - Double(normalized.base[j]) * meanGH)
                                    : a * s * g)
                            }
                        }
                    }
                }
                gx = dx
            }
            var grads: [Tensor?] = [gx]
            if weight != nil { grads.append(Tensor(sumGH.map { Float($0) }, shape: [channels])) }
            if bias != nil { grads.append(Tensor(sumG.map { Float($0) }, shape: [channels])) }
            return grads
        }
    }

    /// Calls `body` with every element of channel `c` of a contiguous (N, C, inner) buffer.
    private static func forEachChannelElement(_ base: UnsafeMutablePointer<Float>, _ c: Int, _ n: Int, _ channels: Int,
                                              _ inner: Int, _ body: (Float) -> Void) {
        for i in 0..<n {
            let start = (i * channels + c) * inner
            for j in start..<(start + inner) { body(base[j]) }
        }
    }

    /// Element `i` of a 1-D tensor.
    func element(_ i: Int) -> Float { withExtendedLifetime(storage) { base[i * strides[0]] } }

    /// Sets element `i` of a 1-D tensor in place (no graph).
    func setElement(_ i: Int, _ value: Float) { withExtendedLifetime(storage) { base[i * strides[0]] = value } }
}
