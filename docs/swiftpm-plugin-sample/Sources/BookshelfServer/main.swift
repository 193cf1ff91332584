// The Lambda handler would go here: swift-openapi-generator's server stubs for openapi.yaml,
// served through swift-aws-lambda-runtime. The sample keeps to what the plugin needs.
print("Bookshelf: deploy with deploy/template.yaml")
