import Foundation
@testable import nndash
import NNCharts
import NNRuns
import NNStudies
import Testing

/// A study recorded and replayed gives back the same snapshot: the same series with the same
/// parameters, the same findings, the same `--plain` and `--json`.
@Suite struct SnapshotReplayTests {
    /// Runs `study` to its end while recording it, and reads the run folder back.
    static func recordAndReplay(_ study: any Study, screen: any StudyScreen) throws -> (live: any StudySnapshot, replayed: RecordedStudy) {
        let runs = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: runs) }
        let name = type(of: study).name
        let params = study.params
        let recording = RunRecording(study: name, params: { params }, under: runs)
        let live = try StudyLauncher.runToEnd(study, recording: recording)
        #expect(recording.problem.withLock { $0 } == nil)
        let folder = try #require(recording.lastFolder.withLock { $0 })
        let replayed = try RecordedStudy(try RunFolder.load(folder))
        return (live, replayed)
    }

    static func expectSame(_ study: any Study, screen: any StudyScreen) throws {
        var (live, replayed) = try recordAndReplay(study, screen: screen)
        let name = type(of: study).name
        // The speed a live run measured is the machine's, not a finding of the run: replay has none.
        if var training = live as? Training.Snapshot {
            training.iterationsPerSecond = nil
            live = training
        }
        #expect(type(of: replayed.screen) == type(of: screen), "\(name) replays in \(type(of: replayed.screen))")
        let (json, liveJSON) = (replayed.state.report.json.jsonText, live.report.json.jsonText)
        #expect(json == liveJSON, "\(name): --json differs: \(zip(json, liveJSON).prefix { $0 == $1 }.count) characters agree")
        let plain = PlainReport(screen: screen)
        #expect(PlainReport(screen: replayed.screen).text(for: replayed.state, unicode: true)
                == plain.text(for: live, unicode: true), "\(name): --plain differs")
    }

    @Test func sweepWithLogScaleAndAnotherFunction() throws {
        let c = LearningRateSweep.Configuration(lrMin: 1e-3, lrMax: 0.3, num: 7, iterations: 40, x0: -1.5,
                                                function: .shifted, scale: .log)
        try Self.expectSame(LearningRateSweep(c), screen: SweepScreen(function: .shifted))
    }

    @Test func sweepOfTinyNeighbouringRates() throws {
        let c = LearningRateSweep.Configuration(lrMin: 1e-5, lrMax: 2e-5, num: 10, iterations: 5)
        let (live, replayed) = try Self.recordAndReplay(LearningRateSweep(c), screen: SweepScreen())
        let state = try #require(replayed.state as? LearningRateSweep.Snapshot)
        #expect(state.losses.count == 10)
        #expect(state.learningRates == (live as? LearningRateSweep.Snapshot)?.learningRates)
    }

    @Test func gradientDescentAtADivergingRate() throws {
        let c = GradientDescent.Configuration(lr: 0.5, x0: -3, iterations: 12)
        try Self.expectSame(GradientDescent(c), screen: GradientDescentScreen(settings: LiveSettings(c)))
    }

    /// Replay rebuilds the snapshot after any number of steps: what the live run showed then.
    @Test func replayStepsThroughTheRecordedRun() throws {
        let c = LearningRateSweep.Configuration(lrMin: 0.1, lrMax: 0.3, num: 3, iterations: 20)
        let (_, replayed) = try Self.recordAndReplay(LearningRateSweep(c), screen: SweepScreen())
        var study = LearningRateSweep(c)
        for steps in 0...20 {
            let state = try #require(replayed.state(steps: steps) as? LearningRateSweep.Snapshot)
            #expect(state.report.json.jsonText == study.sweepSnapshot.report.json.jsonText, "after \(steps) steps")
            _ = try study.step()
        }
        var playback = ReplayPlayback(steps: 20)
        #expect(playback.position == 20)
        playback.apply(.togglePlay)
        #expect(playback.playing && playback.position == 0)
        playback.apply(.tick)
        #expect(playback.position == playback.speed)
        playback.apply(.stepBack)
        #expect(!playback.playing && playback.position == playback.speed - 1)
        playback.apply(.faster)
        #expect(playback.speed > 5)
        let keys = DashboardKeys.replay(DashboardKeys.Context(panels: [], sideShown: false, zoomed: false))
        #expect(keys.action(for: .right) == KeyAction.replay(.stepForward))
    }
}

/// Replay after any number of recorded steps is the live run after as many steps.
@Suite struct ReplayStepTests {
    static func expectEveryStepSame(_ make: () throws -> any Study, steps: Int, compare: (any StudySnapshot) -> String) throws {
        let (_, replayed) = try SnapshotReplayTests.recordAndReplay(try make(), screen: MetricsScreen(study: ""))
        #expect(replayed.steps.count == steps)
        var study = try make()
        for count in 0...steps {
            #expect(compare(replayed.state(steps: count)) == compare(study.snapshot), "after \(count) steps")
            _ = try study.step()
        }
    }

    @Test func lrFind() throws {
        var c = TrainingConfiguration()
        c.model = .mlp
        (c.data, c.hidden) = (.blobs, 8)
        var range = LRFinder.Range()
        (range.startLR, range.endLR, range.numIter) = (1e-3, 1, 25)
        try Self.expectEveryStepSame({ try LRFinder(c, range: range) }, steps: 25) { $0.report.json.jsonText }
    }

    @Test func regression() throws {
        let c = TemperatureRegression.Configuration(runs: [.init(optimizer: .SGD, lr: 1e-2, inputScale: 0.1)], epochs: 30)
        try Self.expectEveryStepSame({ TemperatureRegression(c) }, steps: 30) { $0.report.json.jsonText }
    }

    /// A training run's curves and epoch table; its predictions are those of the end (recorded once).
    @Test func train() throws {
        var c = TrainingConfiguration()
        c.model = .mlp
        (c.data, c.epochs, c.batchSize, c.hidden) = (.moons, 3, 100, 8)
        let steps = try Training(c).totalIterations
        try Self.expectEveryStepSame({ try Training(c) }, steps: steps) { state in
            var report = state.report
            report.summary = ["epochs": report.summary["epochs"] ?? .null, "iteration": report.summary["iteration"] ?? .null]
            return report.json.jsonText
        }
    }
}

/// Every study with a typed snapshot, recorded with options other than its defaults and replayed.
@Suite struct EveryStudyReplayTests {
    @Test func optimizers() throws {
        let c = OptimizerPaths.Configuration(function: .beale, lr: 0.02, iterations: 30, optimizers: [.plain(.SGD), .momentum, .plain(.Adam)])
        try SnapshotReplayTests.expectSame(OptimizerPaths(c), screen: OptimizersScreen(settings: LiveSettings(c)))
    }

    @Test func momentum() throws {
        let c = MomentumComparison.Configuration(runs: [.init(lr: 0.02, momentum: 0.5), .init(lr: 0.01, momentum: 0.8, nesterov: true)],
                                                 iterations: 30, x0: -1, betas: [0.7, 0.95], points: 40, seed: 7)
        try SnapshotReplayTests.expectSame(MomentumComparison(c), screen: MomentumScreen(settings: LiveSettings(.init(configuration: c))))
    }

    @Test func initialization() throws {
        let c = InitializationDepth.Configuration(layers: 45, width: 32, batch: 8, seed: 5)
        try SnapshotReplayTests.expectSame(InitializationDepth(c), screen: InitScreen(layers: 45))
    }

    @Test func lrFind() throws {
        var c = TrainingConfiguration()
        c.model = .mlp
        (c.data, c.optimizer, c.hidden, c.seed) = (.blobs, .Adam, 16, 3)
        var range = LRFinder.Range()
        (range.startLR, range.endLR, range.numIter) = (1e-4, 100, 60)
        try SnapshotReplayTests.expectSame(try LRFinder(c, range: range), screen: LRFindScreen())
    }

    @Test func regression() throws {
        let c = TemperatureRegression.Configuration(runs: [.init(optimizer: .Adam, lr: 0.05, inputScale: 0.1),
                                                           .init(optimizer: .SGD, lr: 1e-4, inputScale: 1)],
                                                    epochs: 700, validationFraction: 0.3, seed: 4)
        try SnapshotReplayTests.expectSame(TemperatureRegression(c), screen: RegressionScreen())
    }

    @Test func activations() throws {
        let c = ActivationGallery.Configuration(low: -2, high: 3, points: 17, softmaxInput: [0.5, -1, 2])
        try SnapshotReplayTests.expectSame(ActivationGallery(c), screen: ActivationsScreen())
    }

    @Test func losses() throws {
        try SnapshotReplayTests.expectSame(LossGallery(.init(points: 9)), screen: LossesScreen())
    }

    @Test(arguments: [DataSource.moons, .shapes])
    func train(data: DataSource) throws {
        var c = TrainingConfiguration()
        c.model = .mlp
        (c.data, c.optimizer, c.learningRate, c.epochs, c.batchSize, c.hidden, c.seed) = (data, .Adam, 0.01, 3, 64, 12, 9)
        (c.scheduler, c.stepSize, c.gamma) = (.StepLR, 1, 0.5)
        if data == .shapes { c.model = .lenet }
        try SnapshotReplayTests.expectSame(try Training(c), screen: TrainScreen())
    }

    @Test func backprop() throws {
        try SnapshotReplayTests.expectSame(Backprop222(.init(lr: 0.9, steps: 5)), screen: BackpropScreen())
    }
}

/// The replay's footer and `?` list the replay's keys, and not the keys that would change the study.
@Suite struct ReplayKeysTests {
    @Test func footerAndHelpListThePlaybackKeys() {
        var view = ViewState()
        view.showHelp = true
        let frame = DashboardFrame(state: nil, status: "replay", steps: 0, note: nil, view: view, unicode: true,
                                   colorMode: .none, keys: .replay)
        var buffer = Buffer(width: 140, height: 40)
        let settings = LiveSettings(OptimizerPaths.Configuration())
        DashboardRenderer(screen: OptimizersScreen(settings: settings)).render(frame, into: &buffer)
        let text = buffer.plainText
        #expect(text.contains("space play/pause") && text.contains("+/- speed") && text.contains("←/→ step"))
        #expect(text.contains("faster / slower playback"))
        #expect(!text.contains("next function"))
    }
}
