/// A first policy file to edit: every key a team usually sets, each with a comment saying
/// what it does, and the origins given.
extension CORSPolicy {
    /// The starter's text. `origins` are written as given (an empty list gives a placeholder
    /// to replace); with `credentials` the policy allows cookies and `Authorization`, which
    /// needs exact origins.
    public static func starter(origins: [String], credentials: Bool) -> String {
        let listed = origins.isEmpty ? ["https://app.example.com"] : origins
        var text = """
            # The CORS policy oas2apigw applies: convert SPEC --cors cors.yaml.
            # Every key is described, with its diagnostics, in docs/cors-policy.md;
            # oas2apigw cors-check cors.yaml --spec SPEC shows what each path will answer.

            # The pages that may call the API: exact origins (scheme://host[:port]), patterns
            # such as https://*.preview.example.com, or * alone.

            """
        if origins.isEmpty { text += "# Replace this placeholder with your pages' origins.\n" }
        text += "allowOrigins:\n" + listed.map { "  - \(Self.starterScalar($0))\n" }.joined()
        text += """

            # Request headers the pages may send, beyond those a browser allows on its own.
            # The headers the spec's operations declare are added for you.
            allowHeaders: [Content-Type, Authorization]

            # Response headers the pages' scripts may read.
            exposeHeaders: []


            """
        if credentials {
            text += """
                # Cookies and Authorization go with each request (fetch's credentials: "include").
                allowCredentials: true

                """
            if listed.count > 1 || listed.contains(where: { $0.contains("*") }) {
                text += """

                    # API Gateway's own errors (403, 429, 5XX) cannot pick the caller's origin when
                    # several call with credentials: name the one whose pages read them; the others
                    # see those errors as CORS failures (or deploy one stage per origin).
                    \(listed.first { !$0.contains("*") }.map { "gatewayResponseOrigin: \($0)" } ?? "# gatewayResponseOrigin: ONE-ORIGIN-THE-PATTERNS-ALLOW")

                    """
            }
        } else {
            text += """
                # true lets requests carry cookies; it needs exact origins, not *.
                allowCredentials: false

                """
        }
        text += """

            # How long a browser may reuse a preflight's answer, in seconds (Chromium caps it at 7200).
            maxAge: 600

            # Per-path changes: each matching rule sets its keys, later rules over earlier ones,
            # and enabled: false wins wherever it matches; uncomment to turn CORS off under /internal.
            # rules:
            #   - paths: ["/internal/**"]
            #     enabled: false

            """
        return text
    }

    /// An origin as the starter writes it: plain when YAML reads it back as that string
    /// (`https://app.example.com`), in double quotes otherwise (`"*"` is an alias without
    /// them, `null` a null), so the file says what was given and the checks see it.
    static func starterScalar(_ origin: String) -> String {
        let plain = origin.contains("://") && !origin.hasPrefix("*")
            && origin.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && !"\"'#,[]{}&!|>%@`".unicodeScalars.contains($0) }
        guard !plain else { return origin }
        var quoted = "\""
        for scalar in origin.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            default:
                if scalar.value < 32 { quoted += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16) } else { quoted.unicodeScalars.append(scalar) }
            }
        }
        return quoted + "\""
    }
}
