/// Reading a pipeline from torchvision's Python syntax.
extension ImagePipeline {
    /// The largest image side a transform may ask for.
    static let maximumSide = 1 << 14

    /// The pipeline `text` names: a preset (`lesson001`) or comma-separated calls as torchvision
    /// writes them (`transforms.` prefixes and spaces allowed): `Resize(32)`, `Resize((32,32))`,
    /// `CenterCrop(28)`, `RandomCrop(32,padding=4)`, `RandomHorizontalFlip()` (p 0.5),
    /// `RandomGrayscale(p=0.8)`, `Grayscale(3)`, `ToTensor()`, `Normalize(mean,std)`.
    public init(parsing text: String) throws(PipelineError) {
        if let preset = Self.presets[text] {
            self = preset
            return
        }
        let compact = text.filter { !$0.isWhitespace }
        guard !compact.isEmpty, compact.count <= 2000 else { throw PipelineError("a pipeline of 1 to 2000 characters, got \(compact.count)") }
        self.init()
        var sawTensor = false
        for call in try Self.split(compact) {
            guard let open = call.firstIndex(of: "("), call.hasSuffix(")") else {
                throw PipelineError("\(call) is not a call like Resize(32)")
            }
            var name = String(call[..<open])
            if name.hasPrefix("transforms.") { name.removeFirst("transforms.".count) }
            let arguments = try Self.split(String(call[call.index(after: open)..<call.index(before: call.endIndex)]))
            var positional: [[Double]] = [], named: [String: [Double]] = [:]
            for argument in arguments {
                if let equals = argument.firstIndex(of: "=") {
                    named[String(argument[..<equals])] = try Self.values(String(argument[argument.index(after: equals)...]), in: call)
                } else {
                    guard named.isEmpty else { throw PipelineError("\(call): a positional argument after a named one") }
                    positional.append(try Self.values(argument, in: call))
                }
            }
            let parsed = Arguments(call: call, positional: positional, named: named)
            if name == "ToTensor" {
                guard !sawTensor else { throw PipelineError("ToTensor() given twice") }
                try parsed.check(allowed: [])
                sawTensor = true
                continue
            }
            if name == "Normalize" {
                guard normalize == nil else { throw PipelineError("Normalize given twice") }
                try parsed.check(allowed: ["mean", "std", "inplace"])
                let mean = try parsed.value(0, "mean").map(Float.init), std = try parsed.value(1, "std").map(Float.init)
                guard mean.count == std.count, [1, 3].contains(mean.count), mean.allSatisfy({ (v: Float) in v.isFinite }),
                      std.allSatisfy({ (v: Float) in v.isFinite && v != 0 }) else {
                    throw PipelineError("\(call): mean and std need 1 or 3 finite values each, std not 0")
                }
                normalize = (mean, std)
                continue
            }
            guard !sawTensor, normalize == nil else {
                throw PipelineError("\(call) comes after ToTensor(): image transforms go before it")
            }
            transforms.append(try Self.transform(name, parsed))
        }
    }

    /// The arguments of one call.
    private struct Arguments {
        var call: String
        var positional: [[Double]]
        var named: [String: [Double]]

        func check(allowed: Set<String>) throws(PipelineError) {
            if let bad = named.keys.first(where: { !allowed.contains($0) }) { throw PipelineError("\(call): unknown argument \(bad)") }
            guard positional.count <= allowed.count else { throw PipelineError("\(call): too many arguments") }
        }

        /// Argument number `position`, or the one named `name`.
        func value(_ position: Int, _ name: String, default fallback: [Double]? = nil) throws(PipelineError) -> [Double] {
            if position < positional.count { return positional[position] }
            if let value = named[name] ?? fallback { return value }
            throw PipelineError("\(call): \(name) missing")
        }

        /// A size: one number for a square, two for (height, width).
        func size(_ position: Int = 0) throws(PipelineError) -> (Int, Int) {
            let v = try value(position, "size")
            let sides = try v.map { (side: Double) throws(PipelineError) -> Int in try integer(side, 1...ImagePipeline.maximumSide) }
            guard sides.count == 1 || sides.count == 2 else { throw PipelineError("\(call): a size is one or two numbers") }
            return (sides[0], sides.last!)
        }

        func integer(_ value: Double, _ range: ClosedRange<Int>) throws(PipelineError) -> Int {
            guard value.isFinite, value == value.rounded(), value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
                throw PipelineError("\(call): \(value) is not a whole number in \(range.lowerBound)...\(range.upperBound)")
            }
            return Int(value)
        }

        func probability(_ position: Int = 0) throws(PipelineError) -> Double {
            let v = try value(position, "p", default: [0.5])
            guard v.count == 1, v[0] >= 0, v[0] <= 1 else { throw PipelineError("\(call): p must be one number in 0...1") }
            return v[0]
        }
    }

    private static func transform(_ name: String, _ arguments: Arguments) throws(PipelineError) -> ImageTransform {
        switch name {
        case "Resize":
            try arguments.check(allowed: ["size"])
            let v = try arguments.value(0, "size")
            let (h, w) = try arguments.size()
            // One number (or a one-element list) matches the shorter side, as torchvision.
            return v.count == 1 ? .resizeShorter(h) : .resize(height: h, width: w)
        case "CenterCrop":
            try arguments.check(allowed: ["size"])
            let (h, w) = try arguments.size()
            return .centerCrop(height: h, width: w)
        case "RandomCrop":
            try arguments.check(allowed: ["size", "padding"])
            let (h, w) = try arguments.size()
            let raw = try arguments.value(1, "padding", default: [0])
            let padding = try raw.map { (side: Double) throws(PipelineError) -> Int in try arguments.integer(side, 0...maximumSide) }
            switch padding.count {
            case 1: return .randomCrop(height: h, width: w, padding: Array(repeating: padding[0], count: 4))
            case 2: return .randomCrop(height: h, width: w, padding: [padding[0], padding[1], padding[0], padding[1]])
            case 4: return .randomCrop(height: h, width: w, padding: padding)
            default: throw PipelineError("\(arguments.call): padding is 1, 2 or 4 numbers")
            }
        case "RandomHorizontalFlip":
            try arguments.check(allowed: ["p"])
            return .randomHorizontalFlip(try arguments.probability())
        case "RandomGrayscale":
            try arguments.check(allowed: ["p"])
            return .randomGrayscale(try arguments.probability(0))
        case "Grayscale":
            try arguments.check(allowed: ["num_output_channels"])
            let n = try arguments.value(0, "num_output_channels", default: [1])
            guard n == [1] || n == [3] else { throw PipelineError("\(arguments.call): num_output_channels is 1 or 3") }
            return .grayscale(Int(n[0]))
        default:
            throw PipelineError("unknown transform \(name) (known: Resize, CenterCrop, RandomCrop, RandomHorizontalFlip, RandomGrayscale, Grayscale, ToTensor, Normalize)")
        }
    }

    /// `text` split at the commas outside parentheses and brackets.
    private static func split(_ text: String) throws(PipelineError) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        for ch in text {
            switch ch {
            case "(", "[": depth += 1
            case ")", "]":
                depth -= 1
                guard depth >= 0 else { throw PipelineError("unbalanced brackets in \(text)") }
            case "," where depth == 0:
                parts.append(current)
                current = ""
                continue
            default: break
            }
            current.append(ch)
        }
        guard depth == 0 else { throw PipelineError("unbalanced brackets in \(text)") }
        if !current.isEmpty || !parts.isEmpty { parts.append(current) }
        guard !parts.contains(where: \.isEmpty) else { throw PipelineError("an empty item in \(text)") }
        return parts
    }

    /// A number, or a tuple or list of numbers.
    private static func values(_ text: String, in call: String) throws(PipelineError) -> [Double] {
        var body = Substring(text)
        if (body.hasPrefix("(") && body.hasSuffix(")")) || (body.hasPrefix("[") && body.hasSuffix("]")) {
            body = body.dropFirst().dropLast()
        }
        let items = body.split(separator: ",", omittingEmptySubsequences: true)
        var values: [Double] = []
        for item in items {
            guard let value = Double(item), value.isFinite else { throw PipelineError("\(call): \(item) is not a number") }
            values.append(value)
        }
        guard !values.isEmpty, values.count <= 4 else { throw PipelineError("\(call): \(text) is not 1 to 4 numbers") }
        return values
    }
}
