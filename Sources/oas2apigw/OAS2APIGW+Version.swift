extension OAS2APIGW {
    /// The version `oas2apigw --version` prints.
    ///
    /// A build from a checkout says `-dev`: it is not the release its number names, and a bug
    /// report should show that. `scripts/release.sh` rewrites this one line, in its staging copy
    /// of the tagged commit and never in the working tree, to the version of the tag (`v1.2.3`
    /// gives `1.2.3`), so only a packed release prints a bare number. Keep the line's shape:
    /// the script looks for exactly one `static let version = "…"` in this file.
    static let version = "0.1.0-dev"
}
