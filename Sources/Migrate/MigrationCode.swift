/// The stable diagnostic codes of `oas2apigw migrate`.
public enum MigrationCode {
    /// The input is a plain OpenAPI spec: there is nothing to migrate.
    public static let plainSpec = "MIG001"
    /// Converting the migrated files failed; the conversion's own diagnostics follow.
    public static let roundTripFailed = "MIG002"
    /// Something the source defines that the migrated files cannot express.
    public static let notExpressed = "MIG010"
    /// The regenerated API differs from the source in a way no deliberate fix explains.
    public static let unexplainedDifference = "MIG020"

    public static let all = [plainSpec, roundTripFailed, notExpressed, unexplainedDifference]
}
