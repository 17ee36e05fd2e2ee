import TomoSTAR

/// A job's `job.star`, as RELION 5's `RelionJob::write` lays it out:
///
/// * `data_job` (list): `rlnJobTypeLabel`, `rlnJobIsContinue` (0), `rlnJobIsTomo` (0/1);
/// * `data_joboptions_values` (loop): `rlnJobOptionVariable`, `rlnJobOptionValue`, one row per
///   option in variable order (RELION keeps options in a `std::map`); empty values are written `""`.
public enum JobStarFile {
    /// The document for `job`.
    public static func document(for job: JobRecord, isContinue: Bool = false) -> StarDocument {
        var head = StarBlock(name: "job", isLoop: false)
        head.setColumn("rlnJobTypeLabel", [job.typeLabel])
        head.setColumn("rlnJobIsContinue", ints: [isContinue ? 1 : 0])
        head.setColumn("rlnJobIsTomo", ints: [job.isTomo ? 1 : 0])
        var options = StarBlock(name: "joboptions_values")
        let keys = job.parameters.keys.sorted()
        options.setColumn("rlnJobOptionVariable", keys)
        options.setColumn("rlnJobOptionValue", keys.map { job.parameters[$0]! })
        return StarDocument(blocks: [head, options])
    }

    /// The options of a parsed `job.star` (variable → value); `[:]` if it has none.
    public static func options(of doc: StarDocument) -> [String: String] {
        guard let b = doc["joboptions_values"], let vars = b.column("rlnJobOptionVariable"),
              let vals = b.column("rlnJobOptionValue") else { return [:] }
        return Dictionary(zip(vars, vals), uniquingKeysWith: { _, last in last })
    }
}
