/// The values of one STAR row for labels the typed model does not interpret, kept verbatim (in
/// label order) so that a re-written file carries them through.
public struct StarRowValues: Hashable, Sendable {
    /// Labels without `_`, in file order.
    public var labels: [String]
    /// Cell texts, one per label.
    public var values: [String]

    /// An empty row.
    public init() { labels = []; values = [] }

    /// The value of `label`, or nil.
    public subscript(label: String) -> String? {
        get { labels.firstIndex(of: label).map { values[$0] } }
        set {
            if let i = labels.firstIndex(of: label) {
                if let newValue { values[i] = newValue } else { labels.remove(at: i); values.remove(at: i) }
            } else if let newValue {
                labels.append(label)
                values.append(newValue)
            }
        }
    }
}
