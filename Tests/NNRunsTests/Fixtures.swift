import Foundation

/// Locates the test fixtures and builds temporary folders.
enum Fixtures {
    static let logs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/logs")

    /// Logs with restarted and repeated steps and hyperparameters, and what TensorBoard's data
    /// server shows of them (`Fixtures/dataserver/generate.py`).
    static let dataServer = logs.deletingLastPathComponent().appendingPathComponent("dataserver")

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: logs.appendingPathComponent(relative)))
    }

    /// The event file of a fixture run folder.
    static func eventFile(_ folder: String) throws -> String {
        let url = logs.appendingPathComponent(folder)
        let name = try FileManager.default.contentsOfDirectory(atPath: url.path).first { $0.contains("tfevents") }!
        return folder + "/" + name
    }

    /// A new empty folder under the temporary directory.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nndash-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The byte ranges of the TFRecords in `bytes` (lengths trusted, CRCs not checked).
    static func records(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        while i + 12 <= bytes.count {
            var length = 0
            for k in 0..<8 { length |= Int(bytes[i + k]) << (8 * k) }
            ranges.append(i..<(i + 16 + length))
            i += 16 + length
        }
        return ranges
    }
}
