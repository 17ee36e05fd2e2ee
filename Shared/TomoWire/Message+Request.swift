extension Message {
    /// REQUEST (client → catalog): a method call. Body: method str, arguments str (a JSON
    /// object); payloads MAY carry input tables (e.g. a particles STAR file for `job.submit`).
    public struct Request: WireBody {
        static var command: Command { .request }
        /// The method, e.g. `"job.submit"`, `"star.get"`, `"tile.get"`, `"job.status"`.
        public var method: String
        /// The arguments as one compact JSON object.
        public var argumentsJSON: String

        /// Creates a REQUEST body.
        public init(method: String, argumentsJSON: String = "{}") {
            self.method = method
            self.argumentsJSON = argumentsJSON
        }

        func encode(into w: inout ByteWriter) {
            w.string(method)
            w.string(argumentsJSON)
        }

        static func decode(from r: inout ByteReader) throws(WireError) -> Request {
            Request(method: try r.string("method"), argumentsJSON: try r.string("arguments"))
        }
    }

    /// REPLY (catalog → client): the answer to a REQUEST, whose header correlation fields it
    /// echoes. Body: method str (echoed), result str (a JSON object); payloads carry tables or
    /// tiles. Failures are ERROR messages, not REPLYs.
    public struct Reply: WireBody {
        static var command: Command { .reply }
        /// The method being answered.
        public var method: String
        /// The result as one compact JSON object.
        public var resultJSON: String

        /// Creates a REPLY body.
        public init(method: String, resultJSON: String = "{}") {
            self.method = method
            self.resultJSON = resultJSON
        }

        func encode(into w: inout ByteWriter) {
            w.string(method)
            w.string(resultJSON)
        }

        static func decode(from r: inout ByteReader) throws(WireError) -> Reply {
            Reply(method: try r.string("method"), resultJSON: try r.string("result"))
        }
    }
}
