@testable import NNRuns
import NNTestSupport
import Testing

/// Numbers read from log bytes against the standard library's correctly rounded reading of the
/// same text, bit for bit.
@Suite struct DecimalTextTests {
    private static func read(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBytes { DecimalText.double($0) }
    }

    private static func expectSame(_ text: String) {
        let ours = read(text)
        let reference = Double(text)
        #expect(ours?.bitPattern == reference?.bitPattern, "\(text): \(String(describing: ours)) vs \(String(describing: reference))")
    }

    @Test func shortestRepresentationsOfRandomDoublesReadBack() {
        var random = SeededRandom("decimal doubles", seed: 1919)
        for _ in 0..<200_000 {
            // Magnitudes from 1e-30 to 1e30, written as Swift (and Python) write them: up to 17
            // significant digits, in positional or exponent form.
            let d = Double.random(in: 1...10, using: &random) * Double(sign: .plus, exponent: Int.random(in: -100...100, using: &random), significand: 1)
            let text = "\(d)"
            let ours = Self.read(text)
            #expect(ours?.bitPattern == d.bitPattern, "\(text)")
            let negative = Self.read("-" + text)
            #expect(negative?.bitPattern == (-d).bitPattern, "-\(text)")
        }
    }

    @Test func randomDigitStringsRoundAsTheStandardLibraryRounds() {
        var random = SeededRandom("decimal digit strings", seed: 2026)
        for _ in 0..<200_000 {
            let digits = Int.random(in: 1...20, using: &random)
            var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            let point = Int.random(in: 0...digits, using: &random)
            text.insert(".", at: text.index(text.startIndex, offsetBy: point))
            if Bool.random(using: &random) { text += "e\(Int.random(in: -35...25, using: &random))" }
            Self.expectSame(text)
        }
    }

    /// JSON lines read their numbers by a one-pass path for the plain ones (no exponent, at
    /// most 19 digits), eight digits at a time: every number reads as the standard library reads
    /// its text, whatever its digits, sign, leading zeros and place in the line.
    @Test func jsonLinesNumbersReadAsTheStandardLibraryReadsThem() {
        var random = SeededRandom("json lines numbers", seed: 4242)
        var lines = "", texts: [String] = []
        for _ in 0..<100_000 {
            let integer = Int.random(in: 0...3, using: &random) == 0 ? "0"
                : String(Int.random(in: 1...9, using: &random)) + String((0..<Int.random(in: 0...12, using: &random)).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            var text = (Bool.random(using: &random) ? "-" : "") + integer
            let fraction = Int.random(in: 0...21, using: &random)
            if fraction > 0 {
                let zeros = Int.random(in: 0...fraction, using: &random) / 2
                text += "." + String(repeating: "0", count: zeros)
                text += String((zeros..<fraction).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            }
            if Int.random(in: 0...7, using: &random) == 0 { text += "e\(Int.random(in: -30...20, using: &random))" }
            texts.append(text)
            lines += Bool.random(using: &random) ? "{\"v\": \(text)}\n" : "{\"v\":\(text),\"w\": 1}\n"
        }
        let series = LogRun.parse(Array(lines.utf8), format: .jsonl).scalar("v")
        #expect(series?.count == texts.count)
        for (i, text) in texts.enumerated() where i < series?.count ?? 0 {
            #expect(series?.y[i].bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    /// Decimals with a multiple of 5^q before q fraction digits: values a double holds
    /// exactly, values exactly halfway between two doubles (an odd integer of 54 bits over a
    /// power of two), and their neighbours, where reading by a truncated reciprocal cannot
    /// decide and must leave the rounding to the exact comparison.
    @Test func dyadicDecimalsRoundAsTheStandardLibraryRounds() {
        var random = SeededRandom("dyadic decimals", seed: 2027)
        for _ in 0..<100_000 {
            let q = Int.random(in: 1...DecimalText.maximumExactExponent, using: &random)
            var power: UInt64 = 1
            for _ in 0..<q { power *= 5 }
            let k = UInt64.random(in: 1...(UInt64.max / power - 1), using: &random)
            for m in [k * power, (k | 1) * power, k * power - 1, k * power + 1] where m > 0 {
                var digits = String(m)
                if digits.count <= q { digits = String(repeating: "0", count: q - digits.count + 1) + digits }
                digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -q))
                Self.expectSame(digits)
            }
        }
    }

    /// Halfway cases: 2^53 + 1 and its neighbours, and decimals exactly between two doubles,
    /// which must round to the even one.
    @Test func halfwayPointsRoundToEven() {
        for text in [
            "9007199254740993", "9007199254740993.0", "9007199254740995", "9007199254740994.9999",
            "18014398509481985", "18014398509481986", "18014398509481987", "1152921504606846977",
            "0.50000000000000011102230246251565404", "1.00000000000000011102230246251565404236316680908203125",
            "1.0000000000000002220446049250313080847263336181640625", "4.9406564584124654e-24",
            "0.1", "0.3", "2.2250738585072014e-20", "1.7976931348623157e-10", "123456789012345678e-27",
            "9999999999999999999", "9999999999999999999e-27", "1e-27", "1e22", "1e23", "1.5e-5",
            "0", "0.0", "-0.0", "00000", ".5", "5.", "+1.25", "1e+05", "1E-05", "1e", "1e+", "e5", ".",
            "-", "1.2.3", "1e00001", "0.000000000000000000000000001234567890123456789",
        ] {
            Self.expectSame(text)
        }
    }
}
