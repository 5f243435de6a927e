import NNTerminal

/// What the person looking at a dashboard has chosen: the part of the screen keys change.
struct ViewState: Equatable {
    var logY = false
    var showHelp = false
    var selectedPanel = 0
    var zoomed = false
    var hiddenSeries: Set<Int> = []
    /// TensorBoard's smoothing weight, 0 (raw) to 0.99.
    var smoothing = 0.0

    /// What a key asks of the app beyond the view.
    enum Command: Equatable {
        case quit, togglePause, restart, export
    }

    static let smoothingStep = 0.1

    /// Applies `key` to the view; returns what the app must do, if anything.
    mutating func handle(_ key: Key, panelCount: Int) -> Command? {
        if showHelp, key != .character("?") {
            showHelp = false
            if key == .character("q") { return .quit }
            return nil
        }
        switch key {
        case .character("q"), .character("Q"): return .quit
        case .character(" "): return .togglePause
        case .character("r"), .character("R"): return .restart
        case .character("e"): return .export
        case .character("?"), .character("h"): showHelp.toggle()
        case .character("l"): logY.toggle()
        case .character("z"): zoomed.toggle()
        case .character("s"): smoothing = max(0, ((smoothing - Self.smoothingStep) * 10).rounded() / 10)
        case .character("S"): smoothing = min(0.99, ((smoothing + Self.smoothingStep) * 10).rounded() / 10)
        case .tab, .right, .down:
            if panelCount > 0 { selectedPanel = (selectedPanel + 1) % panelCount }
        case .backTab, .left, .up:
            if panelCount > 0 { selectedPanel = (selectedPanel + panelCount - 1) % panelCount }
        case .character(let c):
            if let digit = c.wholeNumberValue, (1...9).contains(digit) {
                let index = digit - 1
                if hiddenSeries.contains(index) { hiddenSeries.remove(index) } else { hiddenSeries.insert(index) }
            }
        default: break
        }
        return nil
    }

    /// The lines of the `?` overlay: every key, the same in every dashboard.
    static let helpLines = [
        "q        quit",
        "space    pause / resume",
        "r        restart the study",
        "tab ←→   move between panels",
        "1 … 9    show / hide a series",
        "l        log scale on y",
        "s  S     less / more smoothing",
        "z        zoom the selected panel",
        "e        export the panel as text",
        "?        this help",
    ]
}
