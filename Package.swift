// swift-tools-version:6.0
import PackageDescription

// Layers, lowest first: CLibYAML (the C library) -> YAML (the only code that touches it) ->
// Plan (the hub: the gateway plan, HTTP methods, API Gateway's path-part rules) -> Core (OpenAPI,
// CORS, planning, renderers, readers) -> oas2apigw (the command line). Diagnostics sits beside
// YAML as the one error vocabulary every layer speaks.
let package = Package(
    name: "oas2apigw",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "oas2apigw", targets: ["oas2apigw"]),
        .library(name: "OAS2APIGWCore", targets: ["Core"]),
        .library(name: "OAS2APIGWYAML", targets: ["YAML"]),
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
        .target(name: "Core", dependencies: ["CORS", "Plan", "Planning", "Preflight", "Read", "Render", "Spec", "Support", "YAML", "Diagnostics"]),
        .executableTarget(
            name: "oas2apigw",
            dependencies: [
                "Core", "CORS", "Plan", "Planning", "Preflight", "Read", "Render", "Spec", "Support", "YAML", "Diagnostics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [
                // A release build on Linux is one static executable, the Swift runtime, Foundation
                // Essentials, libyaml and glibc linked in: no dynamic loader at startup, 1.5 ms less
                // per run and 3.3 MB less resident (docs/benchmarks.md). Nothing it runs looks up
                // users or loads libraries, the two things static glibc cannot do alone.
                .unsafeFlags(["-static-executable", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization"], .when(platforms: [.linux], configuration: .release))
            ]
        ),
        .executableTarget(
            name: "oas2apigw-bench",
            dependencies: ["YAML", "Core", "Planning", "Render", "Spec"],
            path: "Benchmarks/Runner",
            linkerSettings: [
                // Linked as the command is, so that libyaml's raw parse, the baseline of every
                // ratio, runs the same static libyaml the command does.
                .unsafeFlags(["-static-executable", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization"], .when(platforms: [.linux], configuration: .release))
            ]
        ),
        // libFuzzer entry points; built and linked only by Fuzz/run.sh, with sanitizers.
        .target(name: "FuzzReader", dependencies: ["YAML", "Diagnostics"], path: "Fuzz/ReaderTarget"),
        .target(name: "FuzzConvert", dependencies: ["Core", "YAML", "Diagnostics"], path: "Fuzz/ConvertTarget"),
        .target(name: "FuzzDefinition", dependencies: ["Core", "Plan", "Preflight", "Read", "YAML"], path: "Fuzz/DefinitionTarget"),
        // Helpers shared by the test targets (seeded generators); never part of a product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics", "Core", "YAML"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "Diagnostics", "TestSupport"]),
        .testTarget(name: "CoreTests", dependencies: ["Core", "CORS", "Plan", "Planning", "Preflight", "Read", "Render", "Spec", "Support", "YAML", "Diagnostics", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["oas2apigw", "TestSupport"]),
    ]
)
