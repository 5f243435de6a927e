import Foundation
import NNCharts

extension ColorMode {
    /// The mode the environment asks for: `NO_COLOR` set and non-empty turns colour off.
    public static func detect(
        environment: [String: String] = ProcessInfo.processInfo.environment, terminalColors: Int
    ) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if terminalColors >= 256 { return .palette256 }
        if terminalColors >= 8 { return .basic8 }
        return .none
    }
}

/// Whether the locale makes the terminal speak UTF-8 (braille and block glyphs need it).
public func localeIsUTF8(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
    for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
        if let value = environment[name], !value.isEmpty {
            let v = value.lowercased()
            return v.contains("utf-8") || v.contains("utf8")
        }
    }
    return false
}
