import Foundation
import NNRuns
import NNTestSupport
import Testing
@testable import NNStudies

/// `nndash train --data folder:PATH` on PNG and JPEG files written by the test.
@Suite struct ImageFolderCommandTests {
    /// A class-per-folder tree of stripes: `horizontal` and `vertical`, grey and RGB, PNG and
    /// JPEG, 20 to 40 pixels a side, with random phase, colour and noise; plus one corrupt file.
    static func stripes(at root: URL, trainPerClass: Int, validPerClass: Int, seed: UInt64) throws {
        var random = SeededRandom("stripes folder", seed: seed)
        for (split, count) in [("train", trainPerClass), ("valid", validPerClass)] {
            for (k, name) in ["horizontal", "vertical"].enumerated() {
                let folder = root.appendingPathComponent("\(split)/\(name)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for i in 0..<count {
                    let (w, h) = (Int.random(in: 20...40, using: &random), Int.random(in: 20...40, using: &random))
                    let channels = i % 3 == 0 ? 1 : 3
                    let period = Double(Int.random(in: 6...9, using: &random)), phase = Double.random(in: 0..<period, using: &random)
                    let tint = (0..<3).map { _ in Double.random(in: 0.5...1, using: &random) }
                    var pixels: [UInt8] = []
                    for y in 0..<h {
                        for x in 0..<w {
                            let t = Double(k == 0 ? y : x) * Double(32) / Double(k == 0 ? h : w)
                            let on = (t + phase).truncatingRemainder(dividingBy: period) < period / 2
                            for c in 0..<channels {
                                let value = (on ? 220 : 40) * tint[c] + Double.random(in: -20...20, using: &random)
                                pixels.append(UInt8(max(0, min(255, value))))
                            }
                        }
                    }
                    let image = PixelImage(width: w, height: h, channels: channels, pixels: pixels)
                    let jpeg = i % 2 == 1
                    try Data(jpeg ? image.jpegData() : image.pngData())
                        .write(to: folder.appendingPathComponent("\(i).\(jpeg ? "jpg" : "png")"))
                }
            }
        }
        try Data("not a picture".utf8).write(to: root.appendingPathComponent("train/vertical/corrupt.png"))
    }

    @Test func leNetLearnsAnImageFolder() throws {
        let root = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.stripes(at: root, trainPerClass: 40, validPerClass: 10, seed: 21)
        let result = try Binary.run(["train", "--json", "--no-record", "--model", "lenet", "--data", "folder:\(root.path)",
                                     "--optimizer", "Adam", "--lr", "0.003", "--epochs", "4", "--batch-size", "8"])
        #expect(result.status == 0, "\(result.stderr)")
        // The corrupt file is reported, not fatal.
        #expect(result.stderr.contains("train/vertical/corrupt.png"), "\(result.stderr)")
        let json = try JSONValue(parsing: result.stdout)
        #expect(json["summary"]?["classes"] == .array(["horizontal", "vertical"]))
        let accuracy = try #require(json["summary"]?["final_validation_accuracy"]?.doubleValue)
        #expect(accuracy >= 0.9, "validation accuracy \(accuracy)")
    }

    @Test func aResumedAugmentedRunFollowsTheSameTrajectory() throws {
        let root = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.stripes(at: root.appendingPathComponent("data"), trainPerClass: 6, validPerClass: 2, seed: 22)
        let checkpoint = root.appendingPathComponent("run.json").path
        let common = ["train", "--json", "--no-record", "--model", "lenet", "--data", "folder:\(root.path)/data",
                      "--transform", "Resize((16,16)),RandomCrop(16,padding=2),RandomHorizontalFlip(),ToTensor(),Normalize([0.5],[0.5])",
                      "--batch-size", "4"]
        let straight = try Binary.run(common + ["--epochs", "2"])
        #expect(straight.status == 0, "\(straight.stderr)")
        let first = try Binary.run(common + ["--epochs", "1", "--checkpoint", checkpoint])
        #expect(first.status == 0, "\(first.stderr)")
        let resumed = try Binary.run(common + ["--epochs", "2", "--resume", checkpoint])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let a = try JSONValue(parsing: straight.stdout), b = try JSONValue(parsing: resumed.stdout)
        #expect(a["summary"]?["epochs"] == b["summary"]?["epochs"])
        #expect(a["params"]?["transform"] == b["params"]?["transform"])
        // Another pipeline beside --resume is refused: the run keeps its saved transforms.
        let other = try Binary.run(["train", "--no-record", "--resume", checkpoint, "--transform", "Resize((16,16)),ToTensor()"])
        #expect(other.status == 2 && other.stderr.contains("--transform"), "\(other.stderr)")
    }

    @Test func theLessonRecipeRunsItsSettingsOnAFolder() throws {
        let root = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.stripes(at: root, trainPerClass: 8, validPerClass: 2, seed: 23)
        let result = try Binary.run(["train", "--json", "--no-record", "--recipe", "lesson001", "--data", "folder:\(root.path)", "--epochs", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let params = try #require(try JSONValue(parsing: result.stdout)["params"])
        #expect(params["model"] == "lenet" && params["batch_size"] == 16 && params["lr"] == 0.0125 && params["momentum"] == 0.9)
        #expect(params["scheduler"] == "StepLR" && params["step_size"] == 10 && params["gamma"] == 0.1)
        #expect(params["transform"]?.stringValue == ImagePipeline.lesson001.description)
        // Without a folder the recipe says what it needs.
        let bare = try Binary.run(["train", "--no-record", "--recipe", "lesson001"])
        #expect(bare.status == 2 && bare.stderr.contains("--data"), "\(bare.stderr)")
    }

    @Test func aDatasetThatCannotBeDownloadedSaysWhatToDo() throws {
        let root = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // Port 9 on this machine: nothing listens, the connection is refused at once.
        let result = try Binary.run(["train", "--no-record", "--data", "mnist", "--data-root", root.path,
                                     "--data-mirror", "http://127.0.0.1:9/mnist/"])
        #expect(result.status == 2)
        let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains("--data mnist") && last.contains("http://127.0.0.1:9/mnist/train-images-idx3-ubyte.gz"), "\(result.stderr)")
        #expect(last.contains("Without a network") && last.contains(root.path + "/mnist/"), "\(result.stderr)")
    }

    @Test(arguments: [
        (["train", "--data", "folder:"], ["--data", "folder:"]),
        (["train", "--data", "folder:/nonexistent/images", "--no-record"], ["/nonexistent/images"]),
        (["train", "--transform", "Blur(3)"], ["--transform", "Blur"]),
        (["train", "--data", "spiral", "--transform", "ToTensor()", "--no-record"], ["--data", "transforms"]),
    ])
    func badFolderOptionsAreOneLineErrors(arguments: [String], mentions: [String]) throws {
        let result = try Binary.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "stderr: \(result.stderr)")
        for word in mentions { #expect(result.stderr.contains(word), "stderr: \(result.stderr)") }
    }
}
