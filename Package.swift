// swift-tools-version:6.0
import PackageDescription

// Layers, lowest first: CLibYAML (the C library) -> YAML (the only code that touches it) ->
// Support -> Plan (the hub) with its producers (Spec + CORS -> Planning; Read) and consumers
// (Render, Preflight, CORSDoctor) -> Intake, Convert, Migrate, GoldenCases -> oas2apigw (the
// command line). Diagnostics sits beside YAML as the one error vocabulary every layer speaks.
// docs/architecture.md draws it; ArchitectureTests keeps that page and this file in step.
let package = Package(
    name: "oas2apigw",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "oas2apigw", targets: ["oas2apigw"]),
        // The layers as a library, for tools built on them. The leading underscore says what
        // docs/architecture.md does: these modules are not a stable API, and change with the tool.
        .library(
            name: "_OAS2APIGW",
            targets: [
                "Diagnostics", "YAML", "Support", "Plan", "Spec", "CORS", "Planning", "Render", "Read", "Preflight", "Intake",
                "CORSDoctor", "Convert", "Migrate", "Normalize", "GoldenCases",
            ]),
        // `swift package oas2apigw …` in a package that depends on this one (docs/swiftpm-plugin.md).
        .plugin(name: "OAS2APIGWPlugin", targets: ["OAS2APIGWPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "Diagnostics"),
        .target(name: "YAML", dependencies: ["CLibYAML", "Diagnostics"]),
        // Helpers every layer above YAML may use: CloudFormation functions in a tree, stable
        // hashes, work on several cores, byte-order sorting, "did you mean" suggestions.
        .target(name: "Support", dependencies: ["YAML", "Diagnostics"]),
        // The OpenAPI spec: its files loaded with their `$ref`s checked, and the model of its
        // paths and operations.
        .target(name: "Spec", dependencies: ["Plan", "Support", "YAML", "Diagnostics"]),
        // The CORS policy file: reading it, checking it, resolving it per path.
        .target(name: "CORS", dependencies: ["Support", "YAML", "Diagnostics"]),
        // The hub: the gateway plan every producer makes and every consumer reads.
        .target(name: "Plan", dependencies: ["YAML", "Diagnostics"]),
        // Spec + policy -> plan: the producer of the hub, and the document API Gateway imports.
        .target(name: "Planning", dependencies: ["CORS", "Plan", "Spec", "Support", "YAML", "Diagnostics"]),
        // The CloudFormation template and the OpenAPI document, written from the plan alone.
        .target(name: "Render", dependencies: ["Plan", "Support", "YAML", "Diagnostics"]),
        // A CloudFormation template or an exported definition read back into a plan.
        .target(name: "Read", dependencies: ["Plan", "Support", "YAML", "Diagnostics"]),
        // What a browser and API Gateway would do with a request, read from the plan alone.
        .target(name: "Preflight", dependencies: ["Plan", "YAML", "Diagnostics"]),
        // Any SOURCE a command takes to a plan: read when it is a definition, planned when a spec.
        .target(name: "Intake", dependencies: ["Plan", "Planning", "Read", "Spec", "YAML", "Diagnostics"]),
        // The CORS faults of any plan, with where each is written and how to fix it.
        .target(name: "CORSDoctor", dependencies: ["CORS", "Intake", "Plan", "Planning", "Read", "Spec", "YAML", "Diagnostics"]),
        // The main job: spec + policy -> plan -> written template or document.
        .target(name: "Convert", dependencies: ["CORS", "Plan", "Planning", "Render", "Spec", "Support", "YAML", "Diagnostics"]),
        // A hand-written API read back and turned into a spec and a policy, checked by converting them.
        .target(name: "Migrate", dependencies: ["CORSDoctor", "Convert", "CORS", "Plan", "Planning", "Read", "Render", "Spec", "YAML", "Diagnostics"]),
        // The spec's own order and spelling, for diffs: no planning involved.
        .target(name: "Normalize", dependencies: ["Support", "YAML", "Diagnostics"]),
        // Test cases of a folder (spec, policy, expected outputs) run and compared.
        .target(name: "GoldenCases", dependencies: ["Convert", "CORSDoctor", "Migrate", "Plan", "Planning", "Read", "Spec", "Support", "YAML", "Diagnostics"]),
        .executableTarget(
            name: "oas2apigw",
            dependencies: [
                "CORS", "CORSDoctor", "Convert", "GoldenCases", "Intake", "Migrate", "Normalize", "Plan", "Planning", "Preflight", "Read",
                "Render", "Spec", "Support", "YAML", "Diagnostics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [
                // A release build on Linux is one static executable, the Swift runtime, Foundation
                // Essentials, libyaml and glibc linked in: no dynamic loader at startup (what that
                // saves per run is in docs/benchmarks.md). Nothing it runs looks up users or loads
                // libraries, the two things static glibc cannot do alone.
                .unsafeFlags(["-static-executable", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization"], .when(platforms: [.linux], configuration: .release))
            ]
        ),
        // The command plugin runs the built command as a process and imports none of the layers,
        // so it adds no arrow to the module graph (docs/architecture.md).
        .plugin(
            name: "OAS2APIGWPlugin",
            capability: .command(
                intent: .custom(verb: "oas2apigw", description: "Convert or check the package's OpenAPI spec with oas2apigw."),
                permissions: [
                    // SwiftPM grants a permission to a plugin, not to one subcommand, so every run
                    // asks for it, though only convert -o and check --update write.
                    .writeToPackageDirectory(reason: "convert -o and check --update write the template into the package.")
                ]),
            dependencies: ["oas2apigw"]
        ),
        .executableTarget(
            name: "oas2apigw-bench",
            dependencies: ["CORS", "Convert", "Planning", "Render", "Spec", "YAML", "Diagnostics"],
            path: "Benchmarks/Runner",
            linkerSettings: [
                // Linked as the command is, so that libyaml's raw parse, the baseline of every
                // ratio, runs the same static libyaml the command does.
                .unsafeFlags(["-static-executable", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization"], .when(platforms: [.linux], configuration: .release))
            ]
        ),
        // libFuzzer entry points; built and linked only by Fuzz/run.sh, with sanitizers.
        .target(name: "FuzzReader", dependencies: ["YAML", "Diagnostics"], path: "Fuzz/ReaderTarget"),
        .target(name: "FuzzConvert", dependencies: ["Convert", "Planning", "Render", "Spec", "YAML", "Diagnostics"], path: "Fuzz/ConvertTarget"),
        .target(name: "FuzzDefinition", dependencies: ["CORSDoctor", "Plan", "Preflight", "Read", "YAML"], path: "Fuzz/DefinitionTarget"),
        .target(name: "FuzzPolicy", dependencies: ["CORS"], path: "Fuzz/PolicyTarget"),
        // Helpers shared by the test targets (seeded generators, the spec and golden corpus and
        // its readers, golden comparison, external tools, the end-to-end table, hand-built
        // plans); never part of a product.
        .target(name: "TestSupport", dependencies: ["GoldenCases", "Plan", "Spec", "YAML", "Diagnostics"], path: "Tests/TestSupport"),
        // One test target per module, named after it, with the tests of what that module does;
        // CLITests runs the built binary, ArchitectureTests holds the sources to the docs.
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics", "Support", "YAML"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "Diagnostics", "TestSupport"]),
        .testTarget(name: "SupportTests", dependencies: ["Support", "Normalize", "Plan", "YAML", "Diagnostics", "TestSupport"]),
        .testTarget(name: "PlanTests", dependencies: ["Plan", "TestSupport"]),
        .testTarget(name: "SpecTests", dependencies: ["Spec", "Plan", "Planning", "Render", "Support", "YAML", "Diagnostics", "TestSupport"]),
        .testTarget(name: "CORSTests", dependencies: ["CORS", "Plan", "Spec", "Support", "YAML", "Diagnostics", "TestSupport"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "CORS", "CORSDoctor", "Plan", "Render", "Spec", "Support", "YAML", "Diagnostics"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Plan", "Read", "Support", "YAML", "TestSupport"]),
        .testTarget(name: "ReadTests", dependencies: ["Read", "Convert", "GoldenCases", "Plan", "Planning", "Render", "Spec", "Support", "YAML", "Diagnostics", "TestSupport"]),
        .testTarget(name: "PreflightTests", dependencies: ["Preflight", "Intake", "CORS", "Convert", "GoldenCases", "Plan", "Planning", "Spec", "YAML", "Diagnostics", "TestSupport"]),
        .testTarget(name: "IntakeTests", dependencies: ["Intake", "Planning", "Read", "Spec", "Diagnostics", "TestSupport"]),
        .testTarget(name: "CORSDoctorTests", dependencies: ["CORSDoctor", "Convert", "GoldenCases", "Plan", "Planning", "Read", "Spec", "YAML", "Diagnostics", "TestSupport"]),
        .testTarget(name: "ConvertTests", dependencies: ["Convert", "CORS", "GoldenCases", "Read", "Plan", "Planning", "Render", "Spec", "Support", "YAML", "Diagnostics", "TestSupport"]),
        .testTarget(name: "MigrateTests", dependencies: ["Migrate", "Intake", "CORS", "CORSDoctor", "Convert", "GoldenCases", "Plan", "Planning", "Preflight", "Read", "Spec", "Support", "YAML", "Diagnostics", "TestSupport"]),
        .testTarget(name: "NormalizeTests", dependencies: ["Normalize", "Support", "YAML", "Diagnostics", "TestSupport"]),
        .testTarget(name: "GoldenCasesTests", dependencies: ["GoldenCases", "Plan", "Spec", "YAML", "TestSupport"]),
        // What the manifest, the sources and the pages say about each other: the module graph,
        // each target's imports, and the registry of diagnostic codes.
        .testTarget(
            name: "ArchitectureTests",
            dependencies: [
                "Diagnostics", "YAML", "Spec", "CORS", "Planning", "Render", "Read", "Intake", "CORSDoctor", "Convert",
                "Migrate", "GoldenCases",
            ]),
        .testTarget(name: "CLITests", dependencies: ["oas2apigw", "TestSupport"]),
    ]
)
