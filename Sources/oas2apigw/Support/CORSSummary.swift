import Intake
import Plan
import Preflight
import Spec

/// What `check --summary` compares: the CORS answers of a definition as written before (a
/// golden file) and as the case writes it now, both read back by the same reader, so the
/// comparison sees only what API Gateway would answer differently.
enum CORSSummary {
    /// The CORS answers of the definition `text` (a template or an OpenAPI document with
    /// extensions), or why it cannot be read into a plan.
    static func answers(ofDefinition text: String, named name: String) -> Result<[CORSAnswer], SummaryProblem> {
        let reader = InMemorySpecFiles([name: text])
        do {
            let result = try PlanSource.plan(name, reader: reader, policy: nil, readPolicy: { _ in [] })
            guard let plan = result.plan else {
                let first = result.diagnostics.first { $0.severity == .error }
                return .failure(SummaryProblem(message: "\(name) cannot be read as an API: \(first.map { "[\($0.code)] \($0.message)" } ?? "no plan")"))
            }
            return .success(CORSAnswer.answers(of: plan))
        } catch {
            return .failure(SummaryProblem(message: "\(name) cannot be read as an API"))
        }
    }

    /// The summary entry of one output: its answers before (`nil`: the output is new) and now.
    static func entry(name: String, file: String, before: String?, after: String) -> CORSChangeReport.Entry {
        let old: [CORSAnswer]
        if let before {
            switch answers(ofDefinition: before, named: file) {
            case .success(let answers): old = answers
            case .failure(let problem): return CORSChangeReport.Entry(name: name, file: file, changes: [], problem: "before: " + problem.message)
            }
        } else {
            old = []
        }
        switch answers(ofDefinition: after, named: file) {
        case .success(let new): return CORSChangeReport.Entry(name: name, file: file, changes: CORSChange.changes(from: old, to: new))
        case .failure(let problem): return CORSChangeReport.Entry(name: name, file: file, changes: [], problem: "after: " + problem.message)
        }
    }

    /// Which of a case's outputs the summary reads: the OpenAPI document, which holds the
    /// whole API in one file, else the template.
    static func definitionFile(among files: [String]) -> String? {
        files.first { $0.hasPrefix("openapi.") } ?? files.first { $0.hasPrefix("cloudformation.") }
    }

    struct SummaryProblem: Error, Sendable {
        var message: String
    }
}
