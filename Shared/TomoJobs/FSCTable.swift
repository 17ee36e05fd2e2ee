import Foundation
import TomoAlgorithms
import TomoSTAR

/// The half-map FSC of a reconstruction as a STAR file, in the labels of RELION's post-processing
/// (`postprocess.star`, spec §8.2): `data_general` (list) with `rlnFinalResolution` (Å, FSC 0.143),
/// and `data_fsc` (loop) with `rlnSpectralIndex`, `rlnResolution` (1/Å), `rlnAngstromResolution`,
/// `rlnFourierShellCorrelation`. RELION's reconstruct program writes no FSC; this is our addition.
public enum FSCTable {
    /// The document for `result`.
    public static func document(_ result: ReconstructionResult) -> StarDocument {
        var general = StarBlock(name: "general", isLoop: false)
        general.setColumn("rlnFinalResolution", doubles: [result.resolution])
        var fsc = StarBlock(name: "fsc")
        let n = result.merged.nx, px = result.pixelSize
        let shells = Array(result.fsc.indices)
        fsc.setColumn("rlnSpectralIndex", ints: shells)
        fsc.setColumn("rlnResolution", doubles: shells.map { Double($0) / (Double(n) * px) })
        fsc.setColumn("rlnAngstromResolution", doubles: shells.map { $0 == 0 ? 999 : Double(n) * px / Double($0) })
        fsc.setColumn("rlnFourierShellCorrelation", doubles: result.fsc)
        return StarDocument(blocks: [general, fsc])
    }
}
