/// How one backend outcome becomes a method response: selected by a pattern on the
/// backend's status (HTTP, MOCK) or error message (Lambda), or the default.
public struct IntegrationResponse: Sendable, Equatable {
    /// The selection pattern; `nil` for the default response.
    public var selectionPattern: String?
    /// The method response it produces, which must exist.
    public var statusCode: String
    /// `method.response.header.X` ← `'static'` or `integration.response.header.Y`.
    public var responseParameters: [Mapped]
    /// Content type → mapping template (VTL), in order.
    public var responseTemplates: [Mapped]
    public var contentHandling: String?

    public init(
        selectionPattern: String? = nil, statusCode: String, responseParameters: [Mapped] = [],
        responseTemplates: [Mapped] = [], contentHandling: String? = nil
    ) {
        self.selectionPattern = selectionPattern
        self.statusCode = statusCode
        self.responseParameters = responseParameters
        self.responseTemplates = responseTemplates
        self.contentHandling = contentHandling
    }
}
