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
