/// A path drawn over a heatmap, such as an optimizer's steps across a loss surface.
public struct HeatmapPath: Sendable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    /// Colour of the path; nil takes the heatmap's path palette colour for its position.
    public var color: Color?
    /// The key that shows and hides the path, written before its legend entry.
    public var key: Character?
    /// Whether the path is hidden: its legend entry stays, dimmed and marked, and it is not drawn.
    public var isHidden = false

    /// - Parameters:
    ///   - name: shown in the legend.
    ///   - x: the points' x, in the heatmap's x range.
    ///   - y: the points' y; the path ends at the first non-finite point.
    public init(name: String, x: [Double], y: [Double], color: Color? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.color = color
    }

    /// The points up to (not including) the first non-finite one, and whether one was met.
    var finitePoints: (points: [(x: Double, y: Double)], diverged: Bool) {
        var points: [(x: Double, y: Double)] = []
        for (px, py) in zip(x, y) {
            guard px.isFinite, py.isFinite else { return (points, true) }
            points.append((px, py))
        }
        return (points, false)
    }
}
