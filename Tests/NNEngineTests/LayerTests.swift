import Testing
@testable import NNEngine

/// Convolution, pooling, batch normalization and dropout: gradients by finite differences,
/// values by direct loops and by the statistics' definitions.
@Suite("Layers")
struct LayerTests {
    static func input(_ shape: [Int], seed: UInt64) -> Tensor {
        Tensor.uniform(shape, from: -1, to: 1, generator: Generator(seed: seed))
    }

    /// Values spaced 0.1 apart in random order: no ties, and a finite-difference step never changes the argmax.
    static func distinct(_ shape: [Int], seed: UInt64) -> Tensor {
        let count = shape.reduce(1, *)
        let order = Tensor.randperm(count, generator: Generator(seed: seed)).toArray()
        return Tensor(order.map { $0 * 0.1 - Float(count) * 0.05 }, shape: shape)
    }

    /// `Sequential` runs a Linear and the ReLU after it as one op: its output and every gradient
    /// equal, bit for bit, those of the product, the bias and ReLU as separate ops.
    @Test(arguments: [[5, 7], [2, 3, 7], [7]])
    func linearThenReLUInOneOpEqualsTheSeparateOps(shape: [Int]) throws {
        let seed: UInt64 = 21
        let layer = Linear(inFeatures: 7, outFeatures: 6, generator: Generator(seed: seed))
        let model = Sequential(layer, Activation.relu(), Linear(inFeatures: 6, outFeatures: 3, generator: Generator(seed: seed + 1)))
        let x = Self.input(shape, seed: seed + 2)
        x.requiresGrad = true
        let fused = model(x)
        try (fused * fused).sum().backward()
        let fusedGrads = [x, layer.weight, layer.bias!].map { $0.grad!.toArray() }
        for tensor in [x, layer.weight, layer.bias!] { tensor.zeroGrad() }
        let last = model.modules[2] as! Linear
        for tensor in [last.weight, last.bias!] { tensor.zeroGrad() }
        let product = Tensor.affine(x, layer.weight, nil, relu: false)
        let separate = last(Activation.relu()(product + layer.bias!))
        try (separate * separate).sum().backward()
        #expect(fused.toArray() == separate.toArray(), "seed \(seed)")
        #expect(fused.shape == separate.shape)
        let separateGrads = [x, layer.weight, layer.bias!].map { $0.grad!.toArray() }
        #expect(fusedGrads == separateGrads, "seed \(seed)")
    }

    /// A batch of up to 64 rows into a wide layer runs its product in blocks of columns for
    /// OpenBLAS's small-product kernels where those are preferred (AMD's Zen 4), or, from inputs
    /// too wide for those (1800 here) and elsewhere, transposed
    /// (`weight @ x.T`) with an epilogue that transposes it as it adds the bias and clamps, where
    /// OpenBLAS's AVX-512 kernels are in use: every value is the product, bias and ReLU computed in
    /// double precision to float32's rounding, edges of the blocks included.
    @Test("a wide layer's product, bias and ReLU", arguments: [
        (37, true, true, 450), (64, true, false, 450), (37, false, true, 450), (64, false, false, 450),
        (37, true, true, 1800), (64, false, true, 1800),
    ])
    func wideLayerEqualsTheProductBiasAndReLU(rows: Int, bias: Bool, relu: Bool, inFeatures: Int) throws {
        let seed: UInt64 = 31
        let outFeatures = 100
        let transposed = Tensor.productRunsTransposed(rows: rows, inFeatures: inFeatures, outFeatures: outFeatures)
        if BLAS.smallProductsPreferred { #expect(transposed == (inFeatures == 1800)) }
        let layer = Linear(inFeatures: inFeatures, outFeatures: outFeatures, bias: bias, generator: Generator(seed: seed))
        let x = Self.input([rows, inFeatures], seed: seed + 1)
        let out = linear(x, weight: layer.weight, bias: layer.bias, relu: relu)
        #expect(out.shape == [rows, outFeatures])
        let xs = x.toArray(), ws = layer.weight.toArray(), bs = layer.bias?.toArray(), ys = out.toArray()
        var worst = 0.0
        for r in 0..<rows {
            for j in 0..<outFeatures {
                var sum = 0.0
                for k in 0..<inFeatures { sum += Double(xs[r * inFeatures + k]) * Double(ws[j * inFeatures + k]) }
                if let bs { sum += Double(bs[j]) }
                if relu { sum = max(sum, 0) }
                worst = max(worst, abs(Double(ys[r * outFeatures + j]) - sum) / (1 + abs(sum)))
            }
        }
        #expect(worst < 1e-5, "seed \(seed), transposed \(transposed)")
    }

    /// A batch of 64 through Linear(300, 100) then ReLU: the product (blocks of 16 columns), the
    /// weight's gradient (blocks of 144 columns of the transposed batch) and the input's (blocks
    /// of 144) where OpenBLAS has small-product kernels, in one call elsewhere, each equal to its
    /// sums computed in double precision to float32's rounding, the blocks' edges included.
    @Test func aLayerInBlocksOfColumnsEqualsItsSums() throws {
        let seed: UInt64 = 41
        let rows = 64, inFeatures = 300, outFeatures = 100
        let layer = Linear(inFeatures: inFeatures, outFeatures: outFeatures, generator: Generator(seed: seed))
        let x = Self.input([rows, inFeatures], seed: seed + 1)
        x.requiresGrad = true
        let upstream = Self.input([rows, outFeatures], seed: seed + 2)
        let out = linear(x, weight: layer.weight, bias: layer.bias, relu: true)
        try (out * upstream).sum().backward()
        if BLAS.smallProductsPreferred {
            #expect(BLAS.smallProductColumns(m: rows, n: outFeatures, k: inFeatures, transposeA: false, transposeB: true) == 16)
            #expect(BLAS.smallProductColumns(m: outFeatures, n: inFeatures, k: rows, transposeA: true, transposeB: false) == 144)
            #expect(BLAS.smallProductColumns(m: rows, n: inFeatures, k: outFeatures, transposeA: false, transposeB: false) == 144)
        }
        let xs = x.toArray(), ws = layer.weight.toArray(), bs = layer.bias!.toArray(), ys = out.toArray()
        let us = upstream.toArray()
        var gz = [Double](repeating: 0, count: rows * outFeatures)
        var worstOut = 0.0
        for r in 0..<rows {
            for j in 0..<outFeatures {
                var sum = Double(bs[j])
                for k in 0..<inFeatures { sum += Double(xs[r * inFeatures + k]) * Double(ws[j * inFeatures + k]) }
                worstOut = max(worstOut, abs(Double(ys[r * outFeatures + j]) - max(sum, 0)) / (1 + abs(sum)))
                gz[r * outFeatures + j] = sum > 0 ? Double(us[r * outFeatures + j]) : 0
            }
        }
        let gw = layer.weight.grad!.toArray(), gx = x.grad!.toArray()
        var worstWeight = 0.0, worstInput = 0.0
        for j in 0..<outFeatures {
            for k in 0..<inFeatures {
                var sum = 0.0
                for r in 0..<rows { sum += gz[r * outFeatures + j] * Double(xs[r * inFeatures + k]) }
                worstWeight = max(worstWeight, abs(Double(gw[j * inFeatures + k]) - sum) / (1 + abs(sum)))
            }
        }
        for r in 0..<rows {
            for k in 0..<inFeatures {
                var sum = 0.0
                for j in 0..<outFeatures { sum += gz[r * outFeatures + j] * Double(ws[j * inFeatures + k]) }
                worstInput = max(worstInput, abs(Double(gx[r * inFeatures + k]) - sum) / (1 + abs(sum)))
            }
        }
        #expect(worstOut < 1e-5, "seed \(seed)")
        #expect(worstWeight < 1e-5, "seed \(seed)")
        #expect(worstInput < 1e-5, "seed \(seed)")
    }

    @Test("conv2d gradients", arguments: [
        (stride: (1, 1), padding: Conv2dPadding.explicit(0, 0), dilation: (1, 1), groups: 1),
        (stride: (2, 1), padding: .explicit(1, 2), dilation: (1, 1), groups: 1),
        (stride: (1, 1), padding: .explicit(2, 1), dilation: (2, 1), groups: 2),
        (stride: (1, 1), padding: .same, dilation: (1, 2), groups: 1),
    ])
    func conv2dGradients(_ p: (stride: (Int, Int), padding: Conv2dPadding, dilation: (Int, Int), groups: Int)) {
        let x = Self.input([2, 2, 6, 5], seed: 1)
        let w = Self.input([4, 2 / p.groups, 3, 2], seed: 2)
        let b = Self.input([4], seed: 3)
        let result = GradientCheck.check([x, w, b]) {
            conv2d($0[0], weight: $0[1], bias: $0[2], stride: p.stride, padding: p.padding, dilation: p.dilation, groups: p.groups)
        }
        #expect(result.passed, "\(result)")
    }

    @Test("conv2d equals the direct sum, with PyTorch's asymmetric 'same' padding")
    func conv2dDirect() {
        let x = Self.input([1, 1, 5, 6], seed: 4), w = Self.input([1, 1, 4, 4], seed: 5)
        let y = conv2d(x, weight: w, padding: .same)
        #expect(y.shape == [1, 1, 5, 6])
        let xs = x.toArray(), ws = w.toArray(), ys = y.toArray()
        // Total padding 3 per side pair: 1 before, 2 after.
        for oy in 0..<5 {
            for ox in 0..<6 {
                var sum: Float = 0
                for ky in 0..<4 {
                    for kx in 0..<4 {
                        let iy = oy - 1 + ky, ix = ox - 1 + kx
                        if (0..<5).contains(iy) && (0..<6).contains(ix) { sum += xs[iy * 6 + ix] * ws[ky * 4 + kx] }
                    }
                }
                #expect(abs(ys[oy * 6 + ox] - sum) < 1e-5)
            }
        }
    }

    @Test("conv2d of an unbatched input equals a batch of one")
    func conv2dUnbatched() {
        let x = Self.input([2, 5, 5], seed: 15), w = Self.input([3, 2, 3, 3], seed: 16)
        let single = conv2d(x, weight: w, padding: .explicit(1, 1))
        #expect(single.shape == [3, 5, 5])
        #expect(single.toArray() == conv2d(x.unsqueeze(0), weight: w, padding: .explicit(1, 1)).toArray())
        let result = GradientCheck.check([x, w]) { conv2d($0[0], weight: $0[1], stride: (2, 2)) }
        #expect(result.passed, "\(result)")
    }

    @Test("conv2d argument errors are thrown")
    func conv2dErrors() {
        let x = Tensor.zeros([1, 3, 4, 4])
        #expect(throws: TensorError.self) {
            try Tensor.conv2d(x, weight: Tensor.zeros([2, 2, 3, 3]), bias: nil, stride: (1, 1), padding: .valid, dilation: (1, 1), groups: 1)
        }
        #expect(throws: TensorError.self) {
            try Tensor.conv2d(x, weight: Tensor.zeros([2, 3, 5, 5]), bias: nil, stride: (1, 1), padding: .valid, dilation: (1, 1), groups: 1)
        }
    }

    @Test("max_pool2d gradients", arguments: [(2, 2, 0, 1, false), (3, 2, 1, 1, true), (2, 1, 1, 2, false), (3, 3, 1, 1, true)])
    func maxPoolGradients(_ p: (Int, Int, Int, Int, Bool)) {
        let x = Self.distinct([2, 2, 7, 6], seed: 6)
        let result = GradientCheck.check([x], eps: 1e-3) {
            maxPool2d($0[0], kernelSize: (p.0, p.0), stride: (p.1, p.1), padding: (p.2, p.2), dilation: (p.3, p.3), ceilMode: p.4)
        }
        #expect(result.passed, "\(result)")
    }

    @Test("max_pool2d takes the first of equal maxima, and its gradient goes there")
    func maxPoolTies() throws {
        let x = Tensor([1, 5, 5, 2], shape: [1, 1, 2, 2], requiresGrad: true)
        let y = maxPool2d(x, kernelSize: (2, 2))
        #expect(y.toArray() == [5])
        try y.sum().backward()
        #expect(x.grad?.toArray() == [0, 1, 0, 0])
    }

    @Test("avg_pool2d gradients", arguments: [(2, 2, 0, false, true, nil), (3, 2, 1, true, false, nil), (3, 2, 1, true, true, nil), (2, 1, 1, false, true, 3)] as [(Int, Int, Int, Bool, Bool, Int?)])
    func avgPoolGradients(_ p: (Int, Int, Int, Bool, Bool, Int?)) {
        let x = Self.input([2, 2, 7, 6], seed: 7)
        let result = GradientCheck.check([x]) {
            avgPool2d($0[0], kernelSize: (p.0, p.0), stride: (p.1, p.1), padding: (p.2, p.2), ceilMode: p.3,
                      countIncludePad: p.4, divisorOverride: p.5)
        }
        #expect(result.passed, "\(result)")
    }

    @Test("avg_pool2d divisors at a padded corner")
    func avgPoolDivisors() {
        let x = Tensor.ones([1, 1, 2, 2])
        // The window at (0, 0) covers one padded row and column: 4 input ones in a 3x3 window.
        #expect(avgPool2d(x, kernelSize: (3, 3), stride: (1, 1), padding: (1, 1)).toArray()[0] == Float(4) / 9)
        #expect(avgPool2d(x, kernelSize: (3, 3), stride: (1, 1), padding: (1, 1), countIncludePad: false).toArray()[0] == 1)
        #expect(avgPool2d(x, kernelSize: (3, 3), stride: (1, 1), padding: (1, 1), divisorOverride: 2).toArray()[0] == 2)
    }

    @Test("batch_norm gradients", arguments: [(true, [5, 3]), (true, [3, 2, 3, 2]), (false, [3, 2, 3, 2]), (true, [4, 2, 3])])
    func batchNormGradients(_ p: (Bool, [Int])) {
        let channels = p.1[1]
        let x = Self.input(p.1, seed: 8)
        let w = Self.input([channels], seed: 9), b = Self.input([channels], seed: 10)
        let mean = Self.input([channels], seed: 11), variance = Tensor.uniform([channels], from: 0.5, to: 2, generator: Generator(seed: 12))
        let result = GradientCheck.check([x, w, b]) {
            batchNorm($0[0], runningMean: p.0 ? nil : mean, runningVar: p.0 ? nil : variance, weight: $0[1], bias: $0[2],
                      training: p.0)
        }
        #expect(result.passed, "\(result)")
    }

    @Test("BatchNorm1d normalizes by batch statistics and tracks the unbiased variance")
    func batchNormRunningStatistics() {
        let bn = BatchNorm1d(numFeatures: 1, momentum: 0.5)
        let y = bn(Tensor([1, 2, 3, 4], shape: [4, 1]))
        // mean 2.5, biased variance 1.25, unbiased 5/3.
        let expected = [1, 2, 3, 4].map { (Float($0) - 2.5) / (1.25 + 1e-5).squareRoot() }
        for (a, e) in zip(y.toArray(), expected) { #expect(abs(a - e) < 1e-5) }
        #expect(abs(bn.runningMean!.toArray()[0] - 1.25) < 1e-6)
        #expect(abs(bn.runningVar!.toArray()[0] - (0.5 + 0.5 * 5 / 3)) < 1e-6)
        bn.eval()
        let z = bn(Tensor([1.25], shape: [1, 1]))
        #expect(abs(z.item()) < 1e-6)
        #expect(bn.namedBuffers.map(\.0) == ["running_mean", "running_var", "num_batches_tracked"])
    }

    @Test("BatchNorm2d with momentum nil keeps the cumulative average")
    func batchNormCumulative() {
        let bn = BatchNorm2d(numFeatures: 1, momentum: nil)
        _ = bn(Tensor.full([2, 1, 2, 2], 2))
        _ = bn(Tensor.full([2, 1, 2, 2], 4))
        #expect(abs(bn.runningMean!.item() - 3) < 1e-6)
        #expect(bn.numBatchesTracked!.item() == 2)
    }

    @Test("Dropout keeps 1-p of the elements scaled by 1/(1-p) in training, and nothing changes in eval")
    func dropoutStatistics() {
        let dropout = Dropout(p: 0.3, generator: Generator(seed: 13))
        let n = 100_000
        let y = dropout(Tensor.ones([n])).toArray()
        let kept = y.filter { $0 != 0 }
        #expect(kept.allSatisfy { abs($0 - 1 / 0.7) < 1e-6 })
        // The kept fraction is binomial: standard deviation sqrt(0.3 * 0.7 / n) ≈ 0.0014.
        #expect(abs(Double(kept.count) / Double(n) - 0.7) < 0.01)
        let mean = y.reduce(0, +) / Float(n)
        #expect(abs(mean - 1) < 0.02)
        dropout.eval()
        #expect(dropout(Tensor.ones([10])).toArray() == [Float](repeating: 1, count: 10))
    }

    @Test("Conv2d's default initialization lies in ±1/sqrt(fanIn); Flatten keeps the batch")
    func conv2dModule() {
        let conv = Conv2d(3, 8, kernelSize: 5, generator: Generator(seed: 14))
        let bound: Float = 1 / (3 * 25 as Float).squareRoot()
        #expect(conv.weight.toArray().allSatisfy { abs($0) <= bound })
        #expect(conv.weight.toArray().contains { abs($0) > bound * 0.9 })
        let y = Flatten()(conv(Tensor.zeros([2, 3, 8, 8])))
        #expect(y.shape == [2, 8 * 4 * 4])
        #expect(conv.namedParameters.map(\.0) == ["weight", "bias"])
    }
}
