import Foundation
import Testing
@testable import NNEngine

@Suite("Modules and initializers")
struct ModuleAndInitTests {
    @Test func linearHasPyTorchDefaultBoundsAndNames() {
        let layer = Linear(inFeatures: 16, outFeatures: 8, generator: Generator(seed: 1))
        #expect(layer.namedParameters.map(\.0) == ["weight", "bias"])
        #expect(layer.weight.shape == [8, 16])
        // kaiming_uniform(a: sqrt(5)) and the bias are both uniform in ±1/sqrt(16) = ±0.25.
        let values = layer.weight.toArray() + layer.bias!.toArray()
        #expect(values.allSatisfy { abs($0) <= 0.25 })
        #expect(values.contains { abs($0) > 0.2 })
        #expect(layer.parameters.allSatisfy { $0.requiresGrad })
    }

    @Test func sequentialNamesTrainModeAndZeroGrad() throws {
        let model = Sequential(Linear(inFeatures: 2, outFeatures: 3), Activation.tanh(), Linear(inFeatures: 3, outFeatures: 1))
        #expect(model.namedParameters.map(\.0) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        model.eval()
        #expect(!model.isTraining && !model.modules[0].isTraining)
        model.train()
        #expect(model.modules[2].isTraining)
        let out = model(Tensor([1, 2, 3, 4], shape: [2, 2]))
        #expect(out.shape == [2, 1])
        try out.sum().backward()
        #expect(model.parameters.allSatisfy { $0.grad != nil })
        model.zeroGrad()
        #expect(model.parameters.allSatisfy { $0.grad == nil })
    }

    @Test func gainsAndTheirErrors() throws {
        #expect(try Init.calculateGain(nonlinearity: "tanh") == 5.0 / 3)
        #expect(try Init.calculateGain(nonlinearity: "conv_transpose3d") == 1)
        #expect(try Init.calculateGain(nonlinearity: "leaky_relu") == (2 / 1.0001).squareRoot())
        #expect(try Init.calculateGain(nonlinearity: "leaky_relu", param: 0.2) == (2 / 1.04).squareRoot())
        #expect(throws: InitError.unsupportedNonlinearity("Unsupported nonlinearity softmax")) {
            try Init.calculateGain(nonlinearity: "softmax")
        }
        #expect(throws: InitError.self) { try Init.calculateGain(nonlinearity: "leaky_relu", param: .nan) }
    }

    @Test func fansOfDenseAndConvolutionWeights() throws {
        #expect(try Init.calculateFanInAndFanOut(Tensor.zeros([3, 5])) == (5, 3))
        #expect(try Init.calculateFanInAndFanOut(Tensor.zeros([8, 4, 3, 3])) == (36, 72))
        #expect(throws: InitError.self) { try Init.calculateFanInAndFanOut(Tensor.zeros([5])) }
        #expect(throws: InitError.self) { try Init.kaimingUniform(Tensor.zeros([5])) }
        #expect(throws: InitError.self) { try FanMode(named: "fan_avg") }
    }

    @Test func kaimingUniformBound() throws {
        // relu, fan_in 400: bound sqrt(2) * sqrt(3 / 400).
        let w = try Init.kaimingUniform(Tensor.zeros([300, 400]), nonlinearity: "relu", generator: Generator(seed: 3))
        let bound = Float(2.0.squareRoot() * (3.0 / 400).squareRoot())
        let values = w.toArray()
        #expect(values.allSatisfy { abs($0) <= bound })
        #expect(values.max()! > bound * 0.999)
    }

    @Test func orthogonalRowsAreOrthonormal() throws {
        for shape in [[3, 5], [5, 3], [4, 2, 2]] {
            let w = try Init.orthogonal(Tensor.zeros(shape), gain: 2, generator: Generator(seed: 4))
            let m = w.reshape([shape[0], -1])
            let small = m.shape[0] <= m.shape[1] ? m : m.t
            let gram = small.matmul(small.t).toArray()
            let n = small.shape[0]
            for i in 0..<n {
                for j in 0..<n { #expect(abs(gram[i * n + j] - (i == j ? 4 : 0)) < 1e-4) }
            }
        }
    }

    @Test func truncNormalStaysInBounds() {
        let values = Init.truncNormal(Tensor.zeros([10000]), mean: 1, std: 2, a: 0, b: 1.5, generator: Generator(seed: 5)).toArray()
        #expect(values.allSatisfy { $0 >= 0 && $0 <= 1.5 })
        #expect(values.min()! < 0.01 && values.max()! > 1.49)
    }

    @Test func erfinvInvertsErf() {
        for x in [-0.999, -0.5, 0, 0.1, 0.9, 0.99999] {
            #expect(abs(erf(erfinv(x)) - x) < 1e-12)
        }
    }

    @Test func deterministicInitializers() throws {
        #expect(try Init.eye(Tensor.zeros([2, 3])).toArray() == [1, 0, 0, 0, 1, 0])
        #expect(Init.constant(Tensor.zeros([2]), 0.5).toArray() == [0.5, 0.5])
        let d = try Init.dirac(Tensor.zeros([2, 2, 3]))
        #expect(d.toArray() == [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0])
        #expect(throws: InitError.self) { try Init.eye(Tensor.zeros([2, 2, 2])) }
    }

    @Test(arguments: [Double.nan, .infinity, -0.5, 1.5, 1e300])
    func sparseRefusesASparsityThatIsNotAShare(sparsity: Double) {
        #expect(throws: InitError.self) { try Init.sparse(Tensor.zeros([10, 4]), sparsity: sparsity) }
    }

    @Test func sparseZeroesEachColumn() throws {
        let w = try Init.sparse(Tensor.zeros([10, 4]), sparsity: 0.25, generator: Generator(seed: 6))
        let values = w.toArray()
        for c in 0..<4 {
            #expect((0..<10).filter { values[$0 * 4 + c] == 0 }.count == 3)
        }
    }

    @Test func roundingDivision() {
        let a = Tensor([7, -7, 7.5, -0.5]), b = Tensor(2)
        #expect(a.div(b, roundingMode: .floor).toArray() == [3, -4, 3, -1])
        #expect(a.div(b, roundingMode: .trunc).toArray() == [3, -3, 3, 0])
    }
}
