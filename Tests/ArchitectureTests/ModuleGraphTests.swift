import Foundation
import Testing

/// The module graph as `Package.swift` declares it, against what `docs/architecture.md`
/// draws and tabulates and what each source file imports.
@Suite struct ModuleGraphTests {
    struct Target {
        var name: String
        var kind: String
        var dependencies: Set<String>
        var path: String
    }

    /// The targets of `Package.swift`, read from its text: name, kind, dependencies (target
    /// names and product names alike) and folder.
    static let targets: [Target] = {
        let manifest = Repository.text("Package.swift")
        let pattern = #"\.(target|executableTarget|testTarget|systemLibrary)\(\s*name: "([^"]+)""#
        let starts = Repository.matches(pattern, in: manifest)
        // Each target's text runs from its name to the next target's.
        var pieces = manifest.components(separatedBy: "\n        .")
        pieces.removeFirst()
        return starts.map { found in
            let kind = found[0]
            let name = found[1]
            let piece = pieces.first { $0.hasPrefix("\(kind)(") && $0.contains("name: \"\(name)\"") } ?? ""
            let list = piece.range(of: "dependencies: [").map { start in
                String(piece[start.upperBound...].prefix { $0 != "]" })
            } ?? ""
            let products = Repository.matches(#"\.product\(name: "([^"]+)""#, in: list).map { $0[0] }
            let names = Repository.matches(#""([^"]+)""#, in: list).map { $0[0] }
            let path = Repository.matches(#"path: "([^"]+)""#, in: piece).first?.first
                ?? (kind == "testTarget" ? "Tests/\(name)" : "Sources/\(name)")
            return Target(
                name: name, kind: kind, dependencies: Set(names).subtracting(["swift-argument-parser"]).union(products),
                path: path)
        }
    }()

    /// The targets under `Sources/`: the layers and the command line.
    static var sourceTargets: [Target] { targets.filter { $0.path.hasPrefix("Sources/") } }

    static let page = Repository.text("docs/architecture.md")

    /// The page's section on the modules: the picture and the table.
    static let modulesSection: String = {
        guard let start = page.range(of: "## The modules") else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }()

    @Test func theManifestIsReadWhole() {
        let names = Self.sourceTargets.map(\.name)
        #expect(names.contains("Plan") && names.contains("oas2apigw") && names.contains("CLibYAML"))
        #expect(Self.targets.first { $0.name == "Plan" }?.dependencies == ["YAML", "Diagnostics"])
        #expect(Self.targets.first { $0.name == "oas2apigw" }?.dependencies.contains("ArgumentParser") == true)
    }

    /// The page's table has one row per module, naming exactly its dependencies.
    @Test func theTableMatchesThePackage() {
        let rows = Repository.matches(#"^\| ([A-Za-z0-9]+) \|\s*([A-Za-z, ]*?)\s*\| [^|]+ \|$"#, in: Self.modulesSection)
            .filter { $0[0] != "module" }
        let table = Dictionary(rows.map { ($0[0], Set($0[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })) }, uniquingKeysWith: { $1 })
        for target in Self.sourceTargets {
            #expect(table[target.name] == target.dependencies, "docs/architecture.md: \(target.name) depends on \(target.dependencies.sorted())")
        }
        let modules = Set(Self.sourceTargets.map(\.name))
        #expect(Set(table.keys).subtracting(modules).isEmpty, "rows for modules the package lacks: \(Set(table.keys).subtracting(modules).sorted())")
    }

    /// The picture draws every dependency of the layers but those on Diagnostics, and those
    /// on YAML that another arrow of the same module already implies; it draws no arrow the
    /// package lacks.
    @Test func thePictureMatchesThePackage() {
        let arrows = Set(Repository.matches(#"^    (\w+) --> (\w+)$"#, in: Self.modulesSection).map { "\($0[0]) -> \($0[1])" })
        let closure = Self.transitiveDependencies()
        var expected: Set<String> = []
        for target in Self.sourceTargets where target.kind == "target" {
            let drawn = target.dependencies.subtracting(["Diagnostics"])
            for dependency in drawn {
                let implied = dependency == "YAML" && drawn.contains { $0 != "YAML" && closure[$0]?.contains("YAML") == true }
                if !implied { expected.insert("\(target.name) -> \(dependency)") }
            }
        }
        #expect(arrows == expected, "missing: \(expected.subtracting(arrows).sorted()); extra: \(arrows.subtracting(expected).sorted())")
    }

    /// The arrows the architecture forbids: the hub sees nothing above YAML, the consumers see
    /// the plan alone, the doctor runs no converter, and nothing below the command line
    /// reaches up.
    @Test func noArrowRunsBack() {
        let closure = Self.transitiveDependencies()
        #expect(closure["Plan"] == ["YAML", "Diagnostics", "CLibYAML"])
        for consumer in ["Render", "Read", "Preflight"] {
            #expect(closure[consumer]?.isDisjoint(with: ["Spec", "CORS", "Planning", "Convert"]) == true, "\(consumer) reaches past the plan")
        }
        #expect(closure["CORSDoctor"]?.isDisjoint(with: ["Convert", "Render"]) == true, "the doctor reaches the converter")
        #expect(closure["Spec"]?.isDisjoint(with: ["CORS", "Planning", "Render", "Read"]) == true)
        #expect(closure["CORS"]?.isDisjoint(with: ["Spec", "Plan", "Planning"]) == true)
        for target in Self.sourceTargets where target.name != "oas2apigw" {
            #expect(closure[target.name]?.contains("oas2apigw") == false)
        }
    }

    /// Every `import` of a target's files is a module the target declares (or the system's):
    /// a warm build finds a module its target does not declare, a fresh clone does not.
    @Test func everyImportIsDeclared() {
        let system: Set<String> = [
            "Foundation", "FoundationEssentials", "Testing", "Glibc", "Musl", "Darwin", "Dispatch", "Synchronization",
            "ArgumentParser", "XCTest",
        ]
        for target in Self.targets where target.kind != "systemLibrary" {
            for file in Repository.files(under: target.path, endingWith: [".swift"]) {
                let imports = Repository.matches(#"^(?:@testable |internal |package |public )?import (\w+)"#, in: Repository.text(file)).map { $0[0] }
                for module in imports where !system.contains(module) && module != target.name {
                    #expect(target.dependencies.contains(module), "\(file) imports \(module), which \(target.name) does not declare")
                }
            }
        }
    }

    /// Only the command line touches the disk: the layers read through a `SpecFileReader` and
    /// write to a `ByteSink`, so every one of them works the same on files held in memory.
    @Test func onlyTheCommandLineTouchesTheDisk() {
        let diskCalls = #"(FileManager|fopen\(|opendir\(|fsync\(|rename\(|mkstemp|String\(contentsOf|Data\(contentsOf)"#
        for target in Self.sourceTargets where target.name != "oas2apigw" && target.kind == "target" {
            for file in Repository.files(under: target.path, endingWith: [".swift"]) {
                let found = Repository.matches(diskCalls, in: Repository.text(file)).map { $0[0] }
                #expect(found.isEmpty, "\(file) touches the disk (\(found)); read through a SpecFileReader, write to a ByteSink")
            }
        }
    }

    static func transitiveDependencies() -> [String: Set<String>] {
        let direct = Dictionary(Self.targets.map { ($0.name, $0.dependencies) }, uniquingKeysWith: { $1 })
        var closure: [String: Set<String>] = [:]
        func reach(_ name: String) -> Set<String> {
            if let known = closure[name] { return known }
            var all: Set<String> = []
            for dependency in direct[name] ?? [] {
                all.insert(dependency)
                all.formUnion(reach(dependency))
            }
            closure[name] = all
            return all
        }
        for name in direct.keys { _ = reach(name) }
        return closure
    }
}
