/// An optimizer's state as PyTorch's `state_dict()`: parameters numbered in group order.
public struct OptimizerStateDict: Sendable, Equatable, Codable {
    /// One parameter group: its options and the numbers of its parameters.
    public struct Group: Sendable, Equatable, Codable {
        public var options: [String: Hyperparameter]
        public var params: [Int]

        public init(options: [String: Hyperparameter], params: [Int]) {
            self.options = options
            self.params = params
        }
    }

    /// Per-parameter state keyed by the parameter's number (as a decimal string).
    public var state: [String: ParameterState]
    /// The groups in order.
    public var paramGroups: [Group]

    public init(state: [String: ParameterState], paramGroups: [Group]) {
        self.state = state
        self.paramGroups = paramGroups
    }
}
