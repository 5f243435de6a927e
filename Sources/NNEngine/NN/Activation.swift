/// A parameterless module applying an elementwise function or softmax (PyTorch's `nn.ReLU`, ...).
///
/// Make one with the static constructors named as PyTorch's modules: `.relu()`,
/// `.leakyReLU(negativeSlope: 0.2)`, `.softmax(dim: 1)`, ...
public final class Activation: Module {
    /// PyTorch's module name with its arguments, e.g. `LeakyReLU(negative_slope=0.2)`.
    public let name: String
    private let function: (Tensor) -> Tensor
    public var isTraining = true
    /// True for the module made by `relu()`, which `Sequential` runs in one op with a `Linear` before it.
    let isReLU: Bool

    public convenience init(name: String, _ function: @escaping (Tensor) -> Tensor) {
        self.init(name: name, isReLU: false, function)
    }

    private init(name: String, isReLU: Bool, _ function: @escaping (Tensor) -> Tensor) {
        self.name = name
        self.function = function
        self.isReLU = isReLU
    }

    public func forward(_ input: Tensor) -> Tensor { function(input) }

    public static func sigmoid() -> Activation { Activation(name: "Sigmoid") { $0.sigmoid() } }
    public static func tanh() -> Activation { Activation(name: "Tanh") { $0.tanh() } }
    public static func relu() -> Activation { Activation(name: "ReLU", isReLU: true) { $0.relu() } }
    public static func leakyReLU(negativeSlope: Float = 0.01) -> Activation {
        Activation(name: "LeakyReLU(negative_slope=\(negativeSlope))") { $0.leakyReLU(negativeSlope: negativeSlope) }
    }
    public static func elu(alpha: Float = 1) -> Activation {
        Activation(name: "ELU(alpha=\(alpha))") { $0.elu(alpha: alpha) }
    }
    public static func selu() -> Activation { Activation(name: "SELU") { $0.selu() } }
    public static func celu(alpha: Float = 1) -> Activation {
        Activation(name: "CELU(alpha=\(alpha))") { $0.celu(alpha: alpha) }
    }
    public static func gelu(approximate: GELUApproximation = .none) -> Activation {
        Activation(name: "GELU(approximate='\(approximate.rawValue)')") { $0.gelu(approximate: approximate) }
    }
    public static func silu() -> Activation { Activation(name: "SiLU") { $0.silu() } }
    public static func mish() -> Activation { Activation(name: "Mish") { $0.mish() } }
    public static func softplus(beta: Float = 1, threshold: Float = 20) -> Activation {
        Activation(name: "Softplus(beta=\(beta), threshold=\(threshold))") { $0.softplus(beta: beta, threshold: threshold) }
    }
    public static func softsign() -> Activation { Activation(name: "Softsign") { $0.softsign() } }
    public static func hardtanh(minVal: Float = -1, maxVal: Float = 1) -> Activation {
        Activation(name: "Hardtanh(min_val=\(minVal), max_val=\(maxVal))") { $0.hardtanh(minVal: minVal, maxVal: maxVal) }
    }
    public static func relu6() -> Activation { Activation(name: "ReLU6") { $0.relu6() } }
    public static func hardsigmoid() -> Activation { Activation(name: "Hardsigmoid") { $0.hardsigmoid() } }
    public static func hardswish() -> Activation { Activation(name: "Hardswish") { $0.hardswish() } }
    public static func logSigmoid() -> Activation { Activation(name: "LogSigmoid") { $0.logSigmoid() } }
    public static func tanhshrink() -> Activation { Activation(name: "Tanhshrink") { $0.tanhshrink() } }
    public static func softmax(dim: Int) -> Activation {
        Activation(name: "Softmax(dim=\(dim))") { $0.softmax(dim: dim) }
    }
    public static func logSoftmax(dim: Int) -> Activation {
        Activation(name: "LogSoftmax(dim=\(dim))") { $0.logSoftmax(dim: dim) }
    }
    public static func softmin(dim: Int) -> Activation {
        Activation(name: "Softmin(dim=\(dim))") { $0.softmin(dim: dim) }
    }
}
