import NNEngine

extension TemperatureRegression {
    /// The loss's gradient at one (w, b), worked out twice: by the lesson's hand-written chain
    /// rule (`grad_fn`) and by autograd (`loss.backward()`).
    public struct GradientCheck: Hashable, Sendable {
        public var w: Double
        public var b: Double
        /// grad_fn's (∂L/∂w, ∂L/∂b): Σ dloss_fn·dmodel_dw and Σ dloss_fn·dmodel_db.
        public var manual: [Double]
        /// (w.grad, b.grad) after `backward()`.
        public var autograd: [Double]

        /// The largest difference between the two, relative to the larger gradient.
        public var relativeDifference: Double {
            let scale = max(abs(autograd[0]), abs(autograd[1]), 1e-30)
            return max(abs(manual[0] - autograd[0]), abs(manual[1] - autograd[1])) / scale
        }
    }

    /// The gradient of the MSE on the samples `indices` at (w, b), by hand and by autograd.
    ///
    /// By hand as the lesson writes it: dloss_fn = 2·(t_p − t_c)/N, dmodel_dw = t_u,
    /// dmodel_db = 1, and each gradient the sum of their products.
    public static func gradientCheck(_ run: Run, w: Double, b: Double, indices: [Int]) -> GradientCheck {
        let manual: [Double] = noGrad {
            let (tu, tc) = readings(indices, scale: run.inputScale)
            let tp = Float(w) * tu + Float(b)
            let dlossDtp = 2 * (tp - tc) / Float(indices.count)
            return [Double((dlossDtp * tu).sum().item()), Double((dlossDtp * 1).sum().item())]
        }
        let wLeaf = Tensor(Float(w), requiresGrad: true), bLeaf = Tensor(Float(b), requiresGrad: true)
        let loss = setGradEnabled(true) { Self.loss(w: wLeaf, b: bLeaf, run, indices) }
        let autograd: [Double]
        do {
            try loss.backward()
            autograd = [Double(wLeaf.grad?.item() ?? .nan), Double(bLeaf.grad?.item() ?? .nan)]
        } catch {
            autograd = [.nan, .nan]
        }
        return GradientCheck(w: w, b: b, manual: manual, autograd: autograd)
    }

    /// What the grad-mode scopes do to a loss computed inside them: whether it records the graph
    /// (`requires_grad`) and so whether `backward()` could reach w and b through it.
    public struct GradModeCheck: Hashable, Sendable {
        /// Outside any scope.
        public var plain: Bool
        /// Inside `no_grad()`.
        public var noGrad: Bool
        /// Inside `set_grad_enabled(False)`.
        public var disabled: Bool
        /// Inside `set_grad_enabled(True)`, itself inside `no_grad()`.
        public var enabledInsideNoGrad: Bool

        /// Each scope's loss computed by the engine on the readings at w = 1, b = 0.
        public static func measured() -> GradModeCheck {
            let w = Tensor(1, requiresGrad: true), b = Tensor(0, requiresGrad: true)
            let run = TemperatureRegression.splitRun, all = Array(TemperatureRegression.tc.indices)
            let loss = { TemperatureRegression.loss(w: w, b: b, run, all).requiresGrad }
            return GradModeCheck(plain: loss(), noGrad: NNEngine.noGrad(loss), disabled: setGradEnabled(false, loss),
                                 enabledInsideNoGrad: NNEngine.noGrad { setGradEnabled(true, loss) })
        }
    }
}
