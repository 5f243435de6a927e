import Foundation
import NNCharts
import NNTestSupport
import Testing

/// A number too wide for its table column is written with fewer significant digits, never cut.
@Suite struct TableNumberTests {
    /// The one cell of a one-column table drawn `width` columns wide.
    private func drawnCell(_ text: String, column width: Int) -> String {
        let table = Table(columns: [Table.Column("grad", alignment: .right)], rows: [[text]], dotGrid: .braille)
        var buffer = Buffer(width: width, height: 3)
        table.render(in: buffer.area, into: &buffer)
        return buffer.lines[2].trimmingCharacters(in: .whitespaces)
    }

    /// The value a drawn number means, and the place of its last digit (half of which is the
    /// most rounding may change it by): `-3.0994e-5`, `12.3k`, `0.0488`.
    private func read(_ text: String) -> (value: Double, place: Double)? {
        var body = Substring(text), scale = 1.0
        if let suffix = body.last, let s = ["k": 1e3, "M": 1e6, "G": 1e9][suffix] { scale = s; body = body.dropLast() }
        let parts = body.split(separator: "e", maxSplits: 1)
        guard let mantissa = Double(parts[0]) else { return nil }
        let exponent = parts.count == 2 ? Int(parts[1]) : 0
        guard let exponent else { return nil }
        let decimals = parts[0].split(separator: ".").dropFirst().first?.count ?? 0
        return (mantissa * pow(10, Double(exponent)) * scale, pow(10, Double(exponent - decimals)) * scale)
    }

    @Test func numbersKeepTheDigitsThatFit() {
        #expect(drawnCell("-3.09944e-05", column: 10) == "-3.0994e-5")
        #expect(drawnCell("-0.0488062", column: 8) == "-0.04881")
        var random = SeededRandom("table numbers", seed: 20_261_203)
        for _ in 0..<500 {
            let value = Double.random(in: 1...9.99999, using: &random) * pow(10, Double(Int.random(in: -9...9, using: &random)))
                * (Bool.random(using: &random) ? -1 : 1)
            let text = [String(format: "%.5e", value), String(format: "%.6g", value), "\(value)"].randomElement(using: &random)!
            let width = Int.random(in: 6...12, using: &random)
            let drawn = drawnCell(text, column: width)
            guard let (shown, place) = read(drawn) else {
                Issue.record("\(text) in \(width) columns: \(drawn) is no number"); continue
            }
            #expect(drawn.count <= width && !drawn.contains("…"), "\(text) in \(width): \(drawn)")
            // Rounded from the number written (itself rounded from `value`).
            let written = Double(text)!
            #expect(abs(shown - written) <= 0.5 * place * (1 + 1e-9) + abs(written) * 1e-12,
                    "\(text) in \(width) columns reads \(drawn)")
        }
    }

    @Test func otherTextIsStillCut() {
        #expect(drawnCell("SGD lr=1.00e-04 raw", column: 10) == "SGD lr=1.…")
        #expect(drawnCell("2024-01-01-12", column: 10) == "2024-01-0…")
        #expect(drawnCell("1e5-2e5-3e5", column: 8) == "1e5-2e5…")
    }
}
