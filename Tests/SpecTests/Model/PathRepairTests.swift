import Diagnostics
import Testing
import YAML
import Spec

/// `--repair` on the resource tree: which name each variable gets in API Gateway, what the
/// backend still receives, and what stays an error.
@Suite struct PathRepairTests {
    static let ok = "responses: {\"200\": {description: ok}}"

    /// A path item with one GET declaring each of `names` as a required path parameter.
    static func item(_ key: String, _ names: [String], method: String = "get") -> String {
        let parameters = names.map { "{name: \($0), in: path, required: true}" }.joined(separator: ", ")
        return "  \(key):\n    \(method): {parameters: [\(parameters)], \(ok)}\n"
    }

    static func build(_ items: String...) throws -> (model: APIModel, diagnostics: [Diagnostic]) {
        let yaml = ModelFixtures.spec(paths: items.joined())
        let root = try YAMLReader.read(Array(yaml.utf8), file: "spec.yaml")
        return APIModelBuilder.build(from: LoadedSpec(entryFile: "spec.yaml", root: root), repairingPaths: true)
    }

    static func errors(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.filter { $0.severity == .error }.map(\.code)
    }

    /// Every resource path of the tree, parents first.
    static func paths(_ model: APIModel) -> [String] {
        model.resources.map(\.path)
    }

    @Test func aConflictTakesTheNameOfTheFirstPathInDocumentOrder() throws {
        let (model, diagnostics) = try Self.build(
            Self.item("/customers/{customer}", ["customer"]), Self.item("/customers/{id}/balance", ["id"]))
        #expect(Self.errors(diagnostics) == [])
        #expect(Self.paths(model) == ["/", "/customers", "/customers/{customer}", "/customers/{customer}/balance"])
        let balance = try #require(model.resource(at: "/customers/{customer}/balance")?.operation(.get))
        #expect(balance.parameters.map(\.name) == ["customer"])
        #expect(balance.variableRepairs == [VariableRepair(specName: "id", gatewayName: "customer")])
        #expect(balance.variableRepairs.first?.integrationName == "id")
        #expect(model.pathRepairs.map(\.specPath) == ["/customers/{id}/balance"])
        #expect(diagnostics.map(\.code) == [ModelCheck.repairedConflict.id])
        #expect(diagnostics.first?.location == SourceLocation(file: "spec.yaml", line: 8, column: 3))
    }

    @Test func theOrderOfTheDocumentDecidesNotTheOrderOfTheNames() throws {
        let (model, _) = try Self.build(Self.item("/customers/{id}/balance", ["id"]), Self.item("/customers/{customer}", ["customer"]))
        #expect(Self.paths(model) == ["/", "/customers", "/customers/{id}", "/customers/{id}/balance"])
        #expect(model.resource(at: "/customers/{id}")?.operation(.get)?.variableRepairs.map(\.specName) == ["customer"])
    }

    @Test func resolvesConflictsThreeLevelsDeep() throws {
        let (model, diagnostics) = try Self.build(
            Self.item("/orgs/{org}/teams/{team}/members/{member}", ["org", "team", "member"]),
            Self.item("/orgs/{o}/teams/{t}/members/{m}/roles", ["o", "t", "m"]))
        #expect(Self.errors(diagnostics) == [])
        // One variable child per resource, whatever the second path called them.
        for resource in model.resources {
            #expect(resource.children.filter(\.isVariable).count <= 1, "\(resource.path)")
        }
        let roles = try #require(model.resource(at: "/orgs/{org}/teams/{team}/members/{member}/roles")?.operation(.get))
        #expect(roles.parameters.map(\.name) == ["org", "team", "member"])
        #expect(roles.variableRepairs.map(\.integrationName) == ["o", "t", "m"])
        #expect(diagnostics.map(\.code) == Array(repeating: ModelCheck.repairedConflict.id, count: 3))
    }

    @Test func aRepeatedVariableGetsAFreeNameAndKeepsBothValues() throws {
        let (model, diagnostics) = try Self.build(Self.item("/a/{id}/b/{id}/c/{id2}", ["id", "id2"]))
        #expect(Self.errors(diagnostics) == [])
        // id2 is the spec's own third variable, so the repeat becomes id3.
        #expect(Self.paths(model).last == "/a/{id}/b/{id3}/c/{id2}")
        let operation = try #require(model.operations.first)
        #expect(operation.parameters.map(\.name) == ["id", "id2", "id3"])
        #expect(operation.variableRepairs == [VariableRepair(specName: "id", gatewayName: "id3", isRepeat: true)])
        #expect(operation.variableRepairs.first?.integrationName == "id3")
        #expect(diagnostics.map(\.code) == [ModelCheck.repairedRepeat.id])
    }

    @Test func aNameTakenByAnEarlierRenameIsFreedToo() throws {
        // {y} becomes {x} after its sibling, so the path's own {x} must move aside; the
        // backend still receives y and x.
        let (model, diagnostics) = try Self.build(Self.item("/a/{x}", ["x"]), Self.item("/a/{y}/b/{x}", ["y", "x"]))
        #expect(Self.errors(diagnostics) == [])
        #expect(Self.paths(model).last == "/a/{x}/b/{x2}")
        let operation = try #require(model.resource(at: "/a/{x}/b/{x2}")?.operation(.get))
        #expect(operation.parameters.map(\.name) == ["x", "x2"])
        #expect(operation.variableRepairs.map(\.integrationName) == ["y", "x"])
    }

    @Test func aRepeatThatMustTakeAnotherVariablesNameStillReachesTheBackendApart() throws {
        // Under /{p} the variable is {q}, so the second {x} is named q in the gateway; the
        // path's own {q} moves to q2, and the second x reaches the backend as x2.
        let (model, diagnostics) = try Self.build(Self.item("/{p}/{q}", ["p", "q"]), Self.item("/{x}/{x}/{q}", ["x", "q"]))
        #expect(Self.errors(diagnostics) == [])
        let operation = try #require(model.resource(at: "/{p}/{q}/{q2}")?.operation(.get))
        #expect(operation.variableRepairs.map(\.integrationName) == ["x", "x2", "q"])
        #expect(Set(operation.parameters.map(\.name)) == ["p", "q", "q2"])
    }

    @Test func aGreedyVariableBelowARenamedOneKeepsItsName() throws {
        let (model, diagnostics) = try Self.build(
            Self.item("/buckets/{bucket}/objects/{key+}", ["bucket", "key"]), Self.item("/buckets/{name}/acl", ["name"]))
        #expect(Self.errors(diagnostics) == [])
        #expect(Self.paths(model).contains("/buckets/{bucket}/objects/{key+}"))
        #expect(Self.paths(model).contains("/buckets/{bucket}/acl"))
    }

    @Test func renamesAVariableUnderAGreedyPathsParent() throws {
        let (model, diagnostics) = try Self.build(
            Self.item("/sites/{site}/{proxy+}", ["site", "proxy"]), Self.item("/sites/{id}/{proxy+}", ["id", "proxy"], method: "put"))
        // Both keys are one resource once {id} is {site}: OpenAPI itself calls such paths
        // identical, and the repair does not merge them.
        #expect(Self.errors(diagnostics) == [ModelCheck.trailingSlashDuplicate.id])
        #expect(Self.paths(model).filter { $0.hasPrefix("/sites/") } == ["/sites/{site}", "/sites/{site}/{proxy+}"])
    }

    @Test func aGreedyAndAPlainVariableStayAConflict() throws {
        let (_, diagnostics) = try Self.build(Self.item("/files/{proxy+}", ["proxy"]), Self.item("/files/{name}/meta", ["name"]))
        #expect(Self.errors(diagnostics) == [ModelCheck.conflictingVariables.id])
        #expect(diagnostics.first?.message.contains("--repair cannot fix this") == true)
    }

    @Test func twoGreedyNamesAtOneLevelStayAnError() throws {
        let (_, diagnostics) = try Self.build(Self.item("/files/{path+}", ["path"]), Self.item("/files/{key+}", ["key"], method: "put"))
        #expect(Self.errors(diagnostics) == [ModelCheck.trailingSlashDuplicate.id])
    }

    @Test func aGluedSegmentBecomesAWholeVariable() throws {
        let (model, diagnostics) = try Self.build(Self.item("/Accounts/{Sid}.json", ["Sid"]), Self.item("/v{major}/status", ["major"]))
        #expect(Self.errors(diagnostics) == [])
        #expect(Self.paths(model).contains("/Accounts/{Sid}"))
        #expect(Self.paths(model).contains("/{major}/status"))
        let account = try #require(model.resource(at: "/Accounts/{Sid}")?.operation(.get))
        #expect(account.variableRepairs == [VariableRepair(specName: "Sid", gatewayName: "Sid", suffix: ".json")])
        #expect(diagnostics.map(\.code) == [ModelCheck.repairedGlue.id, ModelCheck.repairedGlue.id])
        #expect(diagnostics.first?.message.contains("must strip it") == true)
    }

    @Test func twoGluedSiblingsThatWouldCollideStayErrors() throws {
        let (model, diagnostics) = try Self.build(Self.item("/Accounts/{Sid}.json", ["Sid"]), Self.item("/Accounts/{Sid}.xml", ["Sid"]))
        #expect(Self.errors(diagnostics) == [ModelCheck.trailingSlashDuplicate.id])
        // The repair of the second is not reported as done.
        #expect(model.pathRepairs.map(\.specPath) == ["/Accounts/{Sid}.json"])
    }

    @Test func withoutRepairTheOfferIsWithdrawnWhereTheRepairWouldClash() throws {
        let yaml = ModelFixtures.spec(paths: Self.item("/Accounts/{Sid}.json", ["Sid"]) + Self.item("/Accounts/{Sid}.xml", ["Sid"]))
        let (_, diagnostics) = try ModelFixtures.build(yaml)
        #expect(diagnostics.map(\.code) == [ModelCheck.partialVariable.id, ModelCheck.partialVariable.id])
        #expect(diagnostics.first?.message.contains("(--repair can make the whole segment the variable {Sid}") == true)
        #expect(diagnostics.last?.message.hasSuffix("(--repair cannot fix this one: the repaired path would clash with another, as convert --repair shows)") == true)
    }

    @Test func twoVariablesInOneSegmentStayAnError() throws {
        let (_, diagnostics) = try Self.build(Self.item("/compare/{base}...{head}", ["base", "head"]))
        #expect(Self.errors(diagnostics) == [ModelCheck.partialVariable.id])
    }

    @Test func withoutRepairTheSameSpecIsReportedAndNothingChanges() throws {
        let yaml = ModelFixtures.spec(
            paths: Self.item("/customers/{customer}", ["customer"]) + Self.item("/customers/{id}/balance", ["id"])
                + Self.item("/a/{id}/b/{id}", ["id"]) + Self.item("/Accounts/{Sid}.json", ["Sid"]))
        let (model, diagnostics) = try ModelFixtures.build(yaml)
        #expect(Self.errors(diagnostics) == [ModelCheck.conflictingVariables.id, ModelCheck.repeatedVariable.id, ModelCheck.partialVariable.id])
        #expect(model.pathRepairs.isEmpty)
        #expect(model.operations.allSatisfy { $0.variableRepairs.isEmpty })
    }
}
