import Hummingbird

/// The request context of `evidence serve`: Hummingbird's core storage and the session, set by
/// the access guard.
public struct ServeRequestContext: GuardedRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set once the session token was checked.
    public var identity: SessionIdentity?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
