@testable import NNRuns
import Testing

/// The points a chart takes from a `Series`: x against y in order, a log's x its step or the
/// seconds from a time origin.
@Suite struct SeriesPointsTests {
    static func points(_ curve: Series.Points) -> [[Double]] {
        (0..<curve.count).map { i in [curve.point(at: i).x, curve.point(at: i).y] }
    }

    @Test func aStudysSeriesGivesItsPairsAndLeavesOutALongerArraysExtra() {
        let series = Series(label: "loss", x: [0, 0.5, 2], y: [3, 1])
        #expect(Self.points(series.points()) == [[0, 3], [0.5, 1]])
        #expect(Self.points(series.points(timeOrigin: 0)) == [[0, 3], [0.5, 1]], "no wall times: x stays x")
    }

    @Test func aLoggedSeriesGivesStepsOrSecondsFromAnOrigin() {
        var scalar = Series(label: "loss")
        scalar.append(step: 10, value: 0.5, wallTime: 100)
        scalar.append(step: 20, value: 0.25, wallTime: 103.5)
        #expect(Self.points(scalar.points()) == [[10, 0.5], [20, 0.25]])
        #expect(Self.points(scalar.points(timeOrigin: 100)) == [[0, 0.5], [3.5, 0.25]])
        // A point without a time: x falls back to the steps.
        scalar.append(step: 30, value: 0.125, wallTime: nil)
        #expect(Self.points(scalar.points(timeOrigin: 100)) == [[10, 0.5], [20, 0.25], [30, 0.125]])
    }
}
