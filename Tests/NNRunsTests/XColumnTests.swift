import NNTestSupport
@testable import NNRuns
import Testing

/// A series' x column holds any x exactly: integers compactly, reals once one comes; and a
/// chart can tell a curve that grew from one replaced whatever form its x and y columns took.
@Suite struct XColumnTests {
    static func column(_ xs: [Double]) -> XColumn {
        var column = XColumn()
        for x in xs { column.append(x) }
        return column
    }

    @Test func integersTakeFourBytesAPointUntilOneLiesTooFar() {
        var column = XColumn()
        for step in 0..<1000 { column.append(step: 1 << 40 + Int64(step) * 7) }
        #expect(column.bytes <= 4 * 2 * column.count, "4 bytes a point, up to twice the points as arrays double")
        #expect(Array(column.steps) == (0..<1000).map { 1 << 40 + Int64($0) * 7 })
        // Below the first, and past 32 bits from it: 64-bit integers, every step exact.
        column.append(step: -3)
        column.append(step: (1 << 62) + 5)
        #expect(column.steps.suffix(2) == [-3, (1 << 62) + 5])
        #expect(column.steps.first == 1 << 40 && column.count == 1002)
    }

    @Test func aRealTurnsTheColumnToRealsKeepingEveryXBitForBit() {
        var random = SeededRandom("x columns", seed: 7)
        for _ in 0..<50 {
            var xs: [Double] = []
            for _ in 0..<Int(random.next() % 40) {
                switch random.next() % 6 {
                case 0: xs.append(Double(Int64(bitPattern: random.next()) >> 40))
                case 1: xs.append(-0.0)
                case 2: xs.append(.nan)
                case 3: xs.append(Double(bitPattern: random.next()))
                default: xs.append(Double(random.next() % 100))
                }
            }
            let column = Self.column(xs)
            #expect(column.map(\.bitPattern) == xs.map(\.bitPattern), "seed \(random.seed): \(xs)")
            #expect(Array(Series(label: "s", x: xs, y: xs).x).map(\.bitPattern) == xs.map(\.bitPattern))
        }
    }

    @Test func aColumnKnowsWhetherEveryXIsWhole() {
        #expect(Self.column([3, -7, 0x1p40]).isIntegral)
        #expect(Self.column([3, 0.5]).isIntegral == false)
        #expect(XColumn(reals: [0, -0.0, 2, .infinity]).isIntegral, "held as reals, all whole")
        #expect(XColumn(reals: [0, .nan]).isIntegral == false)
        #expect(XColumn().isIntegral)
    }

    @Test func equalityIsBitwiseWithEveryNaNAlike() {
        #expect(Self.column([1, .nan, 0.5]) == Self.column([1, -.nan, 0.5]))
        #expect(Self.column([0.0]) != Self.column([-0.0]))
        #expect(Self.column([1, 2]) != Self.column([1, 2.5]))
        #expect(Self.column([3, 4]) == [3, 4])
    }

    @Test func aGrownColumnHasItsOldPointsAsPrefixInAnyForm() {
        let integers: [Double] = [5, 6, 7, 8]
        let grown = [(integers + [9], true), (integers + [0.25], true), (integers + [-1e12], true),
                     ([5, 6, 7, 8.5, 9], false), ([5, 6], false)]
        for (whole, hasPrefix) in grown {
            #expect(Self.column(whole).hasPrefix(Self.column(integers)) == hasPrefix, "\(whole)")
        }
        let reals: [Double] = [0.5, .nan, -0.0]
        #expect(Self.column(reals + [1]).hasPrefix(Self.column(reals)))
        #expect(!Self.column([0.5, .nan, 0.0, 1]).hasPrefix(Self.column(reals)))
        #expect(Self.column([1]).hasPrefix(XColumn()))
    }

    @Test func aValueColumnTurned64BitHasItsFloatsAsPrefix() {
        var values = ValueColumn()
        for v in [0.5, 0.25] { values.append(v) }
        var wider = values
        wider.append(0.1)  // Not a float: the column turns 64-bit.
        #expect(wider.hasPrefix(values) && !values.hasPrefix(wider))
        var other = ValueColumn()
        for v in [0.5, 0.3] { other.append(v) }
        #expect(!wider.hasPrefix(other))
    }
}

