import Testing

@testable import NNRuns

/// One point of `watch --json` as `String(describing:)` writes its step and value.
@Suite struct PointTextTests {
    @Test func stepsAndValuesAreWrittenAsTheirDescriptions() {
        let steps: [Int64] = [0, 1, 9, 10, 99, 100, -1, -10, 123_456_789, .max, .min, .max - 1, .min + 1, 1_000_000_000_000_000_000,
                              12_345_678, 123_456_789_012_345_678, -99_999_999, 100_000_000]
        let values: [Double] = [0, -0.0, 1, 0.1, -2.5, 0.015625, 123.25, 4503599627370495.5, Double(Float(0.1)), 1e-5, 1e16,
                                123456789.125, -.greatestFiniteMagnitude,
                                .leastNonzeroMagnitude, -2.2250738585072014e-308, Double(Float.pi),
                                .nan, .infinity, -.infinity, 2.0077395604855597, -1.0000000000000002]
        var bytes = [UInt8](repeating: 1, count: PointText.maximumLength + 2)
        for step in steps {
            for value in values {
                let count = bytes.withUnsafeMutableBufferPointer { buffer in
                    PointText.write(step: step, value: value, at: buffer.baseAddress! + 1) - (buffer.baseAddress! + 1)
                }
                let expected = "[\(step), \(value.isFinite ? value.description : JSONValue.format(value))]"
                #expect(String(decoding: bytes[1..<(1 + count)], as: UTF8.self) == expected)
                #expect(count <= PointText.maximumLength)
                #expect(bytes[0] == 1 && bytes[(1 + count)...].allSatisfy { $0 == 1 }, "nothing written outside the point")
                for k in bytes.indices { bytes[k] = 1 }
            }
        }
    }
}
