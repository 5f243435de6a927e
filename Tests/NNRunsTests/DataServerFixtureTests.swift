import Foundation
import NNRuns
import Testing

/// `watch --json` against what TensorBoard's data server (`tensorboard --load_fast=true`)
/// serves over HTTP of logs written by torch's SummaryWriter, tensorboardX and Lightning's
/// TensorBoardLogger: a run resumed without purge_step, repeated and restarted steps, Lightning's
/// `epoch` logged twice per step, and hyperparameters (Fixtures/dataserver/expected.json).
@Suite struct DataServerFixtureTests {
    let expected: JSONValue
    let nndash: [String: JSONValue]

    init() throws {
        expected = try JSONValue(parsing: Array(try Data(contentsOf: Fixtures.dataServer.appendingPathComponent("expected.json"))))
        let runs = try RunWatcher.read(paths: [Fixtures.dataServer.appendingPathComponent("logs").path])
        var text = ""
        LogRun.writeJSON(runs, to: &text)
        let printed = try #require(try JSONValue(parsing: text)["runs"]?.arrayValue)
        nndash = Dictionary(uniqueKeysWithValues: printed.map { ($0["run"]?.stringValue ?? "", $0) })
    }

    /// A `[step, value]` pair.
    static func point(_ pair: JSONValue) -> (step: Int?, value: Double?) {
        let items = pair.arrayValue ?? []
        return (items.first?.intValue, items.count == 2 ? items[1].doubleValue : nil)
    }

    /// The steps of one of nndash's series.
    func steps(_ run: String, _ tag: String) -> [Int?] {
        (nndash[run]?["scalars"]?[tag]?.arrayValue ?? []).map { Self.point($0).step }
    }

    @Test func everyPointIsThePointTheDataServerServes() throws {
        let runs = try #require(expected["scalars"]?.objectValue)
        #expect(Set(nndash.keys) == Set(runs.map(\.0)))
        for (name, tags) in runs {
            let run = try #require(nndash[name], "run \(name)")
            let scalars = try #require(run["scalars"]?.objectValue, "\(name)")
            let tags = try #require(tags.objectValue)
            #expect(Set(scalars.map(\.0)) == Set(tags.map(\.0)), "\(name)")
            for (tag, points) in tags {
                let mine = try #require(run["scalars"]?[tag]?.arrayValue, "\(name) \(tag)")
                let theirs = try #require(points.arrayValue)
                #expect(mine.count == theirs.count, "\(name) \(tag)")
                for (a, b) in zip(mine.map(Self.point), theirs.map(Self.point)) {
                    #expect(a.step == b.step, "\(name) \(tag)")
                    #expect(a.value?.bitPattern == b.value?.bitPattern, "\(name) \(tag) step \(b.step ?? -1)")
                }
            }
        }
    }

    @Test func theDataServersRuleCutWhatTheIssueSaid() throws {
        // The cases as reported: 150 points of a resumed run, 3 of steps 0,1,2,2,3,1,4, and
        // Lightning's epoch once per step (15 steps in 3 epochs).
        #expect(nndash["resumed"]?["scalars"]?["train/loss"]?.arrayValue?.count == 150)
        #expect(steps("repeated", "loss") == [0, 1, 4])
        #expect(steps("lightning/version_0", "epoch") == Array(0..<15))
        for (name, replaced) in [("resumed", 50), ("repeated", 4)] {
            let warnings = nndash[name]?["warnings"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(warnings.count == 1 && warnings[0].hasPrefix("\(replaced) points replaced by later ones"), "\(name): \(warnings)")
        }
    }

    @Test func hyperparametersAreWhatTheHparamsPluginShows() throws {
        let sessions = try #require(expected["hparams"]?.objectValue)
        #expect(sessions.count == 3)
        for (name, run) in nndash {
            let params = try #require(run["params"]?.objectValue, "\(name)")
            guard let hparams = sessions.first(where: { $0.0 == name })?.1.objectValue else {
                #expect(params.isEmpty, "\(name) has no hparams session")
                continue
            }
            #expect(Set(params.map(\.0)) == Set(hparams.map(\.0)), "\(name)")
            for (key, value) in hparams {
                let mine = try #require(run["params"]?[key]?.stringValue, "\(name) \(key)")
                if let text = value.stringValue {
                    #expect(mine == text, "\(name) \(key)")
                } else {
                    #expect(Double(mine) == value.doubleValue, "\(name) \(key): \(mine) against \(value)")
                }
            }
        }
    }
}
