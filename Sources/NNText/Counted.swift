/// A count and its noun, in the singular for exactly one: `counted(1, "record")` is
/// `1 record`, `counted(3, "record")` is `3 records`. The one place nndash's messages
/// agree a noun with its number.
/// - Parameters:
///   - singular: the noun (or noun phrase) for one.
///   - plural: the form for any other count; the singular with an `s` when omitted.
public func counted(_ count: some BinaryInteger, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}
