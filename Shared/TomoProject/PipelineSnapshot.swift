import TomoSTAR

/// The ledger's state as `default_pipeline.star` shows it: the counter, the jobs by number, and
/// every output and input node with its job.
public struct PipelineSnapshot: Sendable {
    /// `rlnPipeLineJobCounter`: the number the next job will get.
    public var jobCounter: Int
    /// Jobs by increasing number.
    public var jobs: [JobRecord]
    /// Output nodes with the job that writes them, by job then registration order.
    public var outputs: [(job: Int, output: JobOutput)]
    /// Input nodes with the job that reads them, by job then registration order.
    public var inputs: [(job: Int, input: JobInput)]

    /// A snapshot.
    public init(jobCounter: Int, jobs: [JobRecord], outputs: [(job: Int, output: JobOutput)],
                inputs: [(job: Int, input: JobInput)]) {
        self.jobCounter = jobCounter
        self.jobs = jobs
        self.outputs = outputs
        self.inputs = inputs
    }

    /// `default_pipeline.star` in RELION 5's layout (`PipeLine::write`):
    ///
    /// * `data_pipeline_general` (list): `rlnPipeLineJobCounter`;
    /// * `data_pipeline_processes`: `rlnPipeLineProcessName` (`Extract/job002/`),
    ///   `rlnPipeLineProcessAlias` (`Extract/<alias>/` or `None`), `rlnPipeLineProcessTypeLabel`,
    ///   `rlnPipeLineProcessStatusLabel` (``JobStatus/relionLabel``);
    /// * `data_pipeline_nodes`: `rlnPipeLineNodeName`, `rlnPipeLineNodeTypeLabel`,
    ///   `rlnPipeLineNodeTypeLabelDepth` (1) — every output node, then input nodes from outside
    ///   the pipeline that carry a type;
    /// * `data_pipeline_input_edges`: `rlnPipeLineEdgeFromNode`, `rlnPipeLineEdgeProcess`;
    /// * `data_pipeline_output_edges`: `rlnPipeLineEdgeProcess`, `rlnPipeLineEdgeToNode`.
    ///
    /// Node and edge tables with no rows are left out, as RELION leaves them out of a new project.
    public var document: StarDocument {
        var general = StarBlock(name: "pipeline_general", isLoop: false)
        general.setColumn("rlnPipeLineJobCounter", ints: [jobCounter])

        var processes = StarBlock(name: "pipeline_processes")
        processes.setColumn("rlnPipeLineProcessName", jobs.map(\.processName))
        processes.setColumn("rlnPipeLineProcessAlias", jobs.map { j in j.alias.map { "\(j.directory)/\($0)/" } ?? "None" })
        processes.setColumn("rlnPipeLineProcessTypeLabel", jobs.map(\.typeLabel))
        processes.setColumn("rlnPipeLineProcessStatusLabel", jobs.map(\.status.relionLabel))

        let processName = Dictionary(uniqueKeysWithValues: jobs.map { ($0.id, $0.processName) })
        var nodeNames: [String] = [], nodeTypes: [String] = []
        var known = Set<String>()
        for (_, o) in outputs where known.insert(o.nodePath).inserted {
            nodeNames.append(o.nodePath)
            nodeTypes.append(o.nodeType)
        }
        var inFrom: [String] = [], inProcess: [String] = []
        for (job, i) in inputs {
            guard let p = processName[job] else { continue }
            if !known.contains(i.nodePath) {
                guard let type = i.nodeType else { continue }   // RELION needs a type for every node
                known.insert(i.nodePath)
                nodeNames.append(i.nodePath)
                nodeTypes.append(type)
            }
            inFrom.append(i.nodePath)
            inProcess.append(p)
        }
        var doc = StarDocument(blocks: [general, processes])
        if !nodeNames.isEmpty {
            var nodes = StarBlock(name: "pipeline_nodes")
            nodes.setColumn("rlnPipeLineNodeName", nodeNames)
            nodes.setColumn("rlnPipeLineNodeTypeLabel", nodeTypes)
            nodes.setColumn("rlnPipeLineNodeTypeLabelDepth", ints: Array(repeating: 1, count: nodeNames.count))
            doc.blocks.append(nodes)
        }
        if !inFrom.isEmpty {
            var edges = StarBlock(name: "pipeline_input_edges")
            edges.setColumn("rlnPipeLineEdgeFromNode", inFrom)
            edges.setColumn("rlnPipeLineEdgeProcess", inProcess)
            doc.blocks.append(edges)
        }
        let outs = outputs.filter { processName[$0.job] != nil }
        if !outs.isEmpty {
            var edges = StarBlock(name: "pipeline_output_edges")
            edges.setColumn("rlnPipeLineEdgeProcess", outs.map { processName[$0.job]! })
            edges.setColumn("rlnPipeLineEdgeToNode", outs.map(\.output.nodePath))
            doc.blocks.append(edges)
        }
        return doc
    }
}
