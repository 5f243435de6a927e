import NNEngine
import NNRuns
import Testing
@testable import NNStudies

/// Lesson 000's optimizer API as `nndash optim-api` runs it: what each call leaves in the
/// parameters, their gradients and the optimizer's state dict.
@Suite struct OptimizerSessionTests {
    static func finish(_ actions: [SessionAction], optimizer: OptimizerName = .SGD, lr: Double = 0.1, momentum: Double = 0.9,
                       loss: SessionLoss = .mse) throws -> OptimizerSession.Snapshot {
        var c = OptimizerSession.Configuration(actions: actions)
        (c.optimizer, c.lr, c.momentum, c.loss) = (optimizer, lr, momentum, loss)
        var study = try OptimizerSession.checked(c)
        while try study.step() != nil {}
        return try #require(study.snapshot as? OptimizerSession.Snapshot)
    }

    @Test func theLessonsWeightAndItsStepWithAGradientOfOnes() throws {
        let s = try Self.finish([.step], lr: 1, momentum: 0, loss: .sum)
        let m = try #require(s.moments.first)
        // torch.manual_seed(1); torch.randn(2, 2), less lr · 1.
        let lesson: [Double] = [0.6614, 0.2669, 0.0617, 0.6213]
        for (after, before) in zip(m.params["weight"] ?? [], lesson) { #expect(abs(after - (before - 1)) < 1e-4) }
        // SGD without momentum keeps no state, as PyTorch's state_dict shows.
        #expect(m.stateDict.state.isEmpty)
        #expect(m.stateDict.paramGroups.count == 1 && m.stateDict.paramGroups[0].params == [0])
    }

    @Test func tenStepsOfOnesGiveTheLessonsMomentumBuffer() throws {
        let s = try Self.finish(Array(repeating: .step, count: 10), loss: .sum)
        let buffer = try #require(s.moments.last?.state(of: "weight").buffers["momentum_buffer"])
        // 1 + 0.9 + … + 0.9⁹ = 6.5132, the lesson's printed state_dict.
        for v in buffer { #expect(abs(Double(v) - 6.5132) < 1e-4) }
    }

    @Test func zeroGradLeavesNoneAndSkippingItAddsGradientsUp() throws {
        let s = try Self.finish([.step, .step, .zeroGradOff, .step], loss: .sum)
        // The first step starts from None; zero_grad makes the second start from None too.
        #expect(s.moments[0].gradBefore["weight"] == .some(nil))
        #expect(s.moments[1].gradBefore["weight"] == .some(nil))
        // Without it, backward adds ones to the ones already there.
        #expect(s.moments[3].gradBefore["weight"] == .some([1, 1, 1, 1]))
        #expect(s.moments[3].grads["weight"] == .some([2, 2, 2, 2]))
        // The bias is in no group: the optimizer's zero_grad never clears it.
        #expect(s.moments[3].grads["bias"] == .some([3, 3]))
        #expect(s.moments[3].params["bias"] == [0, 0])
    }

    @Test func anAddedGroupTakesTheDefaultsItDoesNotName() throws {
        let s = try Self.finish([.step, .addGroup, .step])
        let groups = try #require(s.moments.last?.stateDict.paramGroups)
        #expect(groups.count == 2)
        #expect(groups[1].options["lr"] == .number(0.0001))
        #expect(groups[1].options["momentum"] == .number(0.9))
        #expect(s.moments.last?.groupParams(1) == ["bias"])
        #expect(s.moments.last?.state(of: "bias").buffers["momentum_buffer"] != nil)
    }

    @Test(arguments: [OptimizerName.SGD, .Adam, .RMSprop, .Rprop, .Adagrad])
    func aReloadedOptimizerGoesOnAsTheOneItReplaced(_ optimizer: OptimizerName) throws {
        let s = try Self.finish([.step, .addGroup, .step, .save, .load, .step, .step], optimizer: optimizer)
        let load = s.moments[4]
        #expect(load.refusal == nil)
        #expect(load.stateDict == s.moments[3].stateDict)
        for m in s.moments[4...] { #expect(m.gapToUninterrupted == 0, "\(optimizer) \(m.action)") }
    }

    @Test func loadingAnOlderStateRewindsOnlyTheOptimizer() throws {
        let s = try Self.finish([.step, .save, .step, .step, .load, .step])
        // The state goes back to the save; the parameters do not: the two runs part.
        #expect(s.moments[4].stateDict == s.moments[1].stateDict)
        #expect(s.moments[4].params == s.moments[3].params)
        #expect((s.moments[5].gapToUninterrupted ?? 0) > 1e-4)
    }

    @Test func refusedLoadsChangeNothing() throws {
        let s = try Self.finish([.step, .load, .save, .addGroup, .load])
        #expect(s.moments[1].refusal?.hasPrefix("nothing saved") == true)
        #expect(s.moments[1].gapToUninterrupted == nil)
        // A state dict of one group into an optimizer of two: load_state_dict refuses, as PyTorch's does.
        let refused = try #require(s.moments[4].refusal)
        #expect(refused.contains("parameter groups"), "\(refused)")
        #expect(s.moments[4].stateDict == s.moments[3].stateDict)
    }

    @Test func adamsStateIsStepAndBothAverages() throws {
        let s = try Self.finish([.step, .step], optimizer: .Adam)
        let state = try #require(s.moments.last?.state(of: "weight"))
        #expect(state.scalars["step"] == 2)
        #expect(Set(state.buffers.keys) == ["exp_avg", "exp_avg_sq"])
    }

    @Test func everyMomentSurvivesItsRecordedMetrics() throws {
        for optimizer in [OptimizerName.SGD, .Adam, .Rprop] {
            let s = try Self.finish(OptimizerSession.Configuration.lessonActions + [.load], optimizer: optimizer)
            for m in s.moments {
                let rebuilt = try #require(OptimizerSession.Moment(metrics: m.metrics))
                #expect(rebuilt.stateDict == m.stateDict, "\(optimizer) \(m.action)")
                #expect(rebuilt.params == m.params && rebuilt.grads == m.grads && rebuilt.gradBefore == m.gradBefore)
                #expect(rebuilt.loss == m.loss && rebuilt.gapToUninterrupted == m.gapToUninterrupted)
                #expect((rebuilt.refusal == nil) == (m.refusal == nil))
            }
        }
    }

    @Test func aRecordedRunRebuildsTheSnapshot() throws {
        var study = try OptimizerSession.checked(.init())
        let recorded = try study.recordedToTheEnd()
        let live = try #require(study.snapshot as? OptimizerSession.Snapshot)
        let rebuilt = try OptimizerSession.Snapshot(recorded: recorded)
        #expect(rebuilt.configuration == live.configuration)
        #expect(rebuilt.moments.count == live.moments.count)
        #expect(rebuilt.moments.map(\.stateDict) == live.moments.map(\.stateDict))
    }

    @Test func aRecordedCallThatIsNotOneIsRefused() {
        var params = OptimizerSession.Configuration().params
        if case .object(var members) = params {
            members = members.map { $0.0 == "actions" ? ($0.0, ["step", "rm -rf"]) : $0 }
            params = .object(members)
        }
        #expect(throws: RecordedRunError.self) { try OptimizerSession.Configuration(params: params) }
    }
}
