/// The state of a study at one moment: what `--json` prints and what the dashboard draws.
public struct StudyReport: Hashable, Sendable {
    public var study: String
    public var params: JSONValue
    public var series: [Series]
    public var summary: JSONValue

    public init(study: String, params: JSONValue, series: [Series] = [], summary: JSONValue = [:]) {
        self.study = study
        self.params = params
        self.series = series
        self.summary = summary
    }

    /// `{"study": ..., "params": {...}, "series": [...], "summary": {...}}`
    public var json: JSONValue {
        .object([
            ("study", .string(study)), ("params", params),
            ("series", .array(series.map(\.json))), ("summary", summary),
        ])
    }
}
