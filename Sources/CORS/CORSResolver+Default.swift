extension CORSResolver {
    /// The policy's top-level settings with no rule applied: what API-wide responses follow,
    /// such as API Gateway's own gateway responses, which belong to no path.
    public static func defaultPolicy(_ policy: CORSPolicy) -> EffectiveCORSPolicy {
        effectivePolicy(policy.settings, allowMethods: policy.settings.allowMethods?.value.map(\.value) ?? [])
    }

    /// Settings with every default filled in.
    static func effectivePolicy(_ settings: CORSSettings, allowMethods: [String]) -> EffectiveCORSPolicy {
        EffectiveCORSPolicy(
            origins: OriginMatcher(settings.allowOrigins?.value.map(\.value) ?? []),
            allowMethods: allowMethods,
            allowHeaders: settings.allowHeaders?.value.map(\.value) ?? defaultAllowHeaders,
            exposeHeaders: settings.exposeHeaders?.value.map(\.value) ?? [],
            allowsCredentials: settings.allowCredentials?.value ?? false,
            maxAge: settings.maxAge?.value,
            preflightStatus: settings.preflightStatus?.value ?? defaultPreflightStatus,
            existingOptions: settings.existingOptions?.value ?? defaultExistingOptions)
    }
}
