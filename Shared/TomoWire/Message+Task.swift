extension Message {
    /// TASK (coordinator → worker): one unit of work. The header's correlation fields name it;
    /// the payload frames carry its input tiles and tables. Body: lease ms u32, operation str,
    /// parameters str (a JSON object).
    public struct TaskAssignment: WireBody {
        static var command: Command { .task }
        /// How long the worker holds the task without renewing it, in milliseconds.
        public var leaseMilliseconds: UInt32
        /// What to do, e.g. `"align.local"`, `"extract.subtomogram"`, `"reconstruct.insert"`.
        public var operation: String
        /// Operation parameters as one compact JSON object (opaque to the wire layer).
        public var parametersJSON: String

        /// Creates a TASK body.
        public init(leaseMilliseconds: UInt32, operation: String, parametersJSON: String = "{}") {
            self.leaseMilliseconds = leaseMilliseconds
            self.operation = operation
            self.parametersJSON = parametersJSON
        }

        func encode(into w: inout ByteWriter) {
            w.u32(leaseMilliseconds)
            w.string(operation)
            w.string(parametersJSON)
        }

        static func decode(from r: inout ByteReader) throws(WireError) -> TaskAssignment {
            TaskAssignment(leaseMilliseconds: try r.u32("lease ms"), operation: try r.string("operation"),
                           parametersJSON: try r.string("parameters"))
        }
    }
}
