import Testing
@testable import NNEngine

/// A ReLU layer's weight gradient `gᵀ @ x` computed by skipping the zeros of g equals the dense
/// product to float32 rounding and the sums in double precision, at every edge of its column
/// blocks and for odd numbers of outputs (the last of a pair alone).
@Suite("Weight gradient")
struct WeightGradientTests {
    /// g of rows x outputs with about `zeros` of it zero, x of rows x inputs starting `shift`
    /// floats into its storage (the kernel aligns its loads itself).
    static func operands(rows: Int, outputs: Int, inputs: Int, zeros: Float, shift: Int, seed: UInt64)
        -> (g: Tensor, x: Tensor) {
        let generator = Generator(seed: seed)
        let values = Tensor.uniform([rows * outputs], from: -1, to: 1, generator: generator).toArray()
        let draws = Tensor.uniform([rows * outputs], from: 0, to: 1, generator: generator).toArray()
        let g = Tensor(zip(values, draws).map { $1 < zeros ? 0 : $0 }, shape: [rows, outputs])
        let padded = Tensor.randn([rows * inputs + shift], generator: generator)
        let x = Tensor(storage: padded.storage, shape: [rows, inputs], strides: [inputs, 1], offset: shift)
        return (g, x)
    }

    @Test("skipping zeros equals the dense product", arguments: [
        (64, 100, 300, 0), (64, 256, 784, 6), (37, 33, 129, 3), (5, 3, 7, 1), (64, 10, 19, 0), (17, 40, 250, 13),
    ])
    func skippingZerosEqualsTheDenseProduct(rows: Int, outputs: Int, inputs: Int, shift: Int) {
        let seed = UInt64(rows * 1000 + inputs)
        let (g, x) = Self.operands(rows: rows, outputs: outputs, inputs: inputs, zeros: 0.5, shift: shift, seed: seed)
        let dense = Tensor.gemm(g, x, transposeA: true, transposeB: false).toArray()
        let product = Tensor.uninitialized([outputs, inputs])
        let took = Tensor.weightGradientSkippingZeros(g, x, into: product)
        #expect(took || !BLAS.hasAVX512Kernels, "seed \(seed)")
        let sparse = took ? product.toArray() : dense
        let gs = g.toArray(), xs = x.toArray()
        var worstDense: Float = 0, worstExact = 0.0
        for j in 0..<outputs {
            for k in 0..<inputs {
                var sum = 0.0
                for r in 0..<rows { sum += Double(gs[r * outputs + j]) * Double(xs[r * inputs + k]) }
                let i = j * inputs + k
                worstExact = max(worstExact, abs(Double(sparse[i]) - sum) / (1 + abs(sum)))
                worstDense = max(worstDense, abs(sparse[i] - dense[i]) / (1 + abs(dense[i])))
            }
        }
        #expect(worstExact < 1e-5, "seed \(seed)")
        #expect(worstDense < 1e-5, "seed \(seed)")
    }

    /// An infinity in x makes its column NaN wherever g is zero (0 * inf), as in the dense product:
    /// the kernel leaves such an input to it, and the layer's gradient has the dense product's NaNs.
    @Test func anInfiniteInputGoesToTheDenseProduct() {
        let (g, x) = Self.operands(rows: 64, outputs: 64, inputs: 100, zeros: 0.5, shift: 0, seed: 7)
        var values = x.toArray()
        values[3 * 100 + 4] = .infinity
        let infinite = Tensor(values, shape: [64, 100])
        #expect(!Tensor.weightGradientSkippingZeros(g, infinite, into: Tensor.uninitialized([64, 100])), "seed 7")
        let product = Tensor.weightGradient(g, infinite, skippingZeros: true).toArray()
        let dense = Tensor.gemm(g, infinite, transposeA: true, transposeB: false).toArray()
        let productNaNs = product.map { $0.isNaN }, denseNaNs = dense.map { $0.isNaN }
        #expect(productNaNs == denseNaNs, "seed 7")
        #expect(productNaNs.contains(true), "seed 7")
    }

    /// A gradient with few zeros goes to the dense product, which is then faster.
    @Test func aDenseGradientGoesToTheDenseProduct() {
        let (g, x) = Self.operands(rows: 64, outputs: 64, inputs: 100, zeros: 0.1, shift: 0, seed: 9)
        #expect(!Tensor.weightGradientSkippingZeros(g, x, into: Tensor.uninitialized([64, 100])), "seed 9")
        let product = Tensor.weightGradient(g, x, skippingZeros: true).toArray()
        #expect(product == Tensor.gemm(g, x, transposeA: true, transposeB: false).toArray(), "seed 9")
    }
}
