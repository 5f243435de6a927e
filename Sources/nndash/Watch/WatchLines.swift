import NNCharts
import NNRuns
import NNText

/// Line mode's memory (`nndash watch` when standard output is not a terminal): the step and
/// value it last printed of each run's tag, so that each print says only what is new.
///
/// A line is one run at one step: `NAME [FORMAT] step=S TAG=VALUE TAG=VALUE`, the tags whose
/// newest point is at step S and whose value differs from the one printed before (a value
/// logged again unchanged, as a constant learning rate, is not repeated); a run whose tags
/// are at different steps gets a line per step. Values are written as the table and the legends write
/// them (`NumberFormat.short`), names and tags display-safe.
struct WatchLines {
    /// Per run index, per raw tag: the value printed last.
    private var printed: [Int: [String: Double]] = [:]

    /// The lines for what `runs` gained since the last call.
    /// - Parameters:
    ///   - changed: the runs that may have changed (new or grown); the others are not looked at.
    ///   - restarted: runs read again from the start: their memory starts over, and a line says so.
    mutating func lines(for runs: [LogRun], changed: [Int], restarted: [Int] = []) -> [String] {
        var out: [String] = []
        var seen = Set<Int>()
        for r in restarted + changed where runs.indices.contains(r) && seen.insert(r).inserted {
            let run = runs[r]
            let label = "\((run.displayName ?? run.name).displaySafe) [\(run.format.rawValue)]"
            if restarted.contains(r) {
                printed[r] = nil
                out.append("\(label) restarted: read again from the start")
            }
            var memory = printed[r] ?? [:]
            // Each step's new values, steps in the order their first tag appears.
            var steps: [(step: Int64, values: [String])] = []
            for scalar in run.scalars {
                guard let step = scalar.steps.last, let value = scalar.y.last else { continue }
                if let last = memory[scalar.label], Self.same(last, value) { continue }
                memory[scalar.label] = value
                let text = "\(scalar.label.displaySafe)=\(NumberFormat.short(value))"
                if let i = steps.firstIndex(where: { $0.step == step }) {
                    steps[i].values.append(text)
                } else {
                    steps.append((step, [text]))
                }
            }
            printed[r] = memory
            for (step, values) in steps {
                out.append("\(label) step=\(step) " + values.joined(separator: " "))
            }
        }
        return out
    }

    /// Whether a value is the one printed before (NaN is the same as NaN).
    private static func same(_ a: Double, _ b: Double) -> Bool {
        a == b || (a.isNaN && b.isNaN)
    }
}
