/// One difference between a source plan and the plan its migration gives back.
public struct PlanDifference: Sendable, Equatable, CustomStringConvertible {
    /// The fact as the source plan or, when the source lacks it, the result states it.
    public var fact: PlanFact
    /// The source's value; `nil` when the result adds the fact.
    public var old: String?
    /// The result's value; `nil` when the result drops the fact.
    public var new: String?

    /// The values that only say an element exists; a difference in one reads "added" or
    /// "removed" without them.
    static let presence: Set<String> = ["defined", "declared", "customised"]

    /// A value as one short line: a report has one line per difference, and a mapping
    /// template's full text belongs in the files, not there.
    static func shown(_ value: String) -> String {
        let line = value.replacing("\n", with: "\\n")
        return line.count > 100 ? String(line.prefix(99)) + "…" : line
    }

    public var description: String {
        let old = old.map(Self.shown)
        let new = new.map(Self.shown)
        if let value = old ?? new, Self.presence.contains(value), old == nil || new == nil {
            return "\(fact.key): \(old == nil ? "added" : "removed")"
        }
        return switch (old, new) {
        case (let old?, let new?): "\(fact.key): \(old) → \(new)"
        case (let old?, nil): "\(fact.key): removed \(old)"
        case (nil, let new?): "\(fact.key): added \(new)"
        case (nil, nil): fact.key
        }
    }
}
