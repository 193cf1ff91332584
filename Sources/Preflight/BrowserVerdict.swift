import Plan

/// The browser's decision on one `fetch()`: allowed, or blocked with the check that failed
/// and the line Chromium prints in the console.
public struct BrowserVerdict: Sendable, Equatable {
    public var failure: CORSFailure?
    /// Whether the failing check was on the preflight's answer.
    public var duringPreflight: Bool
    /// The URL and origin the console message names.
    public var url: String
    public var origin: String
    /// The status the page reads when allowed.
    public var status: Int?

    public init(failure: CORSFailure?, duringPreflight: Bool, url: String, origin: String, status: Int? = nil) {
        self.failure = failure
        self.duringPreflight = duringPreflight
        self.url = url
        self.origin = origin
        self.status = status
    }

    public var isAllowed: Bool { failure == nil }

    /// `allowed`, or `blocked: ` and the failure in a few words (`blocked: method PUT not allowed`).
    public var summary: String {
        guard let failure else { return "allowed" }
        return "blocked: " + failure.summary
    }

    /// The console line, as Chromium prints it for a `fetch()`; `nil` when allowed.
    public var consoleMessage: String? {
        guard let failure else { return nil }
        return "Access to fetch at '\(url)' from origin '\(origin)' has been blocked by CORS policy: "
            + failure.chromiumReason(duringPreflight: duringPreflight)
    }
}
