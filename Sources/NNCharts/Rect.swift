/// A rectangle of cells: `x`, `y` is the top-left corner, 0-based.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Whether cell (`x`, `y`) lies inside.
    public func contains(x: Int, y: Int) -> Bool { x >= self.x && x < maxX && y >= self.y && y < maxY }

    /// This rectangle shrunk by `dx` columns on each side and `dy` rows top and bottom.
    public func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    /// The part of this rectangle that lies inside `other`.
    public func intersection(_ other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Splits into a left part `width` columns wide and the rest.
    public func splitColumns(at width: Int) -> (left: Rect, right: Rect) {
        let w = min(max(0, width), self.width)
        return (Rect(x: x, y: y, width: w, height: height),
                Rect(x: x + w, y: y, width: self.width - w, height: height))
    }

    /// Splits into a top part `height` rows high and the rest.
    public func splitRows(at height: Int) -> (top: Rect, bottom: Rect) {
        let h = min(max(0, height), self.height)
        return (Rect(x: x, y: y, width: width, height: h),
                Rect(x: x, y: y + h, width: width, height: self.height - h))
    }

    /// The `index`th of `count` columns of equal width (widths differ by one at most), `gap`
    /// blank columns apart: the last ends at this rectangle's right edge.
    public func column(_ index: Int, of count: Int, gap: Int = 0) -> Rect {
        let count = max(1, count), gap = max(0, gap)
        let spread = width + gap
        let x0 = x + spread * index / count, x1 = x + spread * (index + 1) / count - gap
        return Rect(x: x0, y: y, width: x1 - x0, height: height)
    }

    /// The `index`th of `count` rows of equal height (heights differ by one at most).
    public func row(_ index: Int, of count: Int) -> Rect {
        let count = max(1, count)
        let y0 = y + height * index / count, y1 = y + height * (index + 1) / count
        return Rect(x: x, y: y0, width: width, height: y1 - y0)
    }
}
