/// Why an optimizer or a learning-rate scheduler refused its arguments or a state dict.
public enum OptimizerError: Error, Equatable, CustomStringConvertible {
    /// A hyperparameter out of range, with PyTorch's message ("Invalid learning rate: -0.1").
    case invalidHyperparameter(String)
    /// A misuse of the optimizer (duplicate parameters, dense gradient given to SparseAdam...).
    case invalidUsage(String)
    /// A state dict that does not fit this optimizer or scheduler.
    case invalidStateDict(String)

    public var description: String {
        switch self {
        case .invalidHyperparameter(let m), .invalidUsage(let m), .invalidStateDict(let m): m
        }
    }
}
