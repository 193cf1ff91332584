/// The children of every open collection, innermost last, in one manually managed buffer.
///
/// Readers push each finished node here and, when a collection closes, move its children
/// out into an array of exactly the right size. Moving is a `memcpy`: no reference count is
/// touched and no array grows step by step, which is most of what building a tree costs
/// beyond the parse itself. Only the YAML layer's readers use it.
///
/// A struct rather than a class so that calls on it cost no reference counting; the owner
/// calls `deallocate()` once, when it is done (in a `defer`, so errors free it too).
struct NodeStack {
    private var base: UnsafeMutablePointer<Node>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    /// Frees the buffer and whatever is still on it. The stack is unusable afterwards.
    func deallocate() {
        base.deinitialize(count: count)
        base.deallocate()
    }

    mutating func push(_ node: consuming Node) {
        if count == capacity { grow() }
        (base + count).initialize(to: node)
        count += 1
    }

    /// The nodes from `start` to the top, without removing them.
    func view(from start: Int) -> UnsafeBufferPointer<Node> {
        UnsafeBufferPointer(start: base + start, count: count - start)
    }

    /// Moves the nodes from `start` to the top into a new array and removes them.
    ///
    /// The array is made by `reserveCapacity` and filled by appending each node moved off
    /// the stack, not by `Array(unsafeUninitializedCapacity:)`: that initializer allocates
    /// in a standard-library function that is never specialized, which looks the array
    /// storage's generic type up at run time on every call (as many instructions as a
    /// collection's worth of appends), and the reader closes one collection per few nodes.
    mutating func popArray(from start: Int) -> [Node] {
        var items: [Node] = []
        items.reserveCapacity(count - start)
        for index in start..<count { items.append((base + index).move()) }
        count = start
        return items
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Node>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
