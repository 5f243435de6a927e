import Foundation
import Testing
@testable import NNEngine

@Suite("tanh kernel")
struct TanhKernelTests {
    /// Every version of the kernel (whichever this CPU runs) stays within 2e-7 relative error
    /// of the double-precision tanh.
    @Test func tanhIsAccurateEverywhere() {
        var xs: [Float] = []
        var x: Float = -12
        while x <= 12 {
            xs.append(x)
            x += x.magnitude < 1e-3 ? 1e-5 : 1e-3
        }
        let ys = Tensor(xs).tanh().toArray()
        var worst = 0.0
        for (x, y) in zip(xs, ys) {
            let exact = Foundation.tanh(Double(x))
            worst = max(worst, abs(Double(y) - exact) / max(abs(exact), 1e-30))
        }
        #expect(worst < 2e-7, "largest relative error \(worst)")
    }

    @Test func tanhKeepsSpecialValues() {
        let ys = Tensor([0, .infinity, -.infinity, .nan, 1e-20, -3e-38]).tanh().toArray()
        #expect(ys[0] == 0)
        #expect(ys[1] == 1)
        #expect(ys[2] == -1)
        #expect(ys[3].isNaN)
        #expect(ys[4] == 1e-20)
        #expect(ys[5] == -3e-38)
    }

    @Test func stridedInputIsReadInOrder() {
        let x = Tensor([0, 1, 2, 3, 4, 5], shape: [2, 3]).transpose(0, 1)
        let expected = [0, 3, 1, 4, 2, 5].map { Float(Foundation.tanh(Double($0))) }
        let actual = x.tanh().toArray()
        for (a, e) in zip(actual, expected) { #expect(abs(a - e) <= 2e-7 * abs(e)) }
        #expect(x.tanh().shape == [3, 2])
    }
}
