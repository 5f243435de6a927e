import Testing
@testable import NNEngine

/// Streams of PyTorch's CPU generator after `torch.manual_seed(0)` (values printed by PyTorch).
@Suite("Generator")
struct GeneratorTests {
    func expectClose(_ actual: [Float], _ expected: [Float]) {
        #expect(actual.count == expected.count)
        for (a, e) in zip(actual, expected) { #expect(abs(a - e) < 1e-4, "\(actual) vs \(expected)") }
    }

    @Test func randMatchesTorch() {
        // torch.manual_seed(0); torch.rand(3)
        expectClose(Tensor.rand([3], generator: Generator(seed: 0)).toArray(), [0.4963, 0.7682, 0.0885])
    }

    @Test func smallRandnMatchesTorch() {
        // torch.manual_seed(0); torch.randn(2, 3): fewer than 16 values, double Box-Muller.
        expectClose(Tensor.randn([2, 3], generator: Generator(seed: 0)).toArray(),
                    [1.5410, -0.2934, -2.1788, 0.5684, -1.0845, -1.3986])
    }

    @Test func vectorizedRandnMatchesTorch() {
        // torch.manual_seed(0); torch.randn(4, 4): 16 values, float Box-Muller in blocks of 16.
        expectClose(Tensor.randn([4, 4], generator: Generator(seed: 0)).toArray(),
                    [-1.1258, -1.1524, -0.2506, -0.4339, 0.8487, 0.6920, -0.3160, -2.1152,
                     0.3223, -1.2633, 0.3500, 0.3081, 0.1198, 1.2377, 1.1168, -0.2473])
    }

    @Test func randintMatchesTorch() {
        // torch.manual_seed(0); torch.randint(0, 10, (5,))
        #expect(Tensor.randint(0, 10, [5], generator: Generator(seed: 0)).toArray() == [4, 9, 3, 0, 3])
    }

    @Test func linearInitializationMatchesTorch() {
        // torch.manual_seed(0); nn.Linear(2, 2) and, reseeded, nn.Linear(3, 1).
        let layer = Linear(inFeatures: 2, outFeatures: 2, generator: Generator(seed: 0))
        expectClose(layer.weight.toArray(), [-0.0053, 0.3793, -0.5820, -0.5204])
        expectClose(layer.bias!.toArray(), [-0.2723, 0.1896])
        let single = Linear(inFeatures: 3, outFeatures: 1, generator: Generator(seed: 0))
        expectClose(single.weight.toArray(), [-0.0043, 0.3097, -0.4752])
        expectClose(single.bias!.toArray(), [-0.4249])
    }

    @Test func manualSeedRestartsTheStream() {
        let g = Generator(seed: 7)
        let first = Tensor.randn([5], generator: g).toArray()
        g.manualSeed(7)
        #expect(Tensor.randn([5], generator: g).toArray() == first)
    }
}
