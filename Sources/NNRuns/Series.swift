/// One curve of a study: y against x, with the parameters that produced it.
public struct Series: Hashable, Sendable {
    /// What the legend shows, e.g. `lr=0.0100`.
    public var label: String
    /// The parameters of this curve, e.g. `{"lr": 0.01}`.
    public var params: JSONValue
    /// Which panel of the study the curve belongs to (`loss`, `x`, ...); nil for the main one.
    public var panel: String?
    public var x: [Double]
    public var y: [Double]

    public init(label: String, params: JSONValue = [:], panel: String? = nil, x: [Double] = [], y: [Double] = []) {
        self.label = label
        self.params = params
        self.panel = panel
        self.x = x
        self.y = y
    }

    public mutating func append(x: Double, y: Double) {
        self.x.append(x)
        self.y.append(y)
    }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("label", .string(label)), ("params", params)]
        if let panel { members.append(("panel", .string(panel))) }
        members.append(("x", JSONValue(x)))
        members.append(("y", JSONValue(y)))
        return .object(members)
    }
}
