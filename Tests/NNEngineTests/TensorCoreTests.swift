import Foundation
import Testing
@testable import NNEngine

@Suite("Tensor core")
struct TensorCoreTests {
    @Test func shapesAndValues() {
        let t = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(t.shape == [2, 3])
        #expect(t.count == 6)
        #expect(t.toArray() == [1, 2, 3, 4, 5, 6])
        #expect(Tensor(3.5).item() == 3.5)
        #expect(Tensor(3.5).shape == [])
    }

    @Test func validatingInitThrows() {
        #expect(throws: TensorError.countMismatch(count: 3, shape: [2, 2])) {
            try Tensor(validating: [1, 2, 3], shape: [2, 2])
        }
    }

    @Test func broadcastingArithmetic() {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = Tensor([10, 20, 30], shape: [3])
        #expect((a + b).toArray() == [11, 22, 33, 14, 25, 36])
        let c = Tensor([1, 2], shape: [2, 1])
        #expect((a * c).toArray() == [1, 2, 3, 8, 10, 12])
        #expect((a - 1).toArray() == [0, 1, 2, 3, 4, 5])
        #expect((12 / a).toArray() == [12, 6, 4, 3, 2.4, 2])
        #expect((-a).toArray() == [-1, -2, -3, -4, -5, -6])
        #expect(broadcastShapes([2, 1, 4], [3, 1]) == [2, 3, 4])
        #expect(broadcastShapes([2, 3], [4]) == nil)
    }

    @Test func viewsShareStorageAndTranspose() {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let t = a.transpose(0, 1)
        #expect(t.shape == [3, 2])
        #expect(t.toArray() == [1, 4, 2, 5, 3, 6])
        #expect(t.reshape([6]).toArray() == [1, 4, 2, 5, 3, 6])
        #expect(a.unsqueeze(1).shape == [2, 1, 3])
        #expect(a.unsqueeze(-1).shape == [2, 3, 1])
        #expect(a.slice(1, start: 1).toArray() == [2, 3, 5, 6])
        #expect(a[1].toArray() == [4, 5, 6])
        #expect(Tensor([1, 2], shape: [2, 1]).expand([2, 3]).toArray() == [1, 1, 1, 2, 2, 2])
    }

    @Test func reductions() {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(a.sum().item() == 21)
        #expect(a.sum(dim: 0).toArray() == [5, 7, 9])
        #expect(a.sum(dim: 1, keepdim: true).shape == [2, 1])
        #expect(a.mean(dim: -1).toArray() == [2, 5])
        #expect(a.amax(dim: 0).toArray() == [4, 5, 6])
        #expect(a.variance(dim: 1).toArray() == [1, 1])
        #expect(a.argmax(dim: 1).toArray() == [2, 2])
    }

    @Test func creation() {
        #expect(Tensor.arange(5).toArray() == [0, 1, 2, 3, 4])
        #expect(Tensor.linspace(0, 1, steps: 5).toArray() == [0, 0.25, 0.5, 0.75, 1])
        #expect(Tensor.eye(2).toArray() == [1, 0, 0, 1])
        #expect(Tensor.full([2], 7).toArray() == [7, 7])
        let g1 = Generator(seed: 42), g2 = Generator(seed: 42)
        #expect(Tensor.randn([20], generator: g1).toArray() == Tensor.randn([20], generator: g2).toArray())
        let perm = Tensor.randperm(10, generator: g1).toArray().sorted()
        #expect(perm == (0..<10).map(Float.init))
    }

    @Test func mersenneTwisterMatchesReference() {
        // The 10000th output of mt19937 seeded with 5489 is 4123659995 (C++ [rand.predef]).
        let g = Generator(seed: 5489)
        var last: UInt32 = 0
        for _ in 0..<10000 { last = g.random() }
        #expect(last == 4_123_659_995)
    }

    @Test func gradientsAccumulateUntilCleared() throws {
        let x = Tensor(3, requiresGrad: true)
        for _ in 0..<2 {
            let y = (2 * x).pow(2)
            try y.backward()
        }
        // d/dx (2x)^2 = 8x = 24, twice.
        #expect(x.grad?.item() == 48)
        x.zeroGrad()
        try (x * x).backward()
        #expect(x.grad?.item() == 6)
    }

    @Test func retainGradKeepsIntermediate() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = x * 3
        y.retainGrad()
        let z = (y * y).sum()
        try z.backward()
        #expect(y.grad?.toArray() == [6, 12])
        #expect(x.grad?.toArray() == [18, 36])
    }

    @Test func backwardErrors() {
        let x = Tensor([1, 2], requiresGrad: true)
        #expect(throws: AutogradError.nonScalarOutput(shape: [2])) { try (x * 2).backward() }
        #expect(throws: AutogradError.doesNotRequireGrad) { try Tensor(1).backward() }
    }

    @Test func backwardWithGradient() throws {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        try (x * x).backward(gradient: Tensor([1, 0, 2]))
        #expect(x.grad?.toArray() == [2, 0, 12])
    }

    @Test func noGradAndDetach() {
        let x = Tensor(2, requiresGrad: true)
        let y = noGrad { x * 3 }
        #expect(!y.requiresGrad)
        #expect((x * 3).requiresGrad)
        #expect(!x.detach().requiresGrad)
        #expect(GradMode.isEnabled)
    }

    @Test func noGradIsThreadLocal() {
        final class Flag: @unchecked Sendable { var value = false }
        let flag = Flag()
        noGrad {
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                flag.value = GradMode.isEnabled
                done.signal()
            }
            thread.start()
            done.wait()
            #expect(!GradMode.isEnabled)
        }
        #expect(flag.value)
    }

    @Test func customOpThroughMakeResult() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let values = x.toArray().map { $0 * $0 * $0 }
        let y = Tensor.makeResult(values: values, shape: [2], parents: [x]) { g in
            [g * (3 * x.detach() * x.detach())]
        }
        try y.sum().backward()
        #expect(x.grad?.toArray() == [3, 12])
    }

    @Test func inPlaceUpdateRecordsNothing() throws {
        let w = Tensor([1, 2], requiresGrad: true)
        try (w * w).sum().backward()
        w -= 0.5 * w.grad!
        #expect(w.toArray() == [0, 0])
        #expect(w.isLeaf)
        w.withUnsafeMutableBufferPointer { $0[1] = 5 }
        #expect(w.toArray() == [0, 5])
    }

    @Test func sharedInputGetsBothContributions() throws {
        let x = Tensor([1, 2, 3], shape: [3], requiresGrad: true)
        let y = (x + x) * x
        try y.sum().backward()
        #expect(x.grad?.toArray() == [4, 8, 12])
    }

    @Test func broadcastGradientsReduceToInputShape() throws {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3], requiresGrad: true)
        let b = Tensor([1, 2, 3], shape: [3], requiresGrad: true)
        try (a * b).sum().backward()
        #expect(b.grad?.toArray() == [5, 7, 9])
        #expect(a.grad?.toArray() == [1, 2, 3, 1, 2, 3])
    }
}

@Suite("Tensor ops")
struct TensorOpTests {
    @Test func matmulShapes() {
        let a = Tensor.ones([2, 1, 3, 4]), b = Tensor.ones([5, 4, 2])
        #expect(a.matmul(b).shape == [2, 5, 3, 2])
        #expect(Tensor.ones([4]).matmul(Tensor.ones([4, 2])).shape == [2])
        #expect(Tensor.ones([3, 4]).matmul(Tensor.ones([4])).shape == [3])
        #expect(Tensor([1, 2, 3]).matmul(Tensor([4, 5, 6])).item() == 32)
        let m = Tensor([1, 2, 3, 4], shape: [2, 2])
        #expect(m.matmul(m).toArray() == [7, 10, 15, 22])
        #expect(linear(Tensor([1, 1], shape: [1, 2]), weight: m, bias: Tensor([1, -1])).toArray() == [4, 6])
    }

    @Test func softmaxRowsSumToOneAndLogSoftmaxAgrees() {
        let x = Tensor([1, 2, 3, 1000, 1000, 1000], shape: [2, 3])
        let s = x.softmax(dim: -1).toArray()
        #expect(abs(s[0] + s[1] + s[2] - 1) < 1e-6)
        #expect(s[3...].allSatisfy { abs($0 - 1.0 / 3) < 1e-6 })
        let l = x.logSoftmax(dim: 1).toArray()
        #expect(abs(l[0] - log(s[0])) < 1e-5)
    }

    @Test func amaxSplitsGradientAmongTies() throws {
        let x = Tensor([1, 3, 3, 2], shape: [4], requiresGrad: true)
        try x.amax(dim: 0).backward()
        #expect(x.grad?.toArray() == [0, 0.5, 0.5, 0])
        let y = Tensor([2, 2], requiresGrad: true), z = Tensor([2, 1], requiresGrad: true)
        try y.maximum(z).sum().backward()
        #expect(y.grad?.toArray() == [0.5, 1])
        #expect(z.grad?.toArray() == [0.5, 0])
    }

    @Test func varianceAndStd() {
        let x = Tensor([1, 2, 3, 4], shape: [2, 2])
        #expect(x.variance().item() == Float(5.0 / 3))
        #expect(x.variance(correction: 0).item() == 1.25)
        #expect(x.std(dim: 0, unbiased: false).toArray() == [1, 1])
    }

    @Test func indexing() {
        let x = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(x.indexSelect(dim: 1, index: [2, 0]).toArray() == [3, 1, 6, 4])
        #expect(x.gather(dim: 1, index: Tensor([2, 2, 0, 1], shape: [2, 2])).toArray() == [3, 3, 4, 5])
        #expect(Tensor.cat([x, x], dim: 1).shape == [2, 6])
        #expect(Tensor.stack([x, x]).shape == [2, 2, 3])
        #expect(Tensor.where(x.gt(3), x, Tensor(0)).toArray() == [0, 0, 0, 4, 5, 6])
        #expect(x.clamp(min: 2, max: 5).toArray() == [2, 2, 3, 4, 5, 5])
    }

    @Test func powForms() {
        let x = Tensor([1, 2, 3])
        #expect((x ** 2).toArray() == [1, 4, 9])
        #expect((2 ** x).toArray() == [2, 4, 8])
        #expect(x.pow(Tensor([2, 1, 0])).toArray() == [1, 2, 1])
    }
}

@Suite("Views")
struct ViewTests {
    @Test func narrowAndSliceCountNegativesFromTheEnd() {
        let x = Tensor([0, 1, 2, 3, 4])
        #expect(x.narrow(0, start: -2, length: 2).toArray() == [3, 4])
        #expect(x.slice(0, start: -3, end: -1).toArray() == [2, 3])
        #expect(x.slice(0, start: 0, step: 2).toArray() == [0, 2, 4])
        #expect(x.select(0, -1).item() == 4)
    }

    @Test func viewGradientsLandInPlace() throws {
        let x = Tensor([0, 1, 2, 3, 4, 5], shape: [2, 3], requiresGrad: true)
        try x.slice(1, start: 1).sum().backward()
        #expect(x.grad?.toArray() == [0, 1, 1, 0, 1, 1])
    }
}

@Suite("Backward order")
struct BackwardOrderTests {
    @Test func sharedIntermediateWaitsForAllItsConsumers() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = x * 2
        let z = (y * y + y).sum()
        try z.backward()
        // dz/dx = (2y + 1) * 2 with y = 2x.
        #expect(x.grad?.toArray() == [10, 18])
    }

    @Test func deepChainsNeedNoRecursion() throws {
        let x = Tensor(1, requiresGrad: true)
        var y = x
        for _ in 0..<100_000 { y = y * 1 }
        try y.backward()
        #expect(x.grad?.item() == 1)
    }
}

@Suite("Graph lifetime")
struct GraphLifetimeTests {
    @Test func droppedResultsAreFreed() {
        weak var activation: Tensor?
        weak var softmax: Tensor?
        do {
            let x = Tensor([1, 2], requiresGrad: true)
            let a = x.sigmoid(), s = x.softmax(dim: 0)
            activation = a
            softmax = s
            #expect(activation != nil && softmax != nil)
        }
        #expect(activation == nil)
        #expect(softmax == nil)
    }
}
