import Foundation
import NNRuns
import Testing

@testable import NNParity

/// The losses, optimizers, schedulers and optimizer experiments against PyTorch's reference file.
struct LossOptimSchedulerParityTests {
    static let cases: [JSONValue] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/golden/torch_reference.json")
        guard let data = try? Data(contentsOf: url), let root = try? JSONValue(parsing: data) else { return [] }
        return root["cases"]?.arrayValue ?? []
    }()

    static func ids(kind: String, name: String? = nil) -> [String] {
        cases.filter { $0["kind"]?.stringValue == kind && (name == nil || $0["name"]?.stringValue == name) }
            .compactMap { $0["id"]?.stringValue }
    }

    static func run(_ id: String, _ check: (JSONValue) throws -> ToleranceCheck) throws {
        let json = try #require(cases.first { $0["id"]?.stringValue == id })
        let result = try check(json)
        #expect(result.failures.isEmpty, "\(id): \(result.failures.joined(separator: "; "))")
    }

    @Test func fixtureHasTheCases() {
        #expect(Self.ids(kind: "loss").count == 113)
        #expect(Self.ids(kind: "optimizer").count == 20)
        #expect(Self.ids(kind: "scheduler").count == 15)
    }

    @Test(arguments: ids(kind: "loss"))
    func loss(_ id: String) throws { try Self.run(id, LossParity.check) }

    @Test(arguments: ids(kind: "optimizer"))
    func optimizer(_ id: String) throws { try Self.run(id, OptimizerParity.check) }

    @Test(arguments: ids(kind: "scheduler"))
    func scheduler(_ id: String) throws { try Self.run(id, SchedulerParity.check) }

    @Test(arguments: ids(kind: "experiment", name: "momentum"))
    func momentum(_ id: String) throws { try Self.run(id, MomentumExperimentParity.check) }

    @Test(arguments: ids(kind: "experiment", name: "temperature_regression"))
    func temperatureRegression(_ id: String) throws { try Self.run(id, TemperatureRegressionParity.check) }
}
