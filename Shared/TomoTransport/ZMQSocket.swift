private import CZeroMQ

/// A ZeroMQ context: thread-safe, shared by every socket of a process.
public final class ZMQContext: @unchecked Sendable {
    // zmq contexts are documented thread-safe; sockets are not (see ZMQSocket).
    fileprivate let handle: UnsafeMutableRawPointer

    public init() throws(ZMQError) {
        guard let h = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        handle = h
    }
    deinit { zmq_ctx_term(handle) }

    /// The libzmq version as (major, minor, patch).
    public static var version: (Int, Int, Int) {
        var a: Int32 = 0, b: Int32 = 0, c: Int32 = 0
        zmq_version(&a, &b, &c)
        return (Int(a), Int(b), Int(c))
    }
}

/// The socket types the protocol uses (docs/protocol.md §3), plus PUSH/PULL for in-process hand-offs.
public enum ZMQSocketType: Sendable {
    case pair, router, dealer, pub, sub, xpub, xsub, push, pull
    fileprivate var raw: Int32 {
        switch self {
        case .pair: ZMQ_PAIR
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .xpub: ZMQ_XPUB
        case .xsub: ZMQ_XSUB
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        }
    }
}

/// One ZeroMQ socket. Not `Sendable`: a socket lives inside exactly one owner (an actor or a task),
/// as libzmq requires; others reach it through that owner.
///
/// Every socket gets a bounded linger and a maximum inbound message size, so a dead peer cannot
/// hang shutdown and an oversized frame cannot exhaust memory.
public final class ZMQSocket {
    // Internal (not private) so option and poll extensions in this module can reach it
    // (`ZMQSocket+Options.swift`); it never leaves the module.
    let handle: UnsafeMutableRawPointer
    private let context: ZMQContext   // keeps the context alive while the socket exists

    /// - Parameters:
    ///   - lingerMilliseconds: how long unsent messages are kept on close.
    ///   - maxMessageSize: inbound messages larger than this disconnect the peer (TCP/IPC).
    public init(_ context: ZMQContext, type: ZMQSocketType,
                lingerMilliseconds: Int32 = 1000, maxMessageSize: Int64 = 512 << 20) throws(ZMQError) {
        guard let h = zmq_socket(context.handle, type.raw) else { throw ZMQError.last("zmq_socket") }
        handle = h
        self.context = context
        try setOption(ZMQ_LINGER, lingerMilliseconds)
        try setOption(ZMQ_MAXMSGSIZE, maxMessageSize)
    }
    deinit { zmq_close(handle) }

    public func bind(_ endpoint: String) throws(ZMQError) {
        try check(zmq_bind(handle, endpoint), "zmq_bind \(endpoint)")
    }
    public func connect(_ endpoint: String) throws(ZMQError) {
        try check(zmq_connect(handle, endpoint), "zmq_connect \(endpoint)")
    }
    /// The endpoint actually bound (resolves `tcp://127.0.0.1:*`).
    public var lastEndpoint: String {
        var buf = [CChar](repeating: 0, count: 256)
        var len = buf.count
        _ = zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buf, &len)
        return String(decoding: buf.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    /// Subscribes a SUB socket to a topic prefix.
    public func subscribe(_ prefix: [UInt8]) throws(ZMQError) {
        let rc = prefix.withUnsafeBytes { zmq_setsockopt(handle, ZMQ_SUBSCRIBE, $0.baseAddress, $0.count) }
        try check(rc, "ZMQ_SUBSCRIBE")
    }

    /// Sends one multipart message (all frames, atomically).
    public func send(_ frames: [[UInt8]]) throws(ZMQError) {
        for (i, f) in frames.enumerated() {
            let flags = i < frames.count - 1 ? ZMQ_SNDMORE : 0
            while true {
                let rc = f.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
                if rc >= 0 { break }
                if sta_zmq_errno() == EINTR { continue }
                throw ZMQError.last("zmq_send")
            }
        }
    }

    /// Receives one multipart message, waiting at most `timeoutMilliseconds` (−1: forever).
    /// Returns nil on timeout.
    public func receive(timeoutMilliseconds: Int = -1) throws(ZMQError) -> [[UInt8]]? {
        var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        while true {
            let rc = zmq_poll(&item, 1, timeoutMilliseconds)
            if rc < 0 { if sta_zmq_errno() == EINTR { continue }; throw ZMQError.last("zmq_poll") }
            if rc == 0 { return nil }
            break
        }
        var frames: [[UInt8]] = []
        var more: Int32 = 1
        while more != 0 {
            var msg = zmq_msg_t()
            zmq_msg_init(&msg)
            defer { zmq_msg_close(&msg) }
            while zmq_msg_recv(&msg, handle, 0) < 0 {
                if sta_zmq_errno() == EINTR { continue }
                throw ZMQError.last("zmq_msg_recv")
            }
            let size = zmq_msg_size(&msg)
            let data = zmq_msg_data(&msg)!
            frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            more = zmq_msg_more(&msg)
        }
        return frames
    }

    /// Whether a message is waiting to be received (does not block).
    public var hasInput: Bool {
        var events: Int32 = 0
        var len = MemoryLayout<Int32>.size
        guard zmq_getsockopt(handle, ZMQ_EVENTS, &events, &len) == 0 else { return false }
        return events & Int32(ZMQ_POLLIN) != 0
    }

    /// ROUTER only: fail a send to an unknown or vanished peer (`EHOSTUNREACH`) instead of
    /// dropping it silently (docs/protocol.md §3.1).
    public func setRouterMandatory(_ on: Bool = true) throws(ZMQError) {
        try setOption(ZMQ_ROUTER_MANDATORY, Int32(on ? 1 : 0))
    }

    /// Longest a `send` blocks when the peer's queue is full (−1: forever; 0: fail at once).
    public func setSendTimeout(milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_SNDTIMEO, milliseconds)
    }

    /// Sets an integer socket option by its libzmq number (for wrappers in this module, e.g. CURVE).
    func setOption<T>(_ option: Int32, _ value: T) throws(ZMQError) {
        var v = value
        let rc = zmq_setsockopt(handle, option, &v, MemoryLayout<T>.size)
        try check(rc, "zmq_setsockopt \(option)")
    }
    func check(_ rc: Int32, _ what: String) throws(ZMQError) {
        if rc != 0 { throw ZMQError.last(what) }
    }
}

/// A libzmq failure with its errno and message.
public struct ZMQError: Error, CustomStringConvertible, Sendable {
    public var call: String
    public var errno: Int32
    public var message: String
    public var description: String { "\(call): \(message) (errno \(errno))" }

    static func last(_ call: String) -> ZMQError {
        let e = sta_zmq_errno()
        return ZMQError(call: call, errno: e, message: String(cString: zmq_strerror(e)))
    }
}
