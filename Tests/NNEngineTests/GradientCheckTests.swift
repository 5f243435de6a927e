import Testing
@testable import NNEngine

/// Finite-difference checks of every op's backward.
@Suite("Gradient checks")
struct GradientCheckTests {
    /// Values in [-3.5, 3.5] kept at least 0.15 away from the kinks of the piecewise ops.
    static func input(_ shape: [Int], seed: UInt64 = 1) -> Tensor {
        let kinks: [Float] = [0, 1, -1, 3, -3, 6]
        let values = Tensor.uniform(shape, from: -3.5, to: 3.5, generator: Generator(seed: seed)).toArray().map { x in
            kinks.contains { abs(x - $0) < 0.15 } ? x + 0.3 : x
        }
        return Tensor(values, shape: shape)
    }

    static func positive(_ shape: [Int], seed: UInt64 = 2) -> Tensor {
        Tensor.uniform(shape, from: 0.5, to: 3, generator: Generator(seed: seed))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let makeInputs: @Sendable () -> [Tensor]
        let f: @Sendable ([Tensor]) -> Tensor
        var testDescription: String { name }

        init(_ name: String, _ makeInputs: @escaping @Sendable () -> [Tensor], _ f: @escaping @Sendable ([Tensor]) -> Tensor) {
            self.name = name
            self.makeInputs = makeInputs
            self.f = f
        }

        static func unary(_ name: String, positive: Bool = false, _ f: @escaping @Sendable (Tensor) -> Tensor) -> Case {
            Case(name, { [positive ? GradientCheckTests.positive([3, 4]) : GradientCheckTests.input([3, 4])] }) { f($0[0]) }
        }
    }

    static let cases: [Case] = [
        .unary("sigmoid") { $0.sigmoid() },
        .unary("tanh") { $0.tanh() },
        .unary("relu") { $0.relu() },
        .unary("leaky_relu") { $0.leakyReLU(negativeSlope: 0.2) },
        .unary("elu") { $0.elu(alpha: 1.3) },
        .unary("selu") { $0.selu() },
        .unary("celu") { $0.celu(alpha: 1.5) },
        .unary("gelu") { $0.gelu() },
        .unary("gelu_tanh") { $0.gelu(approximate: .tanh) },
        .unary("silu") { $0.silu() },
        .unary("mish") { $0.mish() },
        .unary("softplus") { $0.softplus(beta: 2, threshold: 3) },
        .unary("softsign") { $0.softsign() },
        .unary("hardtanh") { $0.hardtanh(minVal: -1, maxVal: 1) },
        .unary("relu6") { ($0 * 2.5).relu6() },
        .unary("hardsigmoid") { $0.hardsigmoid() },
        .unary("hardswish") { $0.hardswish() },
        .unary("logsigmoid") { $0.logSigmoid() },
        .unary("tanhshrink") { $0.tanhshrink() },
        .unary("softmax") { $0.softmax(dim: 1) },
        .unary("softmax_dim0") { $0.softmax(dim: -2) },
        .unary("log_softmax") { $0.logSoftmax(dim: 1) },
        .unary("softmin") { $0.softmin(dim: 0) },
        .unary("exp") { $0.exp() },
        .unary("abs") { $0.abs() },
        .unary("neg") { -$0 },
        .unary("log", positive: true) { $0.log() },
        .unary("sqrt", positive: true) { $0.sqrt() },
        .unary("log1p", positive: true) { $0.log1p() },
        .unary("expm1") { $0.expm1() },
        .unary("square") { $0.square() },
        .unary("reciprocal", positive: true) { $0.reciprocal() },
        .unary("pow_scalar") { $0.pow(3) },
        .unary("pow_fractional", positive: true) { $0.pow(1.7) },
        .unary("scalar_pow") { Tensor.pow(1.5, $0) },
        Case("pow_tensor", { [positive([3, 4]), input([4])] }) { $0[0].pow($0[1]) },
        Case("add", { [input([2, 3, 4]), input([3, 1], seed: 3)] }) { $0[0] + $0[1] },
        Case("sub", { [input([2, 3, 4]), input([3, 1], seed: 3)] }) { $0[0] - $0[1] },
        Case("mul", { [input([2, 3, 4]), input([3, 1], seed: 3)] }) { $0[0] * $0[1] },
        Case("div", { [input([2, 3, 4]), positive([3, 1])] }) { $0[0] / $0[1] },
        .unary("scalar_arithmetic", positive: true) { (2 - $0) * 3 + 1 / $0 - $0 / 4 },
        Case("matmul_2d", { [input([4, 5]), input([5, 3], seed: 3)] }) { $0[0].matmul($0[1]) },
        Case("matmul_batched", { [input([2, 4, 5]), input([5, 3], seed: 3)] }) { $0[0].matmul($0[1]) },
        Case("matmul_broadcast", { [input([2, 1, 3, 4]), input([3, 4, 2], seed: 3)] }) { $0[0].matmul($0[1]) },
        Case("matmul_vector", { [input([4]), input([2, 4, 3], seed: 3)] }) { $0[0].matmul($0[1]) },
        Case("matmul_dot", { [input([4]), input([4], seed: 3)] }) { $0[0].matmul($0[1]) },
        Case("linear", { [input([5, 4]), input([3, 4], seed: 3), input([3], seed: 4)] }) {
            linear($0[0], weight: $0[1], bias: $0[2])
        },
        Case("linear_batched_no_bias", { [input([2, 3, 4]), input([5, 4], seed: 3)] }) {
            linear($0[0], weight: $0[1])
        },
        Case("linear_vector", { [input([4]), input([2, 4], seed: 3), input([2], seed: 4)] }) {
            linear($0[0], weight: $0[1], bias: $0[2])
        },
        Case("linear_vector_weight", { [input([3, 4]), input([4], seed: 3)] }) { linear($0[0], weight: $0[1]) },
        .unary("sum_all") { $0.sum() },
        .unary("sum_dim") { $0.sum(dim: 1, keepdim: true) },
        Case("sum_dims", { [input([2, 3, 4])] }) { $0[0].sum(dim: [0, -1]) },
        .unary("mean_all") { $0.mean() },
        Case("mean_dim", { [input([2, 3, 4])] }) { $0[0].mean(dim: 1) },
        Case("amax", { [input([3, 4, 5])] }) { $0[0].amax(dim: 1) },
        Case("amin", { [input([3, 4, 5])] }) { $0[0].amin(dim: [0, 2], keepdim: true) },
        Case("var", { [input([3, 4, 5])] }) { $0[0].variance(dim: 1, unbiased: true) },
        Case("var_all", { [input([3, 4])] }) { $0[0].variance(correction: 0) },
        Case("std", { [input([3, 4, 5])] }) { $0[0].std(dim: 2, unbiased: false, keepdim: true) },
        .unary("clamp") { $0.clamp(min: -1, max: 1) },
        Case("maximum", { [input([3, 4]), input([4], seed: 3)] }) { $0[0].maximum($0[1]) },
        Case("minimum", { [input([3, 4]), input([4], seed: 3)] }) { $0[0].minimum($0[1]) },
        Case("where", { [input([3, 4]), input([4], seed: 3)] }) { Tensor.where($0[0].gt(0), $0[0], $0[1]) },
        Case("cat", { [input([2, 3]), input([4, 3], seed: 3)] }) { Tensor.cat([$0[0], $0[1]], dim: 0) },
        Case("stack", { [input([2, 3]), input([2, 3], seed: 3)] }) { Tensor.stack([$0[0], $0[1]], dim: 1) },
        .unary("index_select") { $0.indexSelect(dim: 1, index: [3, 0, 3]) },
        .unary("gather") { $0.gather(dim: 1, index: Tensor([0, 2, 1, 1, 3, 0], shape: [3, 2])) },
        .unary("scatter_add") { Tensor.zeros([3, 5]).scatterAdd(dim: 1, index: Tensor([0, 4, 1, 2, 0, 0, 1, 1, 3, 3, 2, 4], shape: [3, 4]), source: $0) },
        .unary("views") { $0.transpose(0, 1).reshape([2, 6]).unsqueeze(0).expand([3, 2, 6]).squeeze(0) * 1 },
        .unary("permute_contiguous") { $0.reshape([3, 2, 2]).permute([2, 0, 1]).contiguous().flatten() },
        .unary("slice_select") { $0.slice(1, start: 1, end: 4, step: 2) + $0[1].sum() },
    ]

    @Test(arguments: cases)
    func gradientMatchesFiniteDifferences(_ c: Case) {
        let result = GradientCheck.check(c.makeInputs(), c.f)
        #expect(result.passed, "\(c.name): \(result)")
    }

    @Test func checkerCatchesAWrongGradient() {
        // A deliberately wrong backward: d/dx x^2 reported as x.
        let wrong: ([Tensor]) -> Tensor = { xs in
            let x = xs[0]
            return Tensor.makeResult(x.detach() * x.detach(), parents: [x]) { g in [g * x.detach()] }
        }
        #expect(!GradientCheck.check([Self.input([4])], wrong).passed)
    }
}
