import NNCharts
import Testing

@Suite struct TicksTests {
    @Test func extendedWilkinsonPicksQuartersOfAHundred() {
        // Scores (Talbot et al. 2010, weights 0.25/0.2/0.5/0.05) for 0...100 with 5 ticks
        // wanted: step 25 covers exactly with 5 ticks (0.85); step 20 (0.775), step 50
        // (0.45) and step 10 (0.25) score lower.
        let ticks = Ticks.linear(lower: 0, upper: 100, count: 5)
        #expect(ticks.values == [0, 25, 50, 75, 100])
        #expect(ticks.labels == ["0", "25", "50", "75", "100"])
        // Scaling the range scales the ticks; labels share one number of decimals.
        #expect(Ticks.linear(lower: 0, upper: 1, count: 5).labels == ["0.00", "0.25", "0.50", "0.75", "1.00"])
    }

    @Test func ticksAreEvenNiceAndCoverTheRange() {
        for (low, high) in [(0.0123, 0.0789), (-3.7, 12.2), (990.0, 1010.0), (1e-7, 3e-7), (0.0, 123_456.0)] {
            for count in 2...8 {
                let ticks = Ticks.linear(lower: low, upper: high, count: count)
                #expect(ticks.values.count >= 2)
                let step = ticks.values[1] - ticks.values[0]
                #expect(Set(ticks.labels).count == ticks.labels.count, "labels repeat: \(ticks.labels)")
                #expect(ticks.values.first! <= low + step && ticks.values.last! >= high - step)
                // The step is j·q·10^z: q from Talbot's list, j the skip (small here).
                let nice = (1...4).contains { j in
                    var q = step / Double(j)
                    while q >= 10 { q /= 10 }
                    while q < 1 { q *= 10 }
                    return [1, 2, 2.5, 3, 4, 5].contains { abs($0 - q) < 1e-6 || abs($0 * 10 - q) < 1e-6 }
                }
                #expect(nice, "step \(step)")
            }
        }
    }

    @Test func logTicksArePowersOfTen() {
        let decades = Ticks.logarithmic(lower: 1e-4, upper: 1, count: 5)
        #expect(decades.values.count == 5)
        #expect(decades.labels == ["1e-4", "0.001", "0.01", "0.1", "1"])
        // Nine decades for four ticks: every third, anchored at a multiple of three.
        #expect(Ticks.logarithmic(lower: 1e-6, upper: 100, count: 4).labels == ["1e-6", "0.001", "1"])
        // Under three decades the 2 and 5 multiples join in.
        #expect(Ticks.logarithmic(lower: 0.07, upper: 2.4, count: 5).labels == ["0.1", "0.2", "0.5", "1", "2"])
    }
}
