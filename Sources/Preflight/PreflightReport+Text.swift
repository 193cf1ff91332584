import YAML
import Plan

extension PreflightReport {
    /// The report as people read it: the request, the preflight and API Gateway's answer
    /// with the rule behind each header, the actual request and its answer, the verdict.
    public func text() -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        func headerLines(_ headers: HeaderList) {
            for field in headers.fields { line("  \(field.name): \(field.value)") }
        }
        func answerLines(_ answer: GatewayAnswer) {
            line("  route: \(answer.route ?? "none")")
            line("  produced by: \(answer.producedBy)")
            line("  status: \(answer.status)")
            if answer.headers.isEmpty { line("  (no headers the browser checks)") }
            for header in answer.headers {
                line("  \(header.name): \(header.value)")
                line("      from \(header.source)")
            }
            if let body = answer.body { line("  body: \(body)") }
            for note in answer.notes { line("  note: \(note)") }
            for fault in answer.faults { line("  fault: \(fault)") }
        }

        line("Request the page makes")
        line("  \(request.method) \(request.url)")
        line("  from origin \(request.origin), credentials \(request.includesCredentials ? "included" : "omitted")")
        headerLines(request.headers)
        for name in request.droppedHeaders { line("  note: the browser drops \(name), which pages may not set") }
        let reasons = request.preflightReasons
        line(reasons.isEmpty ? "  no preflight: the method and every header are CORS-safelisted" : "  needs a preflight: " + reasons.joined(separator: "; "))
        var step = 1
        if let preflight {
            line()
            line("\(step). Preflight request the browser sends")
            line("  OPTIONS \(preflight.url)")
            headerLines(preflight.headers)
            step += 1
            if let preflightAnswer {
                line()
                line("\(step). API Gateway's answer to the preflight")
                answerLines(preflightAnswer)
                let cache = BrowserCORS.preflightCacheSeconds(preflightAnswer.headerList)
                if verdict.isAllowed || !verdict.duringPreflight {
                    line(
                        "  the browser caches this answer for \(cache.seconds) seconds"
                            + (cache.wasCapped ? " (Chromium's limit)" : "")
                            + "; a changed API may look unchanged until then")
                }
                step += 1
            }
        }
        line()
        if let actualHeaders, let actualAnswer {
            line("\(step). Actual request")
            line("  \(request.method) \(request.url)")
            headerLines(actualHeaders)
            line()
            line("\(step + 1). API Gateway's answer to the actual request")
            answerLines(actualAnswer)
        } else {
            line("\(step). Actual request: not sent, the preflight failed")
        }
        line()
        if let message = verdict.consoleMessage {
            line("Verdict: \(verdict.summary)")
            line("  \(message)")
        } else {
            line("Verdict: allowed; the page reads status \(verdict.status.map(String.init) ?? "?")")
        }
        return out
    }

    /// The report as one JSON document, for tools.
    ///
    /// `fix`: the policy edit that lets a blocked request through, when one was worked out
    /// (`null` otherwise), as the text report's last line gives it.
    public func json(fix: String? = nil) -> String {
        func headers(_ list: HeaderList) -> Node {
            .sequence(list.fields.map { ["name": .string($0.name), "value": .string($0.value)] })
        }
        func answer(_ a: GatewayAnswer) -> Node {
            [
                "route": a.route.map { .string($0) } ?? .null(),
                "producedBy": .string(a.producedBy),
                "gatewayResponseType": a.gatewayResponseType.map { .string($0) } ?? .null(),
                "status": .int(a.status),
                "headers": .sequence(
                    a.headers.map { ["name": .string($0.name), "value": .string($0.value), "source": .string($0.source)] }),
                "body": a.body.map { .string($0) } ?? .null(),
                "notes": .sequence(a.notes.map { .string($0) }),
                "faults": .sequence(a.faults.map { .string($0) }),
            ]
        }
        let root: Node = [
            "request": [
                "method": .string(request.method), "url": .string(request.url), "origin": .string(request.origin),
                "credentials": .bool(request.includesCredentials), "headers": headers(request.headers),
                "preflightReasons": .sequence(request.preflightReasons.map { .string($0) }),
            ],
            "preflight": preflight.map { ["url": .string($0.url), "headers": headers($0.headers)] } ?? .null(),
            "preflightAnswer": preflightAnswer.map(answer) ?? .null(),
            "actualRequest": actualHeaders.map { ["headers": headers($0)] } ?? .null(),
            "actualAnswer": actualAnswer.map(answer) ?? .null(),
            "verdict": [
                "allowed": .bool(verdict.isAllowed), "summary": .string(verdict.summary),
                "duringPreflight": .bool(verdict.failure != nil && verdict.duringPreflight),
                "message": verdict.consoleMessage.map { .string($0) } ?? .null(),
                "status": verdict.status.map { .int($0) } ?? .null(),
                "fix": fix.map { .string($0) } ?? .null(),
            ],
        ]
        return (try? JSONWriter.write(root)) ?? "{}\n"
    }
}
