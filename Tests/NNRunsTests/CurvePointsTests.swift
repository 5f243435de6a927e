@testable import NNRuns
import Testing

/// A study's `Series` and a log's `ScalarSeries` give a chart the same points through
/// `CurvePoints`: x against y in order, a log's x its step or the seconds from a time origin.
@Suite struct CurvePointsTests {
    static func points(_ curve: some CurvePoints) -> [[Double]] {
        (0..<curve.count).map { i in [curve.point(at: i).x, curve.point(at: i).y] }
    }

    @Test func aSeriesGivesItsPairsAndLeavesOutALongerArraysExtra() {
        let series = Series(label: "loss", x: [0, 0.5, 2], y: [3, 1])
        #expect(Self.points(series) == [[0, 3], [0.5, 1]])
    }

    @Test func aScalarSeriesGivesStepsOrSecondsFromAnOrigin() {
        var scalar = ScalarSeries(tag: "loss")
        scalar.append(step: 10, value: 0.5, wallTime: 100)
        scalar.append(step: 20, value: 0.25, wallTime: 103.5)
        #expect(Self.points(scalar.points()) == [[10, 0.5], [20, 0.25]])
        #expect(Self.points(scalar.points(timeOrigin: 100)) == [[0, 0.5], [3.5, 0.25]])
        // A point without a time: x falls back to the steps.
        scalar.append(step: 30, value: 0.125, wallTime: nil)
        #expect(Self.points(scalar.points(timeOrigin: 100)) == [[10, 0.5], [20, 0.25], [30, 0.125]])
    }
}
