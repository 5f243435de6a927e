/// Why a loss refused its arguments: a wrong shape or a value outside the loss's domain.
public enum LossError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Shapes that do not fit together.
    case shapeMismatch(String)
    /// A value the loss cannot take (a class index out of range, a negative variance...).
    case invalidValue(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let m), .invalidValue(let m): m
        }
    }
}
