import CORSDoctor
import YAML
import Plan
import Preflight
import Read

/// libFuzzer's entry point for what reads hand-written API Gateway definitions: any bytes in,
/// read as a CloudFormation template or an exported OpenAPI document, examined by the doctor,
/// and a few browser fetches simulated against whatever plan came out.
///
/// These run on templates nobody generated, so none of them may crash, whatever the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func definitionFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let root = try? DocumentReader.read(bytes, file: "fuzz") else { return 0 }
    let reading = GatewayPlanReader.reading(root, file: "fuzz", parameters: ["Stage": "v1", "AWS::Region": "eu-west-1"])
    guard let plan = reading.plan else { return 0 }
    _ = Doctor.examine(plan, locations: reading.locations)
    // The first resource's path with its variables filled in, and a path no resource has.
    let path = plan.resources.dropFirst().first.map { resource in
        "/" + resource.path.split(separator: "/").map { $0.hasPrefix("{") ? "x" : String($0) }.joined(separator: "/")
    } ?? "/"
    for (method, headers, credentials) in [
        ("GET", [Mapped](), false),
        ("PUT", [Mapped("Content-Type", "application/json"), Mapped("Authorization", "Bearer x")], true),
        ("DELETE", [Mapped("X-Custom", "1")], false),
    ] {
        for target in [path, "/no/such/path"] {
            _ = PreflightSimulation.run(
                PreflightSimulation.Input(
                    plan: plan, path: target, origin: "https://app.example.com", method: method, headers: headers,
                    includesCredentials: credentials))
        }
    }
    return 0
}
