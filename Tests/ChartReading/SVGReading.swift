import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG chart read back with an XML parser (so the file must be well-formed XML): its
/// legend, its ticks and their labels, and its series' points decoded to data values through
/// the axes the ticks define.
public struct SVGReading {
    /// A tick: where it is drawn (x for the x axis, y for the y axis) and the value its label names.
    public struct Tick: Sendable {
        public var pixel: Double
        public var value: Double
    }

    public struct LegendEntry: Sendable {
        public var series: Int
        public var name: String
        public var color: String
        public var dimmed: Bool
    }

    public private(set) var title = ""
    public private(set) var legend: [LegendEntry] = []
    public private(set) var xTicks: [Tick] = []
    public private(set) var yTicks: [Tick] = []
    /// Each polyline of a series, by series number, in pixels.
    public private(set) var polylines: [(series: Int, color: String, points: [(Double, Double)])] = []
    /// Each dot of a series drawn as points.
    public private(set) var dots: [(series: Int, point: (Double, Double))] = []

    /// Parses `text`; nil with the parser's error when it is not well-formed XML.
    public static func read(_ text: String) -> Result<SVGReading, Error> {
        let delegate = Delegate()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = delegate
        guard parser.parse() else {
            return .failure(parser.parserError ?? NSError(domain: "SVGReading", code: 1))
        }
        return .success(delegate.reading)
    }

    /// Maps a pixel to a value through the first and last tick (`log`: evenly in log10).
    static func value(_ pixel: Double, ticks: [Tick], log: Bool) -> Double? {
        guard let a = ticks.first, let b = ticks.last, a.pixel != b.pixel else { return nil }
        let va = log ? Foundation.log10(a.value) : a.value, vb = log ? Foundation.log10(b.value) : b.value
        let t = va + (pixel - a.pixel) / (b.pixel - a.pixel) * (vb - va)
        return log ? pow(10, t) : t
    }

    /// Series `index`'s drawn points as data values, every polyline of it in order.
    public func decodedPoints(series index: Int, logX: Bool = false, logY: Bool = false) -> [(x: Double, y: Double)] {
        let pixels = polylines.filter { $0.series == index }.flatMap(\.points) + dots.filter { $0.series == index }.map(\.point)
        return pixels.compactMap { p in
            guard let x = Self.value(p.0, ticks: xTicks, log: logX), let y = Self.value(p.1, ticks: yTicks, log: logY) else { return nil }
            return (x, y)
        }
    }

    /// The value a tick label names (`25%` as 0.25, `12k` as 12000).
    static func labelValue(_ label: String) -> Double? {
        var text = label, factor = 1.0
        if text.hasSuffix("%") { text.removeLast(); factor = 0.01 }
        for (suffix, scale) in [("k", 1e3), ("M", 1e6), ("G", 1e9)] where text.hasSuffix(suffix) {
            text.removeLast()
            factor *= scale
        }
        return Double(text).map { $0 * factor }
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var reading = SVGReading()
        var element: (name: String, attributes: [String: String])?
        var text = ""
        var legendGroup: [String: String]?
        var tickLines: (x: [Double], y: [Double]) = ([], [])
        var tickLabels: (x: [Double], y: [Double]) = ([], [])
        var legendColor = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            element = (name, attributes)
            text = ""
            let cls = attributes["class"] ?? ""
            switch name {
            case "g" where cls == "legend": legendGroup = attributes
            case "line" where legendGroup != nil: legendColor = attributes["stroke"] ?? ""
            case "line" where cls == "tick x": tickLines.x.append(Double(attributes["x1"] ?? "") ?? .nan)
            case "line" where cls == "tick y": tickLines.y.append(Double(attributes["y1"] ?? "") ?? .nan)
            case "polyline" where cls == "series":
                let points = (attributes["points"] ?? "").split(separator: " ").map { pair -> (Double, Double) in
                    let xy = pair.split(separator: ",")
                    return (Double(xy.first ?? "") ?? .nan, Double(xy.last ?? "") ?? .nan)
                }
                reading.polylines.append((Int(attributes["data-series"] ?? "") ?? -1, attributes["stroke"] ?? "", points))
            case "circle" where cls == "point":
                reading.dots.append((Int(attributes["data-series"] ?? "") ?? -1,
                                     (Double(attributes["cx"] ?? "") ?? .nan, Double(attributes["cy"] ?? "") ?? .nan)))
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let cls = element?.attributes["class"] ?? ""
            if name == "text" {
                if let group = legendGroup {
                    reading.legend.append(LegendEntry(series: Int(group["data-series"] ?? "") ?? -1, name: text,
                                                      color: legendColor, dimmed: group["opacity"] != nil))
                } else if cls == "title" {
                    reading.title = text
                } else if cls == "tick-label x" {
                    tickLabels.x.append(SVGReading.labelValue(text) ?? .nan)
                } else if cls == "tick-label y" {
                    tickLabels.y.append(SVGReading.labelValue(text) ?? .nan)
                }
            }
            if name == "g" { legendGroup = nil }
            if name == "svg" {
                reading.xTicks = zip(tickLines.x, tickLabels.x).map { Tick(pixel: $0, value: $1) }
                reading.yTicks = zip(tickLines.y, tickLabels.y).map { Tick(pixel: $0, value: $1) }
            }
            element = nil
        }
    }
}
