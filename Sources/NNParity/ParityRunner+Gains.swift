import NNEngine
import NNRuns

/// Checks `gain` cases: `calculate_gain(name, param)` against `value`.
extension ParityRunner {
    func checkGain(_ c: ParityCase) throws(ParityError) {
        let param: Double?
        switch c.field("param") {
        case nil: param = nil
        case .number(let value)?: param = value
        case let other?:
            // PyTorch accepts only int or float slopes (not bool); any other param is an error.
            param = c.name == "leaky_relu" ? .nan : nil
            if c.name == "leaky_relu", c.field("error") == nil {
                throw .malformed("\(c.id): negative_slope \(other.jsonText) not a valid number")
            }
        }
        do {
            let gain = try Init.calculateGain(nonlinearity: c.name, param: param)
            if let expectedError = c.field("error")?.stringValue {
                c.fail("error (\(expectedError))", expected: .nan, actual: gain, largestError: .infinity)
                return
            }
            c.compare("value", expected: try c.number("value"), actual: gain)
        } catch {
            if c.field("error") != nil { return }
            throw .unsupported("gain \(c.name): \(error)")
        }
    }
}
