/// How the service runs: where it listens, what it checks against, and how much it accepts.
public struct ServiceOptions: Sendable {
    /// The address to listen on; loopback unless the operator decides otherwise.
    public var host = "127.0.0.1"
    /// The port; 0 picks a free one (printed at start-up).
    public var port = 8080
    /// Rule packs as `--rules` names them; empty for the shipped default. The first is the default pack.
    public var packs: [String] = []
    /// Checks that run at once; each has its own compiled checker.
    public var workers = 2
    /// Requests that may wait for a worker before the service answers 503.
    public var queueLength = 16
    /// How long a request may wait for a worker before it gets 503.
    public var queueTimeout: Duration = .seconds(2)
    /// The largest request body, in bytes (an application, or the form that carries one).
    public var maximumBodyBytes = 4 * 1024 * 1024
    /// A connection that sends nothing for this long is closed.
    public var idleTimeout: Duration = .seconds(15)
    /// Open connections at most; further connections wait in the kernel's backlog. With the body
    /// limit it bounds memory: at most this many bodies are being read at once.
    public var maximumConnections = 64
    /// A second port that answers only `/health/live` and `/health/ready`, with connection
    /// slots of its own: when clients hold every slot of the main port (keep-alive under
    /// overload), a probe there is still answered at once. nil: none.
    public var healthPort: Int?
    /// How long a request body may take to arrive in all; a client trickling bytes is answered
    /// 408 and disconnected then, so that slow clients cannot hold the connection slots.
    public var bodyTimeout: Duration = .seconds(20)
    /// How long SIGTERM waits for requests in flight before it cancels them and exits; shorter
    /// than the 30 s a container platform gives before it kills.
    public var drainTimeout: Duration = .seconds(20)

    public init() {}
}
