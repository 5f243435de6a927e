@testable import nndash
@testable import NNStudies
import Testing

/// `nndash train` says what its train and validation curves show about overfitting, and the
/// learning rate each epoch trained at, from the run's own epochs.
@Suite struct TrainOverfittingTests {
    static func snapshot(_ rows: [(train: Double, validation: Double, lr: Double)], stepLR: Int) throws -> Training.Snapshot {
        var c = TrainingConfiguration()
        c.model = .mlp
        (c.data, c.epochs, c.batchSize, c.hidden, c.scheduler, c.stepSize) = (.moons, rows.count, 100, 4, .StepLR, stepLR)
        var state = try #require(try StudyLauncher.runToEnd(Training(c)) as? Training.Snapshot)
        state.epochs = rows.enumerated().map { i, r in
            EpochMetrics(epoch: i + 1, iteration: i, trainLoss: r.train, trainAccuracy: 0.5, validationLoss: r.validation,
                         validationAccuracy: 0.5, learningRate: r.lr)
        }
        return state
    }

    @Test func risingValidationWhileTrainingFallsIsCalledOverfitting() throws {
        let state = try Self.snapshot([(1.0, 0.9, 0.1), (0.6, 0.5, 0.1), (0.4, 0.55, 0.01), (0.3, 0.7, 0.01)], stepLR: 2)
        let o = try #require(state.overfitting)
        #expect(o.bestEpoch == 2 && o.risingWhileTrainingFalls == [3, 4] && abs(o.gap - 0.4) < 1e-12)
        let text = try #require(TrainScreen.overfittingText(state))
        #expect(text.contains("Lowest validation loss 0.5 at epoch 2 of 4"))
        #expect(text.contains("at epochs 3, 4") && text.contains("overfitting"))
        #expect(TrainScreen().caption(for: state, panel: 0) == text)
        let schedule = try #require(TrainScreen().caption(for: state, panel: 2))
        #expect(schedule.hasPrefix("lr 0.1 in epochs 1–2, lr 0.01 in epochs 3–4."), "\(schedule)")
        #expect(!schedule.contains("never fires"))
    }

    @Test func fallingCurvesAndAStepLRThatNeverFires() throws {
        let state = try Self.snapshot([(1.0, 0.9, 0.0125), (0.8, 0.7, 0.0125), (0.7, 0.65, 0.0125)], stepLR: 10)
        let text = try #require(TrainScreen.overfittingText(state))
        #expect(text.contains("at epoch 3 of 3") && text.contains("no sign of overfitting"))
        let schedule = try #require(TrainScreen.scheduleText(state))
        #expect(schedule.contains("lr 0.0125 in epochs 1–3") && schedule.contains("in 3 epochs it never fires"))
    }
}
