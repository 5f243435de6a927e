import Foundation
import NNRuns
import Testing

/// Links to log folders and files are followed as TensorBoard follows them, loops included.
@Suite struct SymlinkTests {
    let folder: URL

    init() throws { folder = try Fixtures.temporaryFolder() }

    func writeEvents(_ relative: String) throws {
        var writer = EventFileWriter()
        writer.append(EventFileWriter.event(step: 1, scalars: [("loss", 0.5)]))
        let url = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(writer.bytes).write(to: url)
    }

    func link(_ name: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(name).path,
                                                   withDestinationPath: destination)
    }

    @Test func aLinkToALogFolderIsWatched() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeEvents("real/events.out.tfevents.1")
        try link("tblink", to: folder.appendingPathComponent("real").path)
        let runs = try RunWatcher.read(paths: [folder.appendingPathComponent("tblink").path])
        #expect(runs.map(\.name) == ["tblink"])
        #expect(runs.first?.scalar("loss")?.steps == [1])
    }

    @Test func linksInsideAFolderAreFollowedOnceAndLoopsEnd() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let elsewhere = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try writeEvents("logs/a/events.out.tfevents.1")
        var writer = EventFileWriter()
        writer.append(EventFileWriter.event(step: 2, scalars: [("loss", 0.25)]))
        try Data(writer.bytes).write(to: elsewhere.appendingPathComponent("events.out.tfevents.2"))
        try link("logs/b", to: elsewhere.path)  // a run kept elsewhere
        try link("logs/a/again", to: folder.appendingPathComponent("logs/a").path)  // a loop
        try link("logs/a/up", to: folder.appendingPathComponent("logs").path)  // a loop through the root
        try link("logs/latest", to: "a")  // a second way to a listed folder
        let runs = try RunWatcher.read(paths: [folder.appendingPathComponent("logs").path])
        #expect(runs.map(\.name).sorted() == ["a", "b"])
        #expect(runs.first { $0.name == "b" }?.scalar("loss")?.steps == [2])
    }
}
