import Foundation
import NNRuns

/// PyTorch's reference values from the test fixtures.
enum Golden {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let reference: JSONValue = {
        let url = fixtures.appendingPathComponent("golden/torch_reference.json")
        guard let data = try? Data(contentsOf: url), let value = try? JSONValue(parsing: data) else {
            fatalError("cannot read \(url.path)")
        }
        return value
    }()

    /// Every case of `kind` named `name`.
    static func cases(kind: String, name: String) -> [JSONValue] {
        (reference["cases"]?.arrayValue ?? []).filter {
            $0["kind"]?.stringValue == kind && $0["name"]?.stringValue == name
        }
    }
}

/// Whether `actual` is within `rtol` relative error of `expected` (exact for zero).
func close(_ actual: Double, _ expected: Double, rtol: Double = 1e-5, atol: Double = 0) -> Bool {
    if expected.isInfinite || expected.isNaN { return actual == expected || (actual.isNaN && expected.isNaN) }
    return abs(actual - expected) <= atol + rtol * abs(expected)
}
