/// How diagnostics are printed: for people, for tools, or for GitHub Actions.
public enum DiagnosticsFormat: String, Sendable, CaseIterable {
    /// `file:line:column: error: [CODE] message`, the way compilers print, so editors and CI
    /// logs turn it into links.
    case text
    /// One JSON document with every diagnostic, for tools.
    case json
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), which annotate the
    /// pull request's diff.
    case github
}
