import Testing

@testable import NNRuns

/// One point of `watch --json` as `String(describing:)` writes its step and value.
@Suite struct PointTextTests {
    @Test func stepsAndValuesAreWrittenAsTheirDescriptions() {
        let steps: [Int64] = [0, 1, 9, 10, 99, 100, -1, -10, 123_456_789, .max, .min, .max - 1, .min + 1, 1_000_000_000_000_000_000]
        let values: [Double] = [0, -0.0, 1, 0.1, -2.5, 0.015625, 123.25, 4503599627370495.5, Double(Float(0.1)), 1e-5, 1e16,
                                123456789.125, -.greatestFiniteMagnitude,
                                .leastNonzeroMagnitude, -2.2250738585072014e-308, Double(Float.pi)]
        for step in steps {
            for value in values {
                var point = PointText()
                point.append(UInt8(ascii: "["))
                point.appendDecimal(step)
                point.write(", ")
                point.appendValue(value)
                point.append(UInt8(ascii: "]"))
                var bytes: [UInt8] = [1]
                point.move(to: &bytes)
                #expect(bytes == [1] + Array("[\(step), \(value)]".utf8))
                #expect(point.count == 0)
            }
        }
    }
}
