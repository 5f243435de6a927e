import NNCharts

/// The mouse in the watch view, as in the study dashboards: hit-tested against the charts the
/// last frame drew (`drawn`), as they were drawn.
extension WatchScreen {
    /// A click selects the chart under it and, on a legend entry, shows or hides that entry's
    /// run; the wheel zooms the x axis of the chart under the pointer around the pointer; a
    /// drag along a chart pans it. While the help shows, a press closes it; while a filter is
    /// typed or the list of runs is open, the mouse does nothing.
    mutating func handle(_ event: MouseEvent) {
        guard view.picker == nil, view.prompt == nil, view.mode != .table else { return }
        if view.showHelp {
            if event.kind == .press { (view.showHelp, view.helpScroll) = (false, 0) }
            return
        }
        let drawn = drawn
        func hit(_ e: MouseEvent) -> DrawnChart? {
            drawn.first { $0.rect.contains(x: e.x, y: e.y) }
        }
        let panels = panels
        func select(_ index: Int) {
            if view.selectedPanel != index { (view.selectedPanel, view.cursor) = (index, nil) }
        }
        func tag(of target: DrawnChart) -> String? {
            guard panels.indices.contains(target.panel) else { return nil }
            switch panels[target.panel] {
            case .scalar(let tag), .system(let tag): return tag
            case .histogram: return nil
            }
        }
        switch event.kind {
        case .press: pressedAt = event
        case .release:
            guard let start = pressedAt, let target = hit(start) else { return }
            pressedAt = nil
            select(target.panel)
            guard let tag = tag(of: target), let chart = target.widget as? LineChart else { return }
            if start.x == event.x && start.y == event.y {
                if let entry = chart.legendHits(in: target.rect).first(where: { $0.rect.contains(x: event.x, y: event.y) }),
                   target.runs.indices.contains(entry.series) {
                    let run = target.runs[entry.series]
                    if view.hiddenRuns.remove(run) == nil { view.hiddenRuns.insert(run) }
                }
            } else if let plot = chart.plotFraction(x: start.x, in: target.rect), event.x != start.x {
                // The data follow the pointer: dragging right shows what lies to the left.
                let moved = (view.xWindows[tag] ?? .whole).panned(by: -Double(event.x - start.x) / Double(plot.width))
                view.xWindows[tag] = moved.isWhole ? nil : moved
            }
        case .wheelUp, .wheelDown:
            guard let target = hit(event), let tag = tag(of: target), let chart = target.widget as? LineChart,
                  let at = chart.plotFraction(x: event.x, in: target.rect) else { return }
            select(target.panel)
            let factor = event.kind == .wheelUp ? ViewState.zoomStep : 1 / ViewState.zoomStep
            let moved = (view.xWindows[tag] ?? .whole).zoomed(by: factor, around: at.fraction)
            view.xWindows[tag] = moved.isWhole ? nil : moved
        }
    }
}
