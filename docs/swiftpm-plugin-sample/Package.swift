// swift-tools-version:6.0
import PackageDescription

// A Swift server package as a team deploying to API Gateway keeps it: the API described in
// Sources/BookshelfServer/openapi.yaml, its CORS policy beside it, and the template that
// deploys it committed in deploy/. Its only dependency is oas2apigw, for the
// `swift package oas2apigw` command; a real one would also depend on swift-openapi-generator
// and swift-aws-lambda-runtime (docs/swiftpm-plugin.md).
let package = Package(
    name: "Bookshelf",
    platforms: [.macOS(.v13)],
    dependencies: [
        // This repository, two folders up; another package writes
        // .package(url: "https://github.com/…/oas2apigw", from: "0.1.0") instead.
        .package(path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "BookshelfServer",
            // Inputs of swift-openapi-generator's build plugin and of oas2apigw, not sources.
            exclude: ["openapi.yaml", "cors.yaml"]
        ),
    ]
)
