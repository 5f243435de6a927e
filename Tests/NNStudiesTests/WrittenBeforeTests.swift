import Foundation
import NNEngine
import NNRuns
import Testing
@testable import NNStudies

/// Run folders and a checkpoint written while the studies held the optimizer's name as a String
/// (Fixtures/written-before) still load, and the typed names write the same parameters back.
@Suite struct WrittenBeforeTests {
    static let folder = Golden.fixtures.appendingPathComponent("written-before")

    static func recordedParams(_ run: String) throws -> JSONValue {
        let url = folder.appendingPathComponent("run-folders/\(run)/run.json")
        return try #require(try JSONValue(parsing: Data(contentsOf: url))["params"])
    }

    @Test func aCheckpointWrittenBeforeResumesWithTheSameParameters() throws {
        let checkpoint = try TrainingCheckpoint.read(from: Self.folder.appendingPathComponent("checkpoint-adam.json"))
        let configuration = try TrainingConfiguration(params: try JSONValue(parsing: checkpoint.params))
        #expect(configuration.optimizer == .Adam)
        #expect(configuration.params.jsonText == checkpoint.params)
        let resumed = try Training(configuration, resumingFrom: checkpoint)
        #expect(resumed.configuration.optimizer == .Adam)
        #expect(resumed.optimizer is Adam)
    }

    @Test func aTrainingRunWrittenBeforeLoads() throws {
        let params = try Self.recordedParams("train")
        let configuration = try TrainingConfiguration(params: params)
        #expect(configuration.optimizer == .Adam)
        #expect(configuration.params == params)
    }

    @Test func aRegressionRunWrittenBeforeLoads() throws {
        let params = try Self.recordedParams("regression")
        let configuration = try TemperatureRegression.Configuration(params: params)
        #expect(configuration.runs.map(\.optimizer) == [.SGD, .SGD, .Adam, .Adam])
        #expect(configuration.params == params)
    }

    @Test func anOptimizersRunWrittenBeforeLoads() throws {
        let params = try Self.recordedParams("optimizers")
        let configuration = try OptimizerPaths.Configuration(params: params)
        #expect(configuration.optimizers == [.plain(.SGD), .momentum, .plain(.Adam)])
        #expect(configuration.params == params)
    }

    @Test func anOptimizerSessionWrittenBeforeLoads() throws {
        let params = try Self.recordedParams("optim-api")
        let configuration = try OptimizerSession.Configuration(params: params)
        #expect(configuration.optimizer == .SGD)
        #expect(configuration.params == params)
    }
}
