import NNCharts
import NNRuns
import NNStudies
import NNText

/// The learning-rate range test: loss against lr on a log axis, each suggestion a letter on
/// the smoothed curve at the point it picked.
struct LRFindScreen: StudyScreen {
    let study = "lr-find"

    func title(for snapshot: LRFinder.Snapshot?) -> String { "learning-rate range test" }

    /// The letter that marks a suggestion on the curve.
    static func glyph(_ suggestion: LRSuggestions.Suggestion) -> Character {
        switch suggestion.name {
        case "valley": "V"
        case "slide": "S"
        case "minimum": "M"
        case "steep": "T"
        case "lightning": "L"
        default: suggestion.name.uppercased().first ?? "?"
        }
    }

    func panels(for snapshot: LRFinder.Snapshot) -> [Panel] {
        // Past the point where the smoothed loss passed the stop factor times its best nothing
        // is readable: the chart shows losses up to the largest smoothed loss before it.
        let cap = snapshot.cap ?? .infinity
        let curves = [("loss", snapshot.losses), ("smoothed loss", snapshot.smoothed)].map { label, y in
            let kept = y.indices.filter { y[$0].isFinite && y[$0] <= cap }
            return Series(label: label, x: kept.map { snapshot.lrs[$0] }, y: kept.map { y[$0] })
        }
        let callouts = snapshot.suggestions.filter { $0.pointLR > 0 && $0.pointLoss.isFinite }.map {
            Callout(x: $0.pointLR, y: $0.pointLoss, glyph: Self.glyph($0))
        }
        let until = "until the smoothed loss passed \(NumberFormat.short(snapshot.range.divergenceFactor))x its best"
        return [Panel(title: "loss by learning rate (\(until))",
                      xLabel: "lr", yLabel: "loss", series: curves, logX: true, callouts: callouts)]
    }

    func findings(for snapshot: LRFinder.Snapshot, unicode: Bool) -> [Finding] {
        var lines = [Finding(text: "Suggestions (letters on the smoothed curve)", tone: .heading)]
        let all = snapshot.suggestions
        for (i, s) in all.enumerated() {
            let source = s.name == "lightning" ? "Lightning" : "fastai \(s.name)"
            // A later suggestion at the same point is drawn over this one's letter.
            let cover = all[(i + 1)...].last { $0.pointLR == s.pointLR && $0.pointLoss == s.pointLoss }
            let under = cover.map { " (under \(Self.glyph($0)))" } ?? ""
            lines.append(Finding(text: "\(Self.glyph(s)) \(source): \(NumberFormat.short(s.lr))\(under)", tone: s.name == "valley" ? .good : .plain))
            lines.append(Finding(text: "  \(s.rule)" + (s.lr == s.pointLR ? "" : " (\(NumberFormat.short(s.pointLR)))"), tone: .dim))
        }
        lines.append(Finding(text: ""))
        lines.append(Finding(text: counted(snapshot.lrs.count, "iteration"), tone: .dim))
        if let stop = snapshot.stop { lines.append(Finding(text: "stopped: \(stop.text)", tone: .dim)) }
        return lines
    }
}
