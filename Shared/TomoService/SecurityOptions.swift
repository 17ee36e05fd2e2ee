import ArgumentParser
import TomoTransport

/// `--keys DIR` for commands that do not take the whole `CommonOptions` (the monitor's client
/// commands): CLI > `STA_KEYS` > none (`@OptionGroup var security: SecurityOptions`).
public struct SecurityOptions: ParsableArguments, Sendable {
    /// CURVE key directory.
    @Option(help: "CURVE key directory (env STA_KEYS).")
    public var keys: String?

    /// Empty options.
    public init() {}

    /// The key directory after CLI > environment.
    public func resolvedKeys(environment: ServiceEnvironment = ServiceEnvironment()) -> String? {
        environment.value(keys, "STA_KEYS")
    }

    /// The security of this process on `context`.
    public func security(context: ZMQContext,
                         onRefusal: @escaping @Sendable (String) -> Void = ZAPHandler.logToStandardError) -> ServiceSecurity {
        ServiceSecurity(keysPath: resolvedKeys(), context: context, onRefusal: onRefusal)
    }

    /// Checks the endpoints against `EndpointPolicy` (for `validate()`; reads no key file).
    public func check(bind: [String] = [], connect: [String] = []) throws {
        try ServiceSecurity.check(bind: bind, connect: connect, keysGiven: resolvedKeys() != nil)
    }
}
