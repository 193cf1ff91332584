import Testing
import Plan
import Preflight
import Spec

/// Each rule of the Fetch standard the browser side applies, pinned on its own, so a change
/// that bends one rule fails here with the rule's name rather than somewhere in a scenario.
@Suite struct FetchRuleTests {
    static let origin = "https://app.example.com"

    func request(_ method: String, _ headers: [Mapped] = [], credentials: Bool = false) -> BrowserRequest {
        BrowserRequest(url: "https://api.example.com/x", origin: Self.origin, method: method, headers: headers, includesCredentials: credentials)
    }

    func preflight(_ request: BrowserRequest, status: Int = 204, _ headers: [Mapped]) -> CORSFailure? {
        BrowserCORS.preflightCheck(status: status, headers: HeaderList(headers), request: request)
    }

    // MARK: When a preflight is needed

    @Test(arguments: ["GET", "HEAD", "POST", "get", "post"])
    func safelistedMethodsNeedNoPreflight(_ method: String) {
        #expect(request(method).preflight == nil)
    }

    @Test(arguments: ["PUT", "DELETE", "PATCH", "OPTIONS", "put"])
    func otherMethodsNeedAPreflight(_ method: String) {
        #expect(request(method).preflight != nil)
    }

    @Test func onlyTheSixStandardMethodsAreUpperCased() {
        #expect(FetchRules.normalizedMethod("put") == "PUT")
        #expect(FetchRules.normalizedMethod("delete") == "DELETE")
        #expect(FetchRules.normalizedMethod("patch") == "patch")
        #expect(FetchRules.normalizedMethod("Patch") == "Patch")
    }

    @Test(arguments: ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "TEXT/PLAIN; charset=utf-8"])
    func threeContentTypesAreSafelisted(_ value: String) {
        #expect(FetchRules.isSafelistedRequestHeader(name: "Content-Type", value: value))
        #expect(request("POST", [Mapped("Content-Type", value)]).preflight == nil)
    }

    @Test(arguments: ["application/json", "text/plain\"", "text", "application/xml"])
    func everyOtherContentTypeNeedsAPreflight(_ value: String) {
        #expect(!FetchRules.isSafelistedRequestHeader(name: "content-type", value: value))
        #expect(request("POST", [Mapped("Content-Type", value)]).preflightReasons == ["header content-type has a value that is not CORS-safelisted"])
    }

    @Test func acceptAndLanguageHeadersAreSafelistedWithPlainValues() {
        #expect(FetchRules.isSafelistedRequestHeader(name: "Accept", value: "application/json, */*;q=0.8"))
        #expect(!FetchRules.isSafelistedRequestHeader(name: "Accept", value: "application/{json}"))
        #expect(FetchRules.isSafelistedRequestHeader(name: "Accept-Language", value: "en-GB,en;q=0.9"))
        #expect(!FetchRules.isSafelistedRequestHeader(name: "Content-Language", value: "en_GB"))
        #expect(FetchRules.isSafelistedRequestHeader(name: "Range", value: "bytes=0-99"))
        #expect(!FetchRules.isSafelistedRequestHeader(name: "Range", value: "bytes=0-9,20-29"))
        #expect(!FetchRules.isSafelistedRequestHeader(name: "Range", value: "bytes=+0-9"))
        #expect(!FetchRules.isSafelistedRequestHeader(name: "Range", value: "bytes=9-0"))
    }

    @Test func aSafelistedValueLongerThan128BytesIsNotSafelisted() {
        #expect(FetchRules.isSafelistedRequestHeader(name: "Accept", value: String(repeating: "a", count: 128)))
        #expect(!FetchRules.isSafelistedRequestHeader(name: "Accept", value: String(repeating: "a", count: 129)))
    }

    @Test func safelistedHeadersOver1024BytesTogetherBecomeUnsafe() {
        let long = String(repeating: "a", count: 120)
        let headers = (0..<9).map { _ in Mapped("Accept", long) }
        #expect(FetchRules.unsafeRequestHeaderNames(HeaderList(headers)) == ["accept"])
        #expect(FetchRules.unsafeRequestHeaderNames(HeaderList(Array(headers.prefix(8)))) == [])
    }

    @Test func authorizationAndCustomHeadersNeedAPreflight() {
        #expect(request("GET", [Mapped("Authorization", "Bearer t")]).preflight != nil)
        #expect(request("GET", [Mapped("X-Requested-With", "fetch")]).preflight != nil)
    }

    @Test func credentialsAloneDoNotNeedAPreflight() {
        #expect(request("GET", credentials: true).preflight == nil)
    }

    @Test func forbiddenHeadersAreDroppedAndNeverAskedFor() {
        let r = request("GET", [Mapped("Cookie", "a=1"), Mapped("Sec-Fetch-Mode", "x"), Mapped("Origin", "https://x")])
        #expect(r.headers.fields.isEmpty)
        #expect(r.droppedHeaders == ["Cookie", "Sec-Fetch-Mode", "Origin"])
        #expect(r.preflight == nil)
    }

    // MARK: The preflight request

    @Test func thePreflightAsksForTheUnsafeHeadersLowerCasedSortedAndCommaJoined() throws {
        let r = request("PUT", [Mapped("X-Zeta", "1"), Mapped("Content-Type", "application/json"), Mapped("X-Alpha", "2"), Mapped("x-alpha", "3")])
        let preflight = try #require(r.preflight)
        #expect(preflight.headers.value("Access-Control-Request-Headers") == "content-type,x-alpha,x-zeta")
        #expect(preflight.headers.value("Access-Control-Request-Method") == "PUT")
        #expect(preflight.headers.value("Origin") == Self.origin)
        #expect(!preflight.headers.contains("Authorization"))
    }

    @Test func aPreflightForTheMethodAloneHasNoRequestHeadersField() throws {
        let preflight = try #require(request("DELETE", [Mapped("Accept", "application/json")]).preflight)
        #expect(!preflight.headers.contains("Access-Control-Request-Headers"))
    }

    // MARK: The preflight response

    @Test(arguments: [199, 300, 301, 401, 403, 500])
    func aPreflightNeedsAnOkStatus(_ status: Int) {
        let allow = [Mapped("Access-Control-Allow-Origin", "*"), Mapped("Access-Control-Allow-Methods", "PUT")]
        #expect(preflight(request("PUT"), status: status, allow) == .preflightInvalidStatus(status))
        #expect(preflight(request("PUT"), status: 200, allow) == nil)
        #expect(preflight(request("PUT"), status: 299, allow) == nil)
    }

    @Test func theOriginIsCheckedBeforeTheStatus() {
        #expect(preflight(request("PUT"), status: 403, []) == .missingAllowOrigin)
    }

    @Test func nonSafelistedMethodsCompareCaseSensitively() {
        let allow = [Mapped("Access-Control-Allow-Origin", "*"), Mapped("Access-Control-Allow-Methods", "GET, PATCH, put")]
        #expect(preflight(request("PATCH"), allow) == nil)
        #expect(preflight(request("patch"), allow) == .methodNotAllowed("patch"))
        #expect(preflight(request("PUT"), allow) == .methodNotAllowed("PUT"))
    }

    @Test func safelistedMethodsNeedNotBeListed() {
        let allow = [Mapped("Access-Control-Allow-Origin", "*"), Mapped("Access-Control-Allow-Methods", "PUT")]
        #expect(preflight(request("POST", [Mapped("X-A", "1")]), allow + [Mapped("Access-Control-Allow-Headers", "x-a")]) == nil)
    }

    @Test func aWildcardMethodCountsOnlyWithoutCredentials() {
        let allow = [
            Mapped("Access-Control-Allow-Origin", Self.origin), Mapped("Access-Control-Allow-Credentials", "true"),
            Mapped("Access-Control-Allow-Methods", "*"),
        ]
        #expect(preflight(request("DELETE"), allow) == nil)
        #expect(preflight(request("DELETE", credentials: true), allow) == .methodNotAllowed("DELETE"))
    }

    @Test func headerNamesCompareCaseInsensitively() {
        let allow = [
            Mapped("Access-Control-Allow-Origin", "*"), Mapped("Access-Control-Allow-Methods", "PUT"),
            Mapped("Access-Control-Allow-Headers", "CONTENT-TYPE, X-Request-ID"),
        ]
        #expect(preflight(request("PUT", [Mapped("content-type", "application/json"), Mapped("x-request-id", "1")]), allow) == nil)
        #expect(preflight(request("PUT", [Mapped("X-Other", "1")]), allow) == .headerNotAllowed("x-other"))
    }

    @Test func aWildcardHeaderListNeverCoversAuthorization() {
        let allow = [Mapped("Access-Control-Allow-Origin", "*"), Mapped("Access-Control-Allow-Methods", "PUT"), Mapped("Access-Control-Allow-Headers", "*")]
        #expect(preflight(request("PUT", [Mapped("X-Other", "1")]), allow) == nil)
        #expect(preflight(request("PUT", [Mapped("Authorization", "Bearer t")]), allow) == .headerNotAllowed("authorization"))
        let named = allow.dropLast() + [Mapped("Access-Control-Allow-Headers", "*, Authorization")]
        #expect(preflight(request("PUT", [Mapped("Authorization", "Bearer t")]), Array(named)) == nil)
    }

    @Test func aWildcardHeaderListCountsOnlyWithoutCredentials() {
        let allow = [
            Mapped("Access-Control-Allow-Origin", Self.origin), Mapped("Access-Control-Allow-Credentials", "true"),
            Mapped("Access-Control-Allow-Methods", "PUT"), Mapped("Access-Control-Allow-Headers", "*"),
        ]
        #expect(preflight(request("PUT", [Mapped("X-Other", "1")], credentials: true), allow) == .headerNotAllowed("x-other"))
    }

    @Test func unreadableAllowListsFailThePreflight() {
        let origin = Mapped("Access-Control-Allow-Origin", "*")
        #expect(preflight(request("PUT"), [origin, Mapped("Access-Control-Allow-Methods", "PUT GET")]) == .invalidAllowMethods("PUT GET"))
        #expect(preflight(request("PUT"), [origin, Mapped("Access-Control-Allow-Headers", "x-a;x-b")]) == .invalidAllowHeaders("x-a;x-b"))
        #expect(preflight(request("PUT"), [origin, Mapped("Access-Control-Allow-Methods", " PUT ,, GET ")]) == nil)
    }

    // MARK: The CORS check

    func check(_ headers: [Mapped], credentials: Bool = false) -> CORSFailure? {
        BrowserCORS.corsCheck(HeaderList(headers), origin: Self.origin, includesCredentials: credentials)
    }

    @Test func theAllowOriginMustBeTheOriginOrTheWildcard() {
        #expect(check([]) == .missingAllowOrigin)
        #expect(check([Mapped("Access-Control-Allow-Origin", "*")]) == nil)
        #expect(check([Mapped("access-control-allow-origin", Self.origin)]) == nil)
        #expect(check([Mapped("Access-Control-Allow-Origin", "https://APP.example.com")]) == .allowOriginMismatch("https://APP.example.com"))
        #expect(check([Mapped("Access-Control-Allow-Origin", Self.origin + "/")]) == .allowOriginMismatch(Self.origin + "/"))
        #expect(check([Mapped("Access-Control-Allow-Origin", "false")]) == .invalidAllowOriginValue("false"))
    }

    @Test func theAllowOriginHoldsOneValue() {
        #expect(check([Mapped("Access-Control-Allow-Origin", "\(Self.origin), https://b.example")]) == .multipleAllowOriginValues("\(Self.origin), https://b.example"))
        // The same header twice reads as one list.
        #expect(check([Mapped("Access-Control-Allow-Origin", Self.origin), Mapped("Access-Control-Allow-Origin", Self.origin)]) == .multipleAllowOriginValues("\(Self.origin), \(Self.origin)"))
    }

    @Test func theWildcardOriginIsRefusedWithCredentials() {
        #expect(check([Mapped("Access-Control-Allow-Origin", "*"), Mapped("Access-Control-Allow-Credentials", "true")], credentials: true) == .wildcardOriginWithCredentials)
    }

    @Test func credentialsNeedAllowCredentialsExactlyTrue() {
        let origin = Mapped("Access-Control-Allow-Origin", Self.origin)
        #expect(check([origin], credentials: true) == .invalidAllowCredentials(""))
        #expect(check([origin, Mapped("Access-Control-Allow-Credentials", "True")], credentials: true) == .invalidAllowCredentials("True"))
        #expect(check([origin, Mapped("Access-Control-Allow-Credentials", "true")], credentials: true) == nil)
        #expect(check([origin]) == nil)
    }

    // MARK: The preflight cache

    @Test func thePreflightCacheDefaultsToFiveSecondsAndChromiumCapsItAtTwoHours() {
        #expect(BrowserCORS.preflightCacheSeconds(HeaderList()).seconds == 5)
        #expect(BrowserCORS.preflightCacheSeconds(HeaderList([Mapped("Access-Control-Max-Age", "600")])).seconds == 600)
        #expect(BrowserCORS.preflightCacheSeconds(HeaderList([Mapped("Access-Control-Max-Age", "86400")])) == (7200, true))
    }

    // MARK: Chromium's words

    @Test func chromiumPrefixesOnlyTheOriginStatusAndCredentialChecksOfAPreflight() {
        #expect(CORSFailure.missingAllowOrigin.chromiumReason(duringPreflight: true).hasPrefix("Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin'"))
        #expect(CORSFailure.methodNotAllowed("PUT").chromiumReason(duringPreflight: true) == "Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.")
        #expect(CORSFailure.headerNotAllowed("x-other").chromiumReason(duringPreflight: true) == "Request header field x-other is not allowed by Access-Control-Allow-Headers in preflight response.")
        #expect(CORSFailure.missingAllowOrigin.chromiumReason(duringPreflight: false).hasSuffix("set the request's mode to 'no-cors' to fetch the resource with CORS disabled."))
        #expect(CORSFailure.invalidAllowCredentials("").chromiumReason(duringPreflight: false) == "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.")
    }
}
