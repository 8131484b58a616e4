import HTTPTypes
import Hummingbird

/// The routes the router serves, read back from it once it is built: the methods each answers
/// (for 405 and its `Allow` header) and the route a path belongs to. The OpenAPI document is
/// held to the same list by a test, and metric labels are the router's own route names.
struct RouteTable: Sendable {
    /// Each route's path as the router states it (`/api/v1/rules/{id}`) and its methods.
    let methods: [String: Set<HTTPRequest.Method>]
    private let paths: [RouterPath]

    init(_ routes: [Router<BasicRequestContext>.RouteDescription]) {
        var methods: [String: Set<HTTPRequest.Method>] = [:]
        for route in routes { methods[route.path.description, default: []].insert(route.method) }
        self.methods = methods
        var seen: Set<String> = []
        paths = routes.map(\.path).filter { seen.insert($0.description).inserted }
    }

    /// The routes `register` adds to a router.
    init(listing register: (Router<BasicRequestContext>) -> Void) {
        let router = Router()
        register(router)
        self.init(router.routes)
    }

    /// The route `path` belongs to, matched as the router matches it; nil when none.
    func route(_ path: String) -> String? {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let match = paths.first { route in
            // `/` is one empty component to a request and none to the router.
            route.components.count == components.filter({ !$0.isEmpty }).count
                && components.allSatisfy({ !$0.isEmpty })
                && zip(route.components, components).allSatisfy { $0 ~= $1 }
        }
        if let match { return match.description }
        return path == "/" && methods["/"] != nil ? "/" : nil
    }

    /// The `Allow` header's value for `route`: its methods in a fixed order.
    func allow(_ route: String) -> String {
        (methods[route] ?? []).map(\.rawValue).sorted().joined(separator: ", ")
    }
}
