import Foundation
import NNRuns

/// PyTorch's reference values from the test fixtures, for the studies' `--json` output.
enum GoldenReference {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden/torch_reference.json")

    static let document: JSONValue = {
        guard let data = try? Data(contentsOf: file), let value = try? JSONValue(parsing: data) else {
            fatalError("cannot read \(file.path)")
        }
        return value
    }()

    /// Every `experiment` case named `name`.
    static func experiments(_ name: String) -> [JSONValue] {
        (document["cases"]?.arrayValue ?? []).filter {
            $0["kind"]?.stringValue == "experiment" && $0["name"]?.stringValue == name
        }
    }

    /// The file's rule: |actual − expected| ≤ atol + rtol·|expected|, or the case's own relative tolerance.
    static func matches(_ actual: Double, _ expected: Double, caseTolerance: Double? = nil) -> Bool {
        if !expected.isFinite { return actual == expected || (actual.isNaN && expected.isNaN) }
        if let caseTolerance { return abs(actual - expected) <= caseTolerance * abs(expected) }
        return abs(actual - expected) <= 1e-5 + 1e-4 * abs(expected)
    }
}
