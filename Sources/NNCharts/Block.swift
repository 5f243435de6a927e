/// A border with a title around an area; widgets then draw in `inner(of:)`.
public struct Block: Widget, Sendable {
    public enum Border: Hashable, Sendable {
        /// `┌─┐│└┘`
        case plain
        /// `╭─╮│╰╯`
        case rounded
        /// `+-+|++`, for terminals without UTF-8.
        case ascii
    }

    public var title: String
    public var border: Border
    public var color: Color
    /// A focused block draws its border bold and its title reversed.
    public var isFocused: Bool

    public init(title: String = "", border: Border = .rounded, color: Color = .gray, isFocused: Bool = false) {
        self.title = title
        self.border = border
        self.color = color
        self.isFocused = isFocused
    }

    /// The border for `dotGrid`: rounded for Unicode, ASCII otherwise.
    public static func border(for dotGrid: DotGrid) -> Border { dotGrid.isASCII ? .ascii : .rounded }

    /// The area inside the border.
    public func inner(of area: Rect) -> Rect { area.inset(dx: 1, dy: 1) }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let area = area.intersection(buffer.area)
        guard area.width >= 2, area.height >= 2 else { return }
        let glyphs: [Character] = switch border {
        case .plain: ["┌", "─", "┐", "│", "└", "┘"]
        case .rounded: ["╭", "─", "╮", "│", "╰", "╯"]
        case .ascii: ["+", "-", "+", "|", "+", "+"]
        }
        let style: TextStyle = isFocused ? .bold : []
        let fg = isFocused ? Color.default : color
        for x in (area.x + 1)..<(area.maxX - 1) {
            buffer[x, area.y] = Cell(glyphs[1], foreground: fg, style: style)
            buffer[x, area.maxY - 1] = Cell(glyphs[1], foreground: fg, style: style)
        }
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer[area.x, y] = Cell(glyphs[3], foreground: fg, style: style)
            buffer[area.maxX - 1, y] = Cell(glyphs[3], foreground: fg, style: style)
        }
        buffer[area.x, area.y] = Cell(glyphs[0], foreground: fg, style: style)
        buffer[area.maxX - 1, area.y] = Cell(glyphs[2], foreground: fg, style: style)
        buffer[area.x, area.maxY - 1] = Cell(glyphs[4], foreground: fg, style: style)
        buffer[area.maxX - 1, area.maxY - 1] = Cell(glyphs[5], foreground: fg, style: style)
        if !title.isEmpty && area.width > 4 {
            let text = " " + Table.fit(title, width: area.width - 4, ascii: border == .ascii) + " "
            buffer.write(text, x: area.x + 1, y: area.y, style: isFocused ? [.bold, .reverse] : .bold,
                         clip: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1))
        }
    }
}
