import NNCharts

/// Where a replay stands: how many recorded steps are shown, whether it plays, and how fast.
struct ReplayPlayback: Equatable {
    /// Recorded steps in the run.
    let steps: Int
    /// Steps shown now, 0 … `steps`; a replay opens on the whole run.
    private(set) var position: Int
    private(set) var playing = false
    /// Index into `speeds`.
    private(set) var speedIndex = 2

    /// Steps shown per tick of playback.
    static let speeds = [1, 2, 5, 10, 20, 50, 100, 200, 500]

    enum Command: Equatable {
        case togglePlay, restart, stepBack, stepForward, slower, faster, tick
    }

    init(steps: Int) {
        self.steps = steps
        position = steps
    }

    var speed: Int { Self.speeds[speedIndex] }

    mutating func apply(_ command: Command) {
        switch command {
        case .togglePlay:
            if playing {
                playing = false
            } else {
                if position >= steps { position = 0 }
                playing = steps > 0
            }
        case .restart:
            position = 0
            playing = steps > 0
        case .stepBack:
            playing = false
            position = max(0, position - 1)
        case .stepForward:
            playing = false
            position = min(steps, position + 1)
        case .slower: speedIndex = max(0, speedIndex - 1)
        case .faster: speedIndex = min(Self.speeds.count - 1, speedIndex + 1)
        case .tick:
            guard playing else { return }
            position = min(steps, position + speed)
            if position >= steps { playing = false }
        }
    }

    /// The header's status, e.g. `replay playing ×5 of 100` (×: steps a tick).
    var status: String {
        let what = playing ? "playing" : (position >= steps ? "at the end" : "paused")
        return "replay \(what) ×\(speed) of \(steps)"
    }
}
