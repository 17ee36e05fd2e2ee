private import CZeroMQ

extension ZMQSocket {
    /// XPUB only: pass every subscription message up to the application, not just the first one
    /// per topic (`ZMQ_XPUB_VERBOSE`). The event bus needs this so that a second subscriber to a
    /// topic also gets the cached last value.
    public func setXPubVerbose(_ on: Bool) throws(ZMQError) {
        try setIntOption(ZMQ_XPUB_VERBOSE, on ? 1 : 0, "ZMQ_XPUB_VERBOSE")
    }

    /// The high-water marks for outbound and inbound messages (0: unlimited). A PUB or XPUB
    /// socket drops messages for a subscriber whose queue is full instead of blocking.
    public func setHighWaterMarks(send: Int32, receive: Int32) throws(ZMQError) {
        try setIntOption(ZMQ_SNDHWM, send, "ZMQ_SNDHWM")
        try setIntOption(ZMQ_RCVHWM, receive, "ZMQ_RCVHWM")
    }

    private func setIntOption(_ option: Int32, _ value: Int32, _ name: String) throws(ZMQError) {
        var v = value
        let rc = zmq_setsockopt(handle, option, &v, MemoryLayout<Int32>.size)
        if rc != 0 { throw ZMQError.last("zmq_setsockopt \(name)") }
    }

    /// Waits until at least one of `sockets` has a message to read, or `timeoutMilliseconds`
    /// passes (−1: forever). Returns, per socket, whether it is readable (all false on timeout).
    /// `EINTR` is retried.
    public static func pollReadable(_ sockets: [ZMQSocket], timeoutMilliseconds: Int) throws(ZMQError) -> [Bool] {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        while true {
            let rc = zmq_poll(&items, Int32(items.count), timeoutMilliseconds)
            if rc >= 0 { break }
            if sta_zmq_errno() == EINTR { continue }
            throw ZMQError.last("zmq_poll")
        }
        return items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
    }
}
