import Foundation
import Testing
@testable import NNEngine

/// The engine's savings on small tensors must never be visible: adopted gradients, reused
/// buffers and blocked matrix products give the values of the plain computation.
@Suite("Buffer reuse")
struct BufferReuseTests {
    @Test func leavesOfOneOpGetGradientsOfTheirOwn() throws {
        // `+` hands the same incoming gradient to both inputs: neither may adopt it.
        let a = Tensor([1, 2], requiresGrad: true)
        let b = Tensor([3, 4], requiresGrad: true)
        try (a + b).sum().backward()
        let ga = try #require(a.grad), gb = try #require(b.grad)
        #expect(ga !== gb)
        ga.fill(7)
        #expect(gb.toArray() == [1, 1])
    }

    @Test func adoptedGradientIsNotTheSeedOrAnotherNodesGradient() throws {
        let x = Tensor(3, requiresGrad: true)
        let y = x * x
        y.retainGrad()
        let z = y * 2
        try z.backward()
        let gx = try #require(x.grad), gy = try #require(y.grad)
        #expect(gx.item() == 12)
        #expect(gy.item() == 2)
        gx.fill(0)
        #expect(gy.item() == 2)
        // A second pass accumulates into the adopted gradient.
        try z.backward()
        #expect(x.grad?.item() == 12)
        #expect(y.grad?.item() == 4)
    }

    @Test func aLeafRootCopiesTheGradientItIsGiven() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let upstream = Tensor([5, 6])
        try x.backward(gradient: upstream)
        upstream.fill(0)
        #expect(x.grad?.toArray() == [5, 6])
    }

    @Test func gradientsSummedFromSeveralUsesAreRight() throws {
        // x feeds three ops; its pending gradient is summed in place only when unshared.
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let h = x * 2
        let loss = (h * h).sum() + h.sum() + (h * 3).sum()
        try loss.backward()
        // d/dx of 4x² + 2x + 6x = 8x + 8.
        #expect(x.grad?.toArray() == [16, 24, 32])
    }

    @Test func aSharedGradientIsNeverScaledInPlace() throws {
        // `+` gives one gradient to both products; each must scale its own copy.
        let a = Tensor([1, 2], requiresGrad: true)
        try ((a * 2) + (a * 3)).sum().backward()
        #expect(a.grad?.toArray() == [5, 5])
        // A retained gradient keeps its value when the op below scales the gradient it passes on.
        let x = Tensor(1, requiresGrad: true)
        let y = x * 2
        y.retainGrad()
        try (y * 3).backward()
        #expect(y.grad?.item() == 3)
        #expect(x.grad?.item() == 6)
        // A scalar root's seed is shared by every pass: scaling it would corrupt the next one.
        for _ in 0..<3 {
            let w = Tensor(1, requiresGrad: true)
            try (-(w / 4)).backward()
            #expect(w.grad?.item() == -0.25)
        }
    }

    @Test func reusedBuffersStartFromTheirOwnValues() {
        for round in 0..<4 {
            var scratch: [Tensor] = []
            for i in 0..<100 { scratch.append(Tensor([Float(i), Float(round)])) }
            scratch.removeAll()
            #expect(Tensor.zeros([3]).toArray() == [0, 0, 0])
            #expect(Tensor.ones([2, 2]).toArray() == [1, 1, 1, 1])
            #expect(Tensor([9, 8, 7]).toArray() == [9, 8, 7])
        }
    }

    @Test func aViewKeepsItsBufferWhenItsBaseIsFreed() {
        var view: Tensor?
        do {
            let base = Tensor([1, 2, 3, 4], shape: [2, 2])
            view = base.transpose(0, 1)
        }
        // Tensors made now must not take the buffer the view still reads.
        let others = (0..<100).map { Tensor([Float($0), -1, -2, -3]) }
        #expect(view?.toArray() == [1, 3, 2, 4])
        // No buffer went to two live tensors: each still holds its own values.
        for (i, other) in others.enumerated() { #expect(other.toArray() == [Float(i), -1, -2, -3]) }
    }

    @Test func aBatchThroughAWideLayerMatchesTheDotProducts() {
        // 16 x 256 by 256 x 256: large enough to be computed in blocks of columns where the
        // BLAS has kernels for small products.
        let rows = 16, width = 256
        let generator = Generator(seed: 3)
        let x = Tensor.randn([rows, width], generator: generator)
        let w = Tensor.randn([width, width], generator: generator)
        let y = linear(x, weight: w).toArray()
        let xs = x.toArray(), ws = w.toArray()
        var worst: Double = 0
        for i in 0..<rows {
            for j in 0..<width {
                var dot = 0.0
                for k in 0..<width { dot += Double(xs[i * width + k]) * Double(ws[j * width + k]) }
                worst = max(worst, abs(Double(y[i * width + j]) - dot))
            }
        }
        #expect(worst < 1e-3)
    }
}

@Suite("BLAS set-up")
struct BLASTests {
    /// Whether /proc/cpuinfo lists AVX2 and FMA.
    static let cpuHasAVX2: Bool = {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
        let flags = Set(line.split(separator: " ").map(String.init))
        return flags.contains("avx2") && flags.contains("fma")
    }()

    @Test(.enabled(if: cpuHasAVX2)) func aCPUWithAVX2NeverRunsTheGenericKernels() {
        #expect(BLAS.coreName != BLAS.genericCore)
    }
}
