extension StringProtocol {
    /// The text without leading and trailing spaces: list values in headers and identity
    /// sources (`a, b`) are read with it on both sides of the plan.
    package var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
