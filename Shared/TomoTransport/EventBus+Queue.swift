/// A bounded first-in, first-out queue that never blocks the producer: when full, pushing drops
/// the oldest element and counts it. `EventPublisher` keeps its outbound events in one, so a
/// stalled bus connection costs memory up to `capacity` and then old events, never the caller's
/// time.
public struct DropOldestQueue<Element: Sendable>: Sendable {
    /// The most elements held at once.
    public let capacity: Int
    /// How many elements were dropped because the queue was full.
    public private(set) var dropped = 0
    private var storage: [Element?]
    private var head = 0
    /// How many elements are held.
    public private(set) var count = 0

    /// An empty queue holding at most `capacity` elements.
    /// - Precondition: `capacity >= 1`.
    public init(capacity: Int) {
        precondition(capacity >= 1, "a queue needs capacity >= 1")
        self.capacity = capacity
        storage = Array(repeating: nil, count: capacity)
    }

    /// Whether the queue holds nothing.
    public var isEmpty: Bool { count == 0 }

    /// Appends `element`; when the queue is full, the oldest element is dropped first.
    public mutating func push(_ element: Element) {
        if count == capacity {
            storage[head] = nil
            head = (head + 1) % capacity
            count -= 1
            dropped += 1
        }
        storage[(head + count) % capacity] = element
        count += 1
    }

    /// Removes and returns every element, oldest first.
    public mutating func drain() -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            out.append(storage[(head + i) % capacity]!)
            storage[(head + i) % capacity] = nil
        }
        head = 0
        count = 0
        return out
    }
}
