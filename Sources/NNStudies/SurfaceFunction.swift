import NNEngine

/// A 2-D test function for optimizers, with its known minimum and a window to draw it in.
public enum SurfaceFunction: String, CaseIterable, Sendable {
    /// (1 − x)² + 100(y − x²)²: minimum 0 at (1, 1) at the end of a long curved valley
    /// (Rosenbrock, The Computer Journal, 1960).
    case rosenbrock
    /// (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²: minimum 0 at (3, 0.5), flat plateaus
    /// and steep walls (Beale, 1958).
    case beale
    /// x² − y² + y⁴/4: a saddle at (0, 0) between two minima −1 at (0, ±√2).
    case saddle
    /// (x² + 25y²)/2: minimum 0 at (0, 0), curvatures 1 and 25 (condition number 25).
    case illConditioned = "ill-conditioned"

    public var formula: String {
        switch self {
        case .rosenbrock: "(1-x)^2+100(y-x^2)^2"
        case .beale: "(1.5-x+xy)^2+(2.25-x+xy^2)^2+(2.625-x+xy^3)^2"
        case .saddle: "x^2-y^2+y^4/4"
        case .illConditioned: "(x^2+25y^2)/2"
        }
    }

    /// The smallest value and one place where it is reached.
    public var minimum: (value: Double, x: Double, y: Double) {
        switch self {
        case .rosenbrock: (0, 1, 1)
        case .beale: (0, 3, 0.5)
        case .saddle: (-1, 0, 2.0.squareRoot())
        case .illConditioned: (0, 0, 0)
        }
    }

    /// Where every optimizer starts.
    public var start: (x: Double, y: Double) {
        switch self {
        case .rosenbrock: (-1.5, 2)
        case .beale: (1, 1.5)
        case .saddle: (-1.5, 0.01)
        case .illConditioned: (-1.8, 1)
        }
    }

    /// The window drawn: x range and y range.
    public var window: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        switch self {
        case .rosenbrock: (-2...2, -1...3)
        case .beale: (-1...4, -1.5...2)
        case .saddle: (-2...2, -2.5...2.5)
        case .illConditioned: (-2...2, -1.2...1.2)
        }
    }

    /// A learning rate at which plain SGD is stable from the start point.
    public var defaultLearningRate: Double {
        switch self {
        case .rosenbrock: 0.001
        case .beale: 0.01
        case .saddle, .illConditioned: 0.05
        }
    }

    /// The function of two scalar tensors, recorded for autograd.
    public func callAsFunction(_ x: Tensor, _ y: Tensor) -> Tensor {
        switch self {
        case .rosenbrock: return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2
        case .beale:
            return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2
        case .saddle: return x ** 2 - y ** 2 + y ** 4 / 4
        case .illConditioned: return (x ** 2 + 25 * y ** 2) / 2
        }
    }

    /// The function of two numbers in double precision (for drawing it).
    public func value(_ x: Double, _ y: Double) -> Double {
        switch self {
        case .rosenbrock: return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
        case .beale:
            let a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y
            return a * a + b * b + c * c
        case .saddle: return x * x - y * y + y * y * y * y / 4
        case .illConditioned: return (x * x + 25 * y * y) / 2
        }
    }

    /// `rows` × `columns` samples of the value above the minimum over the window, row 0 at the top.
    public func grid(rows: Int, columns: Int) -> [[Double]] {
        let (xs, ys) = window
        return (0..<rows).map { r in
            let y = ys.upperBound - (Double(r) + 0.5) / Double(rows) * (ys.upperBound - ys.lowerBound)
            return (0..<columns).map { c in
                let x = xs.lowerBound + (Double(c) + 0.5) / Double(columns) * (xs.upperBound - xs.lowerBound)
                return value(x, y) - minimum.value
            }
        }
    }
}
