import Foundation
@testable import nndash
import NNCharts
import NNRuns
import NNStudies
import Testing

/// A live dashboard feeds its charts only the points each frame adds (`LineFeed`); what it
/// draws is what the same frame draws with every line built from its whole curve, and the
/// picture says what the data say, after each kind of change.
@Suite struct LineFeedTests {
    /// One dashboard frame of `state` drawn with `feed` and drawn with every line built afresh.
    static func draw(_ screen: any StudyScreen, _ state: any StudySnapshot, view: ViewState, feed: LineFeed,
                     width: Int = 120, height: Int = 36) -> (fed: Buffer, built: Buffer) {
        let frame = DashboardFrame(state: state, status: "running", steps: 0, note: nil, view: view,
                                   unicode: true, colorMode: .palette256)
        var fed = Buffer(width: width, height: height), built = Buffer(width: width, height: height)
        DashboardRenderer(screen: screen, feed: feed).render(frame, into: &fed)
        DashboardRenderer(screen: screen).render(frame, into: &built)
        return (fed, built)
    }

    /// Expects the two pictures of a frame to be the same cells, naming the first that is not.
    static func expectSame(_ frame: (fed: Buffer, built: Buffer), _ what: String) {
        guard frame.fed != frame.built else { return }
        let first = frame.fed.cells.indices.first { frame.fed.cells[$0] != frame.built.cells[$0] } ?? 0
        Issue.record("""
            \(what): the fed frame differs from the rebuilt one first at column \(first % frame.fed.width), \
            row \(first / frame.fed.width)
            fed:
            \(frame.fed.plainText)
            built:
            \(frame.built.plainText)
            """)
    }

    /// The rightmost plot column holding braille dots: where the drawn line ends.
    static func lastLineColumn(_ chart: DrawnChart) -> Int? {
        (0..<chart.buffer.width).last { x in (chart.plotTop..<chart.axisRow).contains { chart.isBraille(x, $0) } }
    }

    static let converging = LearningRateSweep.Configuration(lrMin: 0.005, lrMax: 0.05, num: 4, iterations: 60)

    /// The converging sweep after `steps` iterations.
    static func converged(for steps: Int) throws -> LearningRateSweep {
        var study = LearningRateSweep(converging)
        for _ in 0..<steps { _ = try study.step() }
        return study
    }

    /// New points: each step's frame only feeds the points it added (no line is built again),
    /// draws what a rebuild draws, and the shown line ends at the newest iteration's column.
    @Test func newPointsAreFedAndDrawnAsARebuildDrawsThem() throws {
        var study = LearningRateSweep(Self.converging)
        let feed = LineFeed()
        var view = ViewState()
        view.hiddenSeries = [0: [1, 2, 3]]
        var step = 0
        while try study.step() != nil {
            step += 1
            let snapshot = study.sweepSnapshot
            let frame = Self.draw(SweepScreen(), snapshot, view: view, feed: feed)
            Self.expectSame(frame, "step \(step)")
            let chart = try #require(DrawnChart(frame.fed), "no chart at step \(step)")
            let last = Double(snapshot.losses[0].count - 1)
            if last >= 2, let expected = chart.column(ofX: last), let drawn = Self.lastLineColumn(chart) {
                #expect(abs(Double(drawn) - expected) <= 1, "step \(step): line ends at column \(drawn), iteration \(last) at \(expected)")
            }
        }
        #expect(step > 2)
        // The first frame builds each rate's line; every later one only feeds.
        #expect(feed.rebuilds == Self.converging.num, "\(feed.rebuilds) lines built")
        #expect(feed.feeds == (step - 1) * Self.converging.num)
    }

    /// Smoothing changes every point of a line: the lines are built again, as a rebuild draws
    /// them, and fed again from there.
    @Test func smoothingBuildsTheLinesAgain() throws {
        var study = try Self.converged(for: 20)
        let feed = LineFeed()
        var view = ViewState()
        Self.expectSame(Self.draw(SweepScreen(), study.sweepSnapshot, view: view, feed: feed), "raw")
        view.smoothing = 0.6
        Self.expectSame(Self.draw(SweepScreen(), study.sweepSnapshot, view: view, feed: feed), "smoothed")
        #expect(feed.rebuilds == 2 * Self.converging.num)
        _ = try study.step()
        let frame = Self.draw(SweepScreen(), study.sweepSnapshot, view: view, feed: feed)
        Self.expectSame(frame, "smoothed, a step later")
        #expect(feed.rebuilds == 2 * Self.converging.num, "a new point built a smoothed line again")
        #expect(frame.fed.plainText.contains("smooth 0.6"))
        view.smoothing = 0
        Self.expectSame(Self.draw(SweepScreen(), study.sweepSnapshot, view: view, feed: feed), "raw again")
        #expect(feed.rebuilds == 3 * Self.converging.num)
    }

    /// Hiding a series only dims its legend entry: nothing is built again, and the frame is a
    /// rebuild's, whose only line ends at the newest iteration.
    @Test func hidingFeedsWithoutBuilding() throws {
        var study = try Self.converged(for: 30)
        let feed = LineFeed()
        var view = ViewState()
        Self.expectSame(Self.draw(SweepScreen(), study.sweepSnapshot, view: view, feed: feed), "all shown")
        for shown in 0..<Self.converging.num {
            view.hiddenSeries = [0: Set(0..<Self.converging.num).subtracting([shown])]
            _ = try study.step()
            let snapshot = study.sweepSnapshot
            let frame = Self.draw(SweepScreen(), snapshot, view: view, feed: feed)
            Self.expectSame(frame, "only \(snapshot.labels[shown]) shown")
            let chart = try #require(DrawnChart(frame.fed))
            let last = Double(snapshot.losses[shown].count - 1)
            let expected = try #require(chart.column(ofX: last))
            let drawn = try #require(Self.lastLineColumn(chart), "\(snapshot.labels[shown]) drew no line")
            #expect(abs(Double(drawn) - expected) <= 1)
        }
        #expect(feed.rebuilds == Self.converging.num)
    }

    /// A rate the study finds diverged gets its line built again, ending in a cross at the
    /// step the table names; later steps leave it as it is.
    @Test func divergenceMarkerAsARebuildDrawsIt() throws {
        let configuration = LearningRateSweep.Configuration(lrMax: 0.4, iterations: 60)
        var study = LearningRateSweep(configuration)
        let feed = LineFeed()
        var marked: [Int: Int] = [:]
        var step = 0
        while try study.step() != nil {
            step += 1
            let snapshot = study.sweepSnapshot
            for (i, run) in snapshot.analysis.runs.enumerated() {
                var view = ViewState()
                view.hiddenSeries = [0: Set(snapshot.learningRates.indices).subtracting([i])]
                let frame = Self.draw(SweepScreen(), snapshot, view: view, feed: feed)
                Self.expectSame(frame, "step \(step), \(snapshot.labels[i])")
                guard let diverged = run.divergedAt else { continue }
                marked[i] = diverged
                let chart = try #require(DrawnChart(frame.fed))
                let crosses = chart.cells("✕")
                #expect(crosses.count == 1, "step \(step), \(snapshot.labels[i]): \(crosses.count) crosses")
                if let cross = crosses.first, let expected = chart.column(ofX: Double(diverged)) {
                    #expect(abs(Double(cross.x) - expected) <= 1)
                }
            }
        }
        #expect(!marked.isEmpty, "no rate diverged")
    }

    /// Replay stepping back shortens every curve: the lines are built again and drawn as a
    /// rebuild draws them; stepping forward again only feeds.
    @Test func replayStepBackBuildsTheLinesAgain() throws {
        let configuration = LearningRateSweep.Configuration(lrMin: 0.01, lrMax: 0.4, num: 5, iterations: 40)
        let (_, replayed) = try SnapshotReplayTests.recordAndReplay(LearningRateSweep(configuration), screen: SweepScreen())
        let feed = LineFeed()
        let view = ViewState()
        let screen = replayed.screen
        let count = replayed.steps.count
        #expect(count > 30)
        var builds = 0
        for (position, stepsBack) in [(count, false), (count - 10, true), (count - 9, false), (5, true), (count, false)] {
            let state = replayed.state(steps: position)
            let frame = Self.draw(screen, state, view: view, feed: feed)
            Self.expectSame(frame, "replay at \(position) of \(count)")
            let snapshot = try #require(state as? LearningRateSweep.Snapshot)
            let chart = try #require(DrawnChart(frame.fed))
            let last = Double(snapshot.losses.map(\.count).max()! - 1)
            if let expected = chart.column(ofX: last), let drawn = Self.lastLineColumn(chart) {
                #expect(abs(Double(drawn) - expected) <= 1, "replay at \(position): line ends at \(drawn), not \(expected)")
            }
            if stepsBack { #expect(feed.rebuilds > builds, "stepping back to \(position) built no line again") }
            builds = feed.rebuilds
        }
    }
}
