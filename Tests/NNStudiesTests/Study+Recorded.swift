import NNRuns
@testable import NNStudies

extension Study {
    /// Runs the study to its end and returns its metrics as a run folder records them: one series
    /// a metric of each series, the step as x, for a replayed snapshot to be rebuilt from.
    mutating func recordedToTheEnd() throws -> StudyReport {
        var series: [[String]: Series] = [:]
        while let records = try step() {
            for r in records {
                for (name, value) in r.values {
                    series[[r.series, name], default: Series(label: r.series, panel: name)].append(x: Double(r.step), y: value)
                }
            }
        }
        return StudyReport(study: Self.name, params: params, series: Array(series.values))
    }
}
