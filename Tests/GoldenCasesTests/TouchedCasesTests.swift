import GoldenCases
import Testing

/// Which cases the files of a commit touch, however `--cases` and the files are spelled.
@Suite struct TouchedCasesTests {
    let touched = TouchedCases(cases: "specs", golden: "./golden/", workingFolder: "/repo")

    @Test func aFileInACaseOrItsGoldenFolderTouchesTheCase() {
        #expect(touched.names(of: ["specs/petstore/cors.yaml", "golden/cors-minimal/openapi.yaml"]) == ["petstore", "cors-minimal"])
    }

    @Test func filesOutsideBothFoldersTouchNone() {
        #expect(touched.names(of: ["README.md", "Sources/oas2apigw/OAS2APIGW.swift", "specs", "specs/README.md", "golden-old/x/y"]) == [])
    }

    @Test func absoluteAndDottedSpellingsMeanTheSameFile() {
        #expect(touched.names(of: ["/repo/specs/a/openapi.yaml", "./specs/b/shared/pet.yaml", "docs/../golden/c/x.json"]) == ["a", "b", "c"])
        let absolute = TouchedCases(cases: "/repo/api/specs", golden: "/repo/api/golden", workingFolder: "/repo")
        #expect(absolute.names(of: ["api/specs/orders/openapi.yaml", "specs/petstore/openapi.yaml"]) == ["orders"])
    }
}
