import Testing
@testable import NNEngine

/// A layer's forward product for a few rows, `x @ weight.T (+ bias)` by `nnk_few_rows_product`,
/// equals the sums in double precision to float32 rounding for every row count it takes, numbers
/// of outputs that leave a partial block of 4, with and without a bias.
@Suite("Few-rows product")
struct FewRowsProductTests {
    /// The worst of |out - sum| / (1 + |sum|) over the outputs, sum in double precision.
    static func worstError(_ out: [Float], _ x: Tensor, _ weight: Tensor, _ bias: Tensor?) -> Double {
        let rows = x.shape[0], outputs = weight.shape[0], inputs = weight.shape[1]
        let xs = x.toArray(), ws = weight.toArray(), bs = bias?.toArray()
        var worst = 0.0
        for r in 0..<rows {
            for j in 0..<outputs {
                var sum = bs.map { Double($0[j]) } ?? 0
                for k in 0..<inputs { sum += Double(xs[r * inputs + k]) * Double(ws[j * inputs + k]) }
                worst = max(worst, abs(Double(out[r * outputs + j]) - sum) / (1 + abs(sum)))
            }
        }
        return worst
    }

    @Test("equals the sums in double precision", arguments: [1, 3, 6, 17], [16, 48])
    func equalsTheSumsInDoublePrecision(outputs: Int, inputs: Int) {
        for rows in 1...16 {
            for withBias in [false, true] {
                let seed = UInt64(rows * 10_000 + outputs * 100 + inputs)
                let generator = Generator(seed: seed)
                let x = Tensor.randn([rows, inputs], generator: generator)
                let weight = Tensor.uniform([outputs, inputs], from: -1, to: 1, generator: generator)
                let bias = withBias ? Tensor.randn([outputs], generator: generator) : nil
                let product = Tensor.fewRowsProduct(x, weight, bias)
                #expect(product != nil || !BLAS.hasAVX512Kernels, "seed \(seed)")
                guard let product else { continue }
                #expect(product.shape == [rows, outputs])
                let worst = Self.worstError(product.toArray(), x, weight, bias)
                #expect(worst < 1e-5, "rows \(rows), bias \(withBias), seed \(seed): \(worst)")
            }
        }
    }

    /// A layer of the deep-forward workload's shape through `linear`, as the workload runs it.
    @Test func aLayerOfSixteenRowsThroughLinear() {
        let generator = Generator(seed: 21)
        let x = Tensor.randn([16, 256], generator: generator)
        let weight = Tensor.uniform([256, 256], from: -0.1, to: 0.1, generator: generator)
        let bias = Tensor.randn([256], generator: generator)
        #expect(Self.worstError(linear(x, weight: weight, bias: bias).toArray(), x, weight, bias) < 1e-5, "seed 21")
        #expect(Self.worstError(linear(x, weight: weight).toArray(), x, weight, nil) < 1e-5, "seed 21")
    }

    /// More than 16 rows, or inputs not a multiple of 16, go to OpenBLAS.
    @Test func otherShapesGoToOpenBLAS() {
        let generator = Generator(seed: 5)
        #expect(Tensor.fewRowsProduct(Tensor.randn([17, 32], generator: generator),
                                      Tensor.randn([8, 32], generator: generator), nil) == nil, "seed 5")
        #expect(Tensor.fewRowsProduct(Tensor.randn([4, 20], generator: generator),
                                      Tensor.randn([8, 20], generator: generator), nil) == nil, "seed 5")
    }
}
