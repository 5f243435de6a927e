@testable import NNRuns
import NNTestSupport
import Testing

/// `watch --json`'s own formatting of values against the standard library's `description`,
/// which is the text it must write, byte for byte.
@Suite struct ShortestDecimalTests {
    /// What `ShortestDecimal` writes for `v`, or nil where it leaves `v` to the standard library.
    private static func written(_ v: Double) -> String? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBufferPointer { ShortestDecimal.write(v, to: $0.baseAddress!) }
        return count.map { String(decoding: buffer[..<$0], as: UTF8.self) }
    }

    private static func expectDescription(_ v: Double) {
        guard let text = written(v) else { return }
        #expect(text == v.description, "bits \(v.bitPattern)")
    }

    @Test func randomDoublesAreWrittenAsTheirDescriptions() {
        var random = SeededRandom("shortest decimal doubles", seed: 1907)
        var formatted = 0
        for _ in 0..<300_000 {
            // Every significand at each magnitude read here, and a little beyond.
            let exponent = UInt64(1023 + Int.random(in: -8...53, using: &random))
            let v = Double(bitPattern: UInt64.random(in: 0...1, using: &random) << 63 | exponent << 52
                | UInt64.random(in: 0..<(1 << 52), using: &random))
            if Self.written(v) != nil { formatted += 1 }
            Self.expectDescription(v)
        }
        #expect(formatted > 250_000)
    }

    @Test func floatsWidenedAsTensorBoardValuesAreWrittenAsTheirDescriptions() {
        var random = SeededRandom("shortest decimal floats", seed: 1908)
        for _ in 0..<200_000 {
            let exponent = UInt32(127 + Int.random(in: -8...53, using: &random))
            Self.expectDescription(Double(Float(bitPattern: exponent << 23 | UInt32.random(in: 0..<(1 << 23), using: &random))))
        }
    }

    @Test func shortDecimalsAreWrittenAsTheirDescriptions() {
        var random = SeededRandom("shortest decimal short decimals", seed: 1909)
        for _ in 0..<200_000 {
            // Values with few digits, where the shortest text has trailing zeros to drop and
            // halfway cases occur.
            let digits = Int.random(in: 1...17, using: &random)
            let mantissa = Int64.random(in: 0..<Int64(pow10(digits)), using: &random)
            let v = Double("\(mantissa)e\(Int.random(in: -20...17, using: &random))")!
            Self.expectDescription(v)
            Self.expectDescription(v.nextUp)
            Self.expectDescription(v.nextDown)
        }
    }

    @Test func boundariesAreWrittenAsTheirDescriptions() {
        var values: [Double] = [0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1, 2, 10, 100, 0.5, 0.25, 0.015625, 1e15,
                                4503599627370495.5, 4503599627370496, 9007199254740991]
        for exponent in -8...53 {
            let power = Double(sign: .plus, exponent: exponent, significand: 1)
            values += [power, power.nextUp, power.nextDown, -power]
        }
        for n in 1...1000 { values.append(Double(n) / 64) }
        for v in values {
            Self.expectDescription(v)
            Self.expectDescription(-v)
        }
        #expect(Self.written(0.1) == "0.1")
        #expect(Self.written(-2.5) == "-2.5")
        #expect(Self.written(1) == "1.0")
        #expect(Self.written(0) == nil)
        #expect(Self.written(.infinity) == nil)
        #expect(Self.written(.nan) == nil)
        #expect(Self.written(1e300) == nil)
    }

    private func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { p, _ in p * 10 } }
}
