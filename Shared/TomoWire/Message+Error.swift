extension Message {
    /// ERROR (either direction): the receiver refused a message. The header echoes the
    /// offending message's correlation fields (zero where it could not be parsed). Body: code
    /// u16, offending command u8 (0 if unknown), reserved u8, message str.
    public struct ErrorReport: WireBody {
        static var command: Command { .error }
        /// The code from the error table.
        public var code: WireErrorCode
        /// The command byte of the refused message (0 if it could not be read).
        public var offendingCommand: UInt8
        /// What went wrong and where, for a human.
        public var message: String

        /// Creates an ERROR body.
        public init(code: WireErrorCode, offendingCommand: UInt8, message: String) {
            self.code = code
            self.offendingCommand = offendingCommand
            self.message = message
        }

        /// The ERROR body for a decoding failure.
        public init(_ error: WireError, offendingCommand: UInt8 = 0) {
            self.init(code: error.code, offendingCommand: offendingCommand, message: error.message)
        }

        func encode(into w: inout ByteWriter) {
            w.u16(code.rawValue)
            w.u8(offendingCommand)
            w.u8(0)
            w.string(message)
        }

        static func decode(from r: inout ByteReader) throws(WireError) -> ErrorReport {
            let code = try r.u16("error code")
            let cmd = try r.u8("offending command")
            _ = try r.u8("reserved")
            return ErrorReport(code: WireErrorCode(rawValue: code), offendingCommand: cmd, message: try r.string("message"))
        }
    }

    /// DISCONNECT (either direction): the sender stops; the receiver MUST send it nothing more
    /// and, if a coordinator, reissues the sender's leased tasks. Body: reason str.
    public struct Disconnect: WireBody {
        static var command: Command { .disconnect }
        /// Why, e.g. `"shutdown"`, `"version mismatch"`.
        public var reason: String

        /// Creates a DISCONNECT body.
        public init(reason: String) { self.reason = reason }

        func encode(into w: inout ByteWriter) { w.string(reason) }

        static func decode(from r: inout ByteReader) throws(WireError) -> Disconnect {
            Disconnect(reason: try r.string("reason"))
        }
    }
}
