import Foundation
import NNEngine
import NNRuns

/// Checks the engine against reference files of PyTorch values (see the golden README).
///
/// Each case kind has a checker in its own file (`ParityRunner+Ops.swift`, ...) registered in
/// `checkers`; to support a new kind, add a file with a `check...(_:)` method and one line there.
public struct ParityRunner: Sendable {
    /// Checks one case, recording mismatches in it; throws when the case cannot be checked.
    public typealias Checker = @Sendable (ParityRunner, ParityCase) throws -> Void

    /// The checker of every supported case kind.
    static let checkers: [String: Checker] = [
        "op": { try $0.checkOp($1) },
        "gain": { try $0.checkGain($1) },
        "init": { try $0.checkInit($1) },
        "experiment": { try $0.checkExperiment($1) },
        "loss": { try $0.checkLoss($1) },
        "optimizer": { try $0.checkOptimizer($1) },
        "optimizer_error": { try $0.checkOptimizerError($1) },
        "scheduler": { try $0.checkScheduler($1) },
    ]

    /// The studies `experiment` cases run.
    var studies = ExperimentStudies()

    public init() {}

    /// One case's outcome.
    public struct Outcome: Sendable {
        public var id: String
        /// Empty when the case passed.
        public var mismatches: [ParityCase.Mismatch]
        /// Why the case could not be checked (unsupported, malformed), if so.
        public var error: ParityError?

        public var passed: Bool { mismatches.isEmpty && error == nil }

        /// The report line of a failed case (nil when it passed): id, then each mismatching
        /// value with its expected and actual numbers and the largest error, or the reason.
        public var failureLine: String? {
            if let error { return "FAIL \(id): \(error)" }
            if mismatches.isEmpty { return nil }
            let values = mismatches.map { m in
                "\(m.what): expected \(m.expected), actual \(m.actual), largest error \(m.largestError)"
            }
            return "FAIL \(id): " + values.joined(separator: "; ")
        }
    }

    /// The largest reference file read (PyTorch's whole reference set is under 1 MiB).
    public static let maximumFileSize = 256 << 20

    /// Reads and parses a reference file.
    /// - Throws: `ParityError.unreadable` naming the path and why: not a regular file (a
    ///   directory, FIFO or device is never opened for a blocking read), larger than
    ///   `maximumFileSize`, not JSON, or without a `cases` array.
    public static func load(path: String) throws(ParityError) -> JSONValue {
        let data: [UInt8]
        do {
            data = try RegularFile.read(path, maximumSize: maximumFileSize)
        } catch {
            throw .unreadable(path: path, reason: error.problem)
        }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: data)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        guard document["cases"]?.arrayValue != nil else {
            throw .unreadable(path: path, reason: "no \"cases\" array")
        }
        return document
    }

    /// The file's tolerance (`meta.tolerance`), or the standard one.
    static func tolerance(of document: JSONValue) -> Tolerance {
        let t = document["meta"]?["tolerance"]
        return Tolerance(rtol: t?["rtol"]?.doubleValue ?? Tolerance.standard.rtol,
                         atol: t?["atol"]?.doubleValue ?? Tolerance.standard.atol)
    }

    /// Runs every case of a parsed reference file.
    public func run(_ document: JSONValue) -> [Outcome] {
        let tolerance = Self.tolerance(of: document)
        return (document["cases"]?.arrayValue ?? []).enumerated().map { index, json in
            run(json, index: index, tolerance: tolerance)
        }
    }

    /// Runs one case.
    func run(_ json: JSONValue, index: Int, tolerance: Tolerance) -> Outcome {
        let fallbackID = json["id"]?.stringValue ?? "case #\(index)"
        do throws(ParityError) {
            let c = try ParityCase(json, fileTolerance: tolerance)
            guard let checker = Self.checkers[c.kind] else { throw .unsupported("kind \(c.kind)") }
            do {
                try checker(self, c)
            } catch let error as ParityError {
                return Outcome(id: c.id, mismatches: c.mismatches, error: error)
            } catch {
                return Outcome(id: c.id, mismatches: c.mismatches, error: .malformed("\(error)"))
            }
            return Outcome(id: c.id, mismatches: c.mismatches, error: nil)
        } catch {
            return Outcome(id: fallbackID, mismatches: [], error: error)
        }
    }
}
