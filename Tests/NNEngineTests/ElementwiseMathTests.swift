import Foundation
import Testing
@testable import NNEngine

@Suite("Elementwise math")
struct ElementwiseMathTests {
    /// The vectorizable tanh stays within 2e-7 relative error of the double-precision tanh.
    @Test func tanhIsAccurateEverywhere() {
        var worst = 0.0
        var x: Float = -12
        while x <= 12 {
            let exact = Foundation.tanh(Double(x))
            let error = abs(Double(ElementwiseMath.tanh(x)) - exact) / max(abs(exact), 1e-30)
            worst = max(worst, error)
            x += x.magnitude < 1e-3 ? 1e-5 : 1e-3
        }
        #expect(worst < 2e-7, "largest relative error \(worst)")
    }

    @Test func tanhKeepsSpecialValues() {
        #expect(ElementwiseMath.tanh(0) == 0)
        #expect(ElementwiseMath.tanh(.infinity) == 1)
        #expect(ElementwiseMath.tanh(-.infinity) == -1)
        #expect(ElementwiseMath.tanh(.nan).isNaN)
        #expect(ElementwiseMath.tanh(1e-20) == 1e-20)
        #expect(ElementwiseMath.tanh(-3e-38) == -3e-38)
    }
}
