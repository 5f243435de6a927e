import Foundation

/// What the x axis of the watch view measures.
enum XMode: CaseIterable, Sendable {
    /// The step the log gave each point.
    case step
    /// Seconds since the curve's first point (TensorBoard's "relative").
    case relative
    /// Seconds on the clock, counted from the first time seen (TensorBoard's "wall").
    case wall

    /// The next mode, in the order `x` cycles through them.
    var next: XMode {
        let all = XMode.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    var name: String {
        switch self {
        case .step: return "step"
        case .relative: return "relative time"
        case .wall: return "wall time"
        }
    }

    /// The axis title, given the origin of wall times (seconds since 1970).
    func axisTitle(wallOrigin: Double?) -> String {
        switch self {
        case .step: return "step"
        case .relative: return "seconds from the start"
        case .wall:
            guard let wallOrigin else { return "seconds" }
            return "s after \(Self.clock(wallOrigin)) UTC"
        }
    }

    /// `HH:MM:SS` of `time` (seconds since 1970, any finite value) in UTC; `--:--:--` for
    /// a time that is not finite.
    static func clock(_ time: Double) -> String {
        guard time.isFinite else { return "--:--:--" }
        var day = time.rounded(.down).truncatingRemainder(dividingBy: 86_400)
        if day < 0 { day += 86_400 }
        let seconds = Int(day) % 86_400
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))"
    }
}
