import NNEngine
import NNRuns

/// Reads a recorded run's parameters, naming the member that is missing or of the wrong kind.
struct RecordedParams {
    let params: JSONValue

    init(_ params: JSONValue) { self.params = params }

    func number(_ key: String) throws(RecordedRunError) -> Double {
        guard let value = params[key]?.doubleValue else { throw missing(key, "a number") }
        return value
    }

    func int(_ key: String) throws(RecordedRunError) -> Int {
        guard let value = params[key]?.intValue else { throw missing(key, "an integer") }
        return value
    }

    func string(_ key: String) throws(RecordedRunError) -> String {
        guard let value = params[key]?.stringValue else { throw missing(key, "a string") }
        return value
    }

    func bool(_ key: String) throws(RecordedRunError) -> Bool {
        guard let value = params[key]?.boolValue else { throw missing(key, "true or false") }
        return value
    }

    /// The optimizer recorded under `key` by PyTorch's name, one of `choices`.
    func optimizer(_ key: String, among choices: [OptimizerName]) throws(RecordedRunError) -> OptimizerName {
        let name = try string(key)
        guard let optimizer = OptimizerName(rawValue: name), choices.contains(optimizer) else {
            throw RecordedRunError("the run's parameter \(key) is \(name.displaySafe), not one of \(choices.map(\.rawValue).joined(separator: ", "))")
        }
        return optimizer
    }

    private func missing(_ key: String, _ kind: String) -> RecordedRunError {
        RecordedRunError("the run's parameter \(key) is not \(kind)")
    }
}

extension Series {
    /// The values at steps 0, 1, 2, ... as long as the recorded steps follow each other.
    var consecutiveSteps: [Double] {
        var values: [Double] = []
        for (x, y) in zip(x, y) {
            guard x == Double(values.count) else { break }
            values.append(y)
        }
        return values
    }
}
