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
            // Only leaky_relu reads its param, which must be a number (PyTorch's ValueError).
            guard c.name != "leaky_relu" else {
                throw .malformed("negative_slope \(other.jsonText) not a valid number")
            }
            param = nil
        }
        do {
            c.compare("value", expected: try c.number("value"),
                      actual: try Init.calculateGain(nonlinearity: c.name, param: param))
        } catch let error as ParityError {
            throw error
        } catch {
            throw .unsupported("gain \(c.name): \(error)")
        }
    }
}
