import Foundation
import NNEngine
import NNRuns
import Testing
@testable import NNStudies

/// Transforms against torchvision's outputs on the same images and seeds
/// (Fixtures/transforms/expected.json, written by make_fixtures.py with real torchvision).
@Suite("Image transforms against torchvision")
struct TransformTests {
    static let folder = Golden.fixtures.appendingPathComponent("transforms")

    static let cases: [JSONValue] = {
        let url = folder.appendingPathComponent("expected.json")
        guard let data = try? Data(contentsOf: url), let value = try? JSONValue(parsing: data) else {
            fatalError("cannot read \(url.path)")
        }
        return value["cases"]?.arrayValue ?? []
    }()

    static func image(_ name: String) throws -> PixelImage {
        try PixelImage(decoding: Array(try Data(contentsOf: folder.appendingPathComponent(name))))
    }

    @Test(arguments: 0..<cases.count)
    func matchesTorchvision(_ number: Int) throws {
        let reference = Self.cases[number]
        let name = try #require(reference["image"]?.stringValue)
        let text = try #require(reference["pipeline"]?.stringValue)
        let seed = try #require(reference["seed"]?.intValue)
        let shape = (reference["shape"]?.arrayValue ?? []).compactMap { $0.intValue }
        let expected = (reference["values"]?.arrayValue ?? []).compactMap { $0.doubleValue }
        let image = try Self.image(name)
        let pipeline = try ImagePipeline(parsing: text)
        #expect(try pipeline.outputShape(channels: image.channels, height: image.height, width: image.width) == shape, "\(text)")
        let values = pipeline.apply(image, generator: Generator(seed: UInt64(seed)))
        try #require(values.count == expected.count, "\(text) seed \(seed)")
        // ToTensor and Normalize are float32 arithmetic as in torch: equal up to float rounding.
        let worst = zip(values, expected).map { abs(Double($0) - $1) }.max() ?? 0
        #expect(worst <= 1e-6, "\(name) \(text) seed \(seed): largest difference \(worst)")
    }

    @Test func theLessonPresetIsItsPipeline() throws {
        #expect(try ImagePipeline(parsing: "lesson001") == ImagePipeline.lesson001)
        let text = "Resize((32,32)),RandomCrop(32,padding=4),RandomGrayscale(p=0.8),ToTensor(),Normalize([0.485,0.456,0.406],[0.229,0.224,0.225])"
        #expect(try ImagePipeline(parsing: text) == .lesson001)
        // The description parses back to the same pipeline.
        #expect(try ImagePipeline(parsing: ImagePipeline.lesson001.description) == .lesson001)
        #expect(ImagePipeline.lesson001.deterministic.description
            == "Resize((32,32)),ToTensor(),Normalize([0.485,0.456,0.406],[0.229,0.224,0.225])")
    }

    @Test(arguments: [
        "", "Resize(", "Resize(0)", "Resize(1e9)", "Blur(3)", "Normalize([0.5],[0])", "ToTensor(),Resize(3)",
        "RandomCrop(4,padding=-1)", "RandomHorizontalFlip(2)", "Resize(3,4,5)", "Normalize([0.5,0.5],[1,1])",
        "RandomCrop(4,padding=(1,2,3))", "Resize(nan)", "Grayscale(2)", "Resize(3),,ToTensor()", "Resize(x=3)",
    ])
    func badPipelinesAreRefused(_ text: String) {
        #expect(throws: PipelineError.self) { try ImagePipeline(parsing: text) }
    }

    @Test func shapesThatDoNotFitAreRefusedBeforeApplying() throws {
        let crop = try ImagePipeline(parsing: "RandomCrop(40)")
        #expect(throws: PipelineError.self) { try crop.outputShape(channels: 3, height: 20, width: 20) }
        let normalize = try ImagePipeline(parsing: "ToTensor(),Normalize([0.5,0.5,0.5],[0.2,0.2,0.2])")
        #expect(throws: PipelineError.self) { try normalize.outputShape(channels: 1, height: 5, width: 5) }
        #expect(try normalize.outputShape(channels: 3, height: 5, width: 7) == [3, 5, 7])
    }
}
