import CNCursesW
import Glibc
import NNCharts

/// The ncurses screen: puts a `Buffer` on the terminal, reads keys, follows resizes.
///
/// Use from the main thread only. `start()` enters the alternate screen; `stop()` (or a fatal
/// signal) always gives the terminal back as it was.
public final class Terminal {
    public private(set) var isActive = false
    public private(set) var colorMode: ColorMode = .none
    public private(set) var isUTF8 = false
    /// Whether mouse events are taken (`start(mouse:)`); without, none is ever reported.
    public private(set) var takesMouse = false
    private var screenCells: [Cell] = []
    private var screenWidth = 0
    private var screenHeight = 0
    private var pairs: [PairKey: Int16] = [:]
    private var maxPairs = 0

    private struct PairKey: Hashable {
        let foreground: Int16
        let background: Int16
    }

    public init() {}

    /// The screen's size in cells.
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(nndash_stdscr())), Int(getmaxy(nndash_stdscr())))
    }

    /// Takes over the terminal: alternate screen, no echo, keys unbuffered, cursor hidden; with
    /// `mouse`, the first button and the wheel are reported as keys (`.mouse`) instead of
    /// selecting text.
    public func start(mouse: Bool = false) {
        guard !isActive else { return }
        setlocale(LC_ALL, "")
        isUTF8 = localeIsUTF8()
        TerminalRescue.saveModes()
        TerminalRescue.installFatalSignalHandlers()
        // The app follows SIGWINCH itself; ncurses must not install its own handler.
        signal(SIGWINCH, SIG_IGN)
        initscr()
        // From here until stop(), nothing may write over the screen: standard error goes to a file.
        TerminalRescue.divertStandardError()
        cbreak()
        noecho()
        nonl()
        intrflush(nndash_stdscr(), false)
        keypad(nndash_stdscr(), true)
        nodelay(nndash_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        takesMouse = mouse
        if mouse {
            // NCURSES_MOUSE_MASK(b, m) is m << ((b - 1) * 5): button 1 pressed and released,
            // buttons 4 and 5 (the wheel) pressed. No click resolution: presses come at once.
            mousemask(Self.mouseMask, nil)
            mouseinterval(0)
        }
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(nndash_colors())
            maxPairs = Int(min(nndash_color_pairs(), Int32(Int16.max)))
        }
        colorMode = ColorMode.detect(terminalColors: colors)
        isActive = true
        invalidate()
    }

    /// Gives the terminal back: normal screen, modes restored, cursor shown.
    public func stop() {
        guard isActive else { return }
        isActive = false
        curs_set(1)
        endwin()
        TerminalRescue.removeFatalSignalHandlers()
        TerminalRescue.restoreNow()
        TerminalRescue.restoreStandardError()
    }

    /// Re-reads the terminal's size after SIGWINCH and forgets what is on the screen.
    public func refreshSize() {
        var ws = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0, ws.ws_col > 0 {
            resizeterm(Int32(ws.ws_row), Int32(ws.ws_col))
        }
        invalidate()
    }

    /// Forgets what is on the screen so the next `draw` repaints every cell.
    public func invalidate() {
        screenCells = []
        screenWidth = 0
        screenHeight = 0
        clearok(nndash_stdscr(), true)
    }

    /// Puts `buffer` on the screen, writing only the cells that changed since the last call.
    public func draw(_ buffer: Buffer) {
        guard isActive else { return }
        let full = buffer.width != screenWidth || buffer.height != screenHeight
        if full { erase() }
        let (cols, rows) = size
        for y in 0..<min(buffer.height, rows) {
            for x in 0..<min(buffer.width, cols) {
                let i = y * buffer.width + x
                let cell = buffer.cells[i]
                if !full && screenCells[i] == cell { continue }
                put(cell, x: x, y: y)
            }
        }
        screenCells = buffer.cells
        screenWidth = buffer.width
        screenHeight = buffer.height
        refresh()
    }

    /// Every key waiting on the input, without blocking.
    public func readKeys() -> [Key] {
        var keys: [Key] = []
        var ch: wint_t = 0
        while true {
            let status = wget_wch(nndash_stdscr(), &ch)
            if status == ERR { break }
            if status == KEY_CODE_YES, Int32(bitPattern: ch) == KEY_MOUSE {
                var event = MEVENT()
                if getmouse(&event) == OK, takesMouse {
                    keys += Terminal.mouse(state: UInt(event.bstate), x: Int(event.x), y: Int(event.y))
                }
                continue
            }
            if let key = Terminal.key(status: status, code: ch) { keys.append(key) }
            if keys.count > 256 { break }
        }
        return keys
    }

    static let button1Released: UInt = 0o1, button1Pressed: UInt = 0o2, button1Clicked: UInt = 0o4
    static let wheelUp: UInt = 0o2 << 15, wheelDown: UInt = 0o2 << 20
    static var mouseMask: mmask_t { mmask_t(button1Pressed | button1Released | button1Clicked | wheelUp | wheelDown) }

    /// The keys of an ncurses mouse event's button state at cell (`x`, `y`): a click (a press
    /// and release ncurses joined) is both; other buttons are none.
    static func mouse(state: UInt, x: Int, y: Int) -> [Key] {
        let kinds: [MouseEvent.Kind]
        if state & wheelUp != 0 { kinds = [.wheelUp] }
        else if state & wheelDown != 0 { kinds = [.wheelDown] }
        else if state & button1Clicked != 0 { kinds = [.press, .release] }
        else if state & button1Pressed != 0 { kinds = [.press] }
        else if state & button1Released != 0 { kinds = [.release] }
        else { kinds = [] }
        return kinds.map { .mouse(MouseEvent($0, x: x, y: y)) }
    }

    static func key(status: Int32, code: wint_t) -> Key? {
        let c = Int32(bitPattern: code)
        if status == KEY_CODE_YES {
            switch c {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_SLEFT: return .shiftLeft
            case KEY_SRIGHT: return .shiftRight
            case KEY_BTAB: return .backTab
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_RESIZE: return .resize
            default: return nil
            }
        }
        switch c {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(96 + c))))
        default:
            // Other control characters name no key: they must never reach text.
            guard let scalar = Unicode.Scalar(UInt32(code)), scalar.properties.generalCategory != .control else { return nil }
            return .character(Character(scalar))
        }
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        var attributes: attr_t = 0
        if cell.style.contains(.bold) { attributes |= Terminal.attribute(bit: 13) }
        if cell.style.contains(.dim) { attributes |= Terminal.attribute(bit: 12) }
        if cell.style.contains(.reverse) { attributes |= Terminal.attribute(bit: 10) }
        if cell.style.contains(.underline) { attributes |= Terminal.attribute(bit: 9) }
        let pair = colorPair(cell.foreground, cell.background)
        var symbol = Array(String(cell.symbol).unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) })
        if !isUTF8 && symbol.contains(where: { $0 > 0x7E }) { symbol = [wchar_t(UInt8(ascii: "?"))] }
        symbol.append(0)
        var cchar = cchar_t()
        setcchar(&cchar, symbol, attributes, pair, nil)
        mvadd_wch(Int32(y), Int32(x), &cchar)
    }

    /// `NCURSES_BITS(1, shift)`: ncurses keeps attributes above the 8 character bits.
    private static func attribute(bit shift: UInt32) -> attr_t { attr_t(1) << (shift + 8) }

    private func colorPair(_ foreground: Color, _ background: Color) -> Int16 {
        guard colorMode != .none, maxPairs > 1 else { return 0 }
        let key = PairKey(foreground: terminalColor(foreground), background: terminalColor(background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        guard pairs.count + 1 < maxPairs else { return 0 }
        let pair = Int16(pairs.count + 1)
        init_pair(pair, key.foreground, key.background)
        pairs[key] = pair
        return pair
    }

    private func terminalColor(_ color: Color) -> Int16 {
        switch colorMode.resolve(color) {
        case .default: return -1
        case .indexed(let n): return Int16(n)
        }
    }
}
