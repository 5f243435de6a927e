/// Anything that draws itself into a rectangle of a buffer, touching nothing outside it.
public protocol Widget {
    func render(in area: Rect, into buffer: inout Buffer)
}
