/// Exporting a widget as text, for files, logs and tests.
extension Widget {
    /// The widget rendered into a `width` x `height` buffer.
    public func rendered(width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        render(in: buffer.area, into: &buffer)
        return buffer
    }

    /// The widget as plain text, `width` x `height`, trailing blanks trimmed.
    public func plainText(width: Int, height: Int) -> String {
        rendered(width: width, height: height).plainText
    }

    /// The widget as text with SGR colour codes for `colorMode`.
    public func ansiText(width: Int, height: Int, colorMode: ColorMode = .palette256) -> String {
        rendered(width: width, height: height).ansiText(colorMode: colorMode)
    }
}
