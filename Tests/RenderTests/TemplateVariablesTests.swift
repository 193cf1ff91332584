import Testing

import TestSupport
@testable import Render

/// The path template variables the OpenAPI renderer declares, read as bytes: they must be
/// those a split into characters finds, for every path.
@Suite struct TemplateVariablesTests {
    /// The names as the renderer found them before it read bytes.
    static func byCharacters(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { segment in
            guard segment.hasPrefix("{"), segment.hasSuffix("}") else { return nil }
            var name = segment.dropFirst().dropLast()
            if name.hasSuffix("+") { name = name.dropLast() }
            return String(name)
        }
    }

    @Test(arguments: [
        "/a/{id}/b/{proxy+}", "/", "", "/{}", "/{+}", "//x//{y}//", "/{a}{b}", "/{", "/}", "/x/{id}.json",
        "/{id", "id}/{x}", "{root}", "/{ü}/{id}", "/{id}\u{301}", "/{a+b}", "/{++}",
    ])
    func findsWhatACharacterSplitFinds(path: String) {
        #expect(OpenAPIRenderer.templateVariables(path) == Self.byCharacters(path))
    }

    @Test func findsWhatACharacterSplitFindsOnGeneratedPaths() {
        var random = SplitMix64(seed: 7)
        let pieces = ["/", "{", "}", "+", "a", "id", "{id}", "{p+}", ".", "é", "\u{301}"]
        for _ in 0..<2000 {
            let path = (0..<Int(random.next() % 9)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            #expect(OpenAPIRenderer.templateVariables(path) == Self.byCharacters(path), "\(path)")
        }
    }
}
