import Diagnostics
import Testing
import Spec

/// The resource tree: one resource per segment, stable order, kinds, and the base path.
@Suite struct ResourceTreeTests {
    @Test func makesIntermediateResourcesAndSortsChildrenByBytes() throws {
        let (model, diagnostics) = try ModelFixtures.build(
            ModelFixtures.spec(
                paths: """
                      /zoo/{id}/b:
                        get: {responses: {"200": {description: ok}}, parameters: [{name: id, in: path, required: true}]}
                      /Zebra:
                        get: {responses: {"200": {description: ok}}}
                      /apple:
                        get: {responses: {"200": {description: ok}}}
                      /zoo/{id}/a:
                        get: {responses: {"200": {description: ok}}, parameters: [{name: id, in: path, required: true}]}
                      /_under:
                        get: {responses: {"200": {description: ok}}}
                    """))
        #expect(diagnostics.isEmpty, "\(ModelFixtures.printed(diagnostics))")
        // Upper case sorts before underscore, which sorts before lower case, by UTF-8 bytes.
        #expect(model.root.children.map(\.pathPart) == ["Zebra", "_under", "apple", "zoo"])
        #expect(
            model.resources.map(\.path) == [
                "/", "/Zebra", "/_under", "/apple", "/zoo", "/zoo/{id}", "/zoo/{id}/a", "/zoo/{id}/b",
            ])
        // /zoo exists only because deeper paths run through it.
        let zoo = try #require(model.resource(at: "/zoo"))
        #expect(zoo.specPaths == [])
        #expect(zoo.operations.isEmpty)
        #expect(zoo.location.line == 6)
        #expect(model.resource(at: "/zoo/{id}/a")?.specPaths == ["/zoo/{id}/a"])
    }

    @Test func sortsOperationsByMethodWhateverTheSourceOrder() throws {
        let (model, _) = try ModelFixtures.build(
            ModelFixtures.spec(
                paths: """
                      /x:
                        x-amazon-apigateway-any-method: {responses: {default: {description: ok}}}
                        patch: {responses: {"200": {description: ok}}}
                        head: {responses: {"200": {description: ok}}}
                        options: {responses: {"200": {description: ok}}}
                        delete: {responses: {"200": {description: ok}}}
                        post: {responses: {"200": {description: ok}}}
                        put: {responses: {"200": {description: ok}}}
                        get: {responses: {"200": {description: ok}}}
                    """))
        #expect(model.resource(at: "/x")?.methods == [.get, .put, .post, .delete, .options, .head, .patch, .any])
    }

    @Test func tellsVariablesAndGreedyVariablesApart() throws {
        let (model, diagnostics) = try ModelFixtures.build(
            ModelFixtures.spec(
                paths: """
                      /files/{proxy+}:
                        get: {responses: {"200": {description: ok}}, parameters: [{name: proxy, in: path, required: true}]}
                      /users/{userId}:
                        get: {responses: {"200": {description: ok}}, parameters: [{name: userId, in: path, required: true}]}
                    """))
        #expect(diagnostics.isEmpty, "\(ModelFixtures.printed(diagnostics))")
        let greedy = try #require(model.resource(at: "/files/{proxy+}"))
        #expect(greedy.kind == .greedyVariable)
        #expect(greedy.isGreedy && greedy.isVariable)
        #expect(greedy.variableName == "proxy")
        let user = try #require(model.resource(at: "/users/{userId}"))
        #expect(user.kind == .variable)
        #expect(user.variableName == "userId")
        #expect(model.root.kind == .root)
        #expect(model.root.pathPart == "")
        #expect(model.resource(at: "/files")?.variableName == nil)
    }

    @Test func putsOperationsOnSlashOnTheRoot() throws {
        let (model, _) = try ModelFixtures.build(
            ModelFixtures.spec(paths: "  /:\n    get: {operationId: home, responses: {\"200\": {description: ok}}}"))
        #expect(model.root.methods == [.get])
        #expect(model.root.specPaths == ["/"])
        #expect(model.resources.count == 1)
    }

    @Test(arguments: [
        ("https://api.example.com/v1", "/v1"),
        ("https://api.example.com/v1/", "/v1"),
        ("https://api.example.com", "/"),
        ("https://api.example.com:8443/a/b?x=1#top", "/a/b"),
        ("//api.example.com/beta", "/beta"),
        ("/relative", "/relative"),
        ("v2", "/v2"),
        ("/", "/"),
    ])
    func takesTheBasePathFromTheServerURL(url: String, basePath: String) {
        #expect(Server.basePath(ofURL: url) == basePath)
    }

    @Test func fillsServerVariablesFromTheirDefaultsAndUsesOnlyTheFirstServer() throws {
        let (model, _) = try ModelFixtures.buildCase("openapi-3-1")
        #expect(model.servers.count == 2)
        #expect(model.servers[0].url == "https://{region}.letters.example.com/{basePath}")
        #expect(model.servers[0].resolvedURL == "https://eu.letters.example.com/v2")
        #expect(model.basePath == "/v2")
    }

    @Test func hasNoBasePathWithoutServers() throws {
        let (model, _) = try ModelFixtures.build(ModelFixtures.spec(paths: "  /a: {}"))
        #expect(model.servers.isEmpty)
        #expect(model.basePath == "/")
    }
}
