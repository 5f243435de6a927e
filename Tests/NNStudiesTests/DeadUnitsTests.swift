import NNEngine
import NNRuns
@testable import NNStudies
import Testing

/// Dead ReLU units: a dead unit (w·x + b ≤ 0 for every input) gets no gradient and never comes
/// back, while leaky ReLU keeps every unit learning; counted against an independent
/// recomputation of the pre-activations.
@Suite struct DeadUnitsTests {
    @Test func aUnitIsDeadOnlyWhenNoInputLiftsItAboveZero() {
        // Three samples of four units; unit 0 is ≤ 0 everywhere, unit 1 once above, unit 2 at exactly 0, unit 3 NaN once.
        let z: [Float] = [-1, -1, 0, -2,
                          -3, 0.5, 0, .nan,
                          0, -2, -0.0, -1]
        #expect(DeadUnits.deadUnits(preActivations: z, units: 4) == [true, false, true, false])
    }

    @Test func aUnitIsSilentOnlyWhenItsWholeRowAndBiasGetZero() {
        let weightGrad: [Float] = [0, 0, 0, 1, 0, 0]
        #expect(DeadUnits.silentUnits(weightGrad: weightGrad, biasGrad: [0, 0, 0.5], units: 3) == 1)
        #expect(DeadUnits.silentUnits(weightGrad: weightGrad, biasGrad: [0, 0, 0], units: 3) == 2)
    }

    /// The dead units at step 0, recomputed in Double from the same seed's weights and data.
    @Test(arguments: [UInt64(0), 3, 11])
    func theFirstCountIsThePreActivationsOwn(seed: UInt64) throws {
        print("dead-relu seed \(seed)")
        let c = DeadUnits.Configuration(lr: 6, hidden: 24, steps: 1, biasShift: -0.3, seed: seed, pointsPerClass: 40)
        var study = DeadUnits(c)
        _ = try study.step()
        let snapshot = try #require(study.snapshot as? DeadUnits.Snapshot)
        let layer = Linear(inFeatures: 2, outFeatures: c.hidden, generator: Generator(seed: seed))
        let w = layer.weight.toArray(), b = try #require(layer.bias?.toArray())
        let data = Dataset.moons(pointsPerClass: c.pointsPerClass, seed: seed)
        var dead = 0
        for j in 0..<c.hidden {
            let bias = Double(b[j]) + c.biasShift
            let anyAbove = (0..<data.labels.count).contains { i in
                Double(w[2 * j]) * Double(data.features[2 * i]) + Double(w[2 * j + 1]) * Double(data.features[2 * i + 1]) + bias > 1e-6
            }
            if !anyAbove { dead += 1 }
        }
        for trace in snapshot.traces { #expect(snapshot.units(trace.dead[0]) == dead, "\(trace.label)") }
    }

    /// ReLU: dead units never come back, so the count never falls, and they are exactly the
    /// units without a gradient. Leaky ReLU: every unit has a gradient at every step.
    @Test(arguments: [(6.0, 0.0), (5.0, -0.5), (1.0, 0.0)])
    func deadReLUUnitsStayDeadAndLeakyUnitsKeepLearning(lr: Double, bias: Double) throws {
        let c = DeadUnits.Configuration(lr: lr, hidden: 32, steps: 120, biasShift: bias)
        print("dead-relu lr \(lr) bias \(bias) seed \(c.seed)")
        let snapshot = try #require(try runToEnd(DeadUnits(c)) as? DeadUnits.Snapshot)
        let relu = snapshot.traces[0], leaky = snapshot.traces[1]
        #expect(relu.loss.count == c.steps)
        for i in relu.dead.indices.dropFirst() { #expect(relu.dead[i] >= relu.dead[i - 1], "step \(i)") }
        #expect(relu.revived.allSatisfy { $0 == 0 })
        #expect(relu.silent == relu.dead)
        #expect(leaky.silent.allSatisfy { $0 == 0 })
    }

    /// The default run: ReLU loses most of its units and its loss stalls; leaky ReLU does not.
    @Test func theDefaultRunKillsReLUUnitsAndNotLeakyOnes() throws {
        let snapshot = try #require(try runToEnd(DeadUnits()) as? DeadUnits.Snapshot)
        let relu = snapshot.traces[0], leaky = snapshot.traces[1]
        let reluDead = try #require(relu.dead.last), leakyDead = try #require(leaky.dead.last)
        let reluLoss = try #require(relu.loss.last), leakyLoss = try #require(leaky.loss.last)
        #expect(reluDead > 0.5)
        #expect(leakyDead < reluDead)
        #expect(reluLoss > 100 * leakyLoss)
        #expect(snapshot.firstDeath(relu) != nil)
    }

    @Test func aRecordedRunIsRebuiltAsItWasRun() throws {
        var study = DeadUnits(.init(hidden: 8, steps: 30))
        let recorded = try study.recordedToTheEnd()
        let live = try #require(study.snapshot as? DeadUnits.Snapshot)
        let rebuilt = try DeadUnits.Snapshot(recorded: recorded)
        #expect(rebuilt.traces.map(\.loss) == live.traces.map(\.loss))
        #expect(rebuilt.traces.map(\.dead) == live.traces.map(\.dead))
        #expect(rebuilt.traces.map(\.revived) == live.traces.map(\.revived))
    }

    private func runToEnd(_ study: DeadUnits) throws -> any StudySnapshot {
        var study = study
        while try study.step() != nil {}
        return study.snapshot
    }
}
