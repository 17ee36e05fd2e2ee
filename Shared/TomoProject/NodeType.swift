/// RELION 5 pipeline node type labels (`rlnPipeLineNodeTypeLabel`), from `src/pipeline_jobs.h`
/// (`LABEL_*`). The first dotted word is the node kind the GUI groups by (`DensityMap`,
/// `TomoOptimisationSet` …), the second the file extension, the rest the producing program.
public enum NodeType {
    /// Tomogram set written by the tomo import job.
    public static let importTomograms = "TomogramGroupMetadata.star.relion.tomo.import"
    /// Particle set written by the tomo import job (coordinates).
    public static let importTomoParticles = "ParticleGroupMetadata.star.relion.tomo.import"
    /// Generic tomogram set (input nodes).
    public static let tomograms = "TomogramGroupMetadata.star.relion"
    /// Generic particle set.
    public static let particles = "ParticleGroupMetadata.star.relion"
    /// Generic optimisation set.
    public static let optimisationSet = "TomoOptimisationSet.star.relion"
    /// Generic density map.
    public static let densityMap = "DensityMap.mrc"
    /// Generic half map.
    public static let halfMap = "DensityMap.mrc.halfmap"
    /// Generic mask.
    public static let mask = "Mask3D.mrc"
    /// Particles from subtomogram extraction.
    public static let extractParticles = "ParticleGroupMetadata.star.relion.tomo.extract"
    /// Optimisation set from subtomogram extraction.
    public static let extractOptimisationSet = "TomoOptimisationSet.star.relion.tomo.extract"
    /// Map from particle reconstruction.
    public static let reconstructMap = "DensityMap.mrc.relion.tomo.map.reconstruct"
    /// Half map from particle reconstruction.
    public static let reconstructHalfMap = "DensityMap.mrc.relion.tomo.halfmap.reconstruct"
    /// Optimisation set from particle reconstruction.
    public static let reconstructOptimisationSet = "TomoOptimisationSet.star.relion.tomo.reconstruct"
    /// Class3D particles (`run_itNNN_data.star`).
    public static let class3DParticles = "ParticleGroupMetadata.star.relion.class3d"
    /// Class3D optimiser.
    public static let class3DOptimiser = "OptimiserData.star.relion.class3d"
    /// Class3D class map.
    public static let class3DMap = "DensityMap.mrc.relion.class3d"
    /// Class3D optimisation set.
    public static let class3DOptimisationSet = "TomoOptimisationSet.star.relion.class3d"
    /// Refine3D particles (`run_data.star`).
    public static let refine3DParticles = "ParticleGroupMetadata.star.relion.refine3d"
    /// Refine3D optimiser.
    public static let refine3DOptimiser = "OptimiserData.star.relion.refine3d"
    /// Refine3D map (`run_class001.mrc`).
    public static let refine3DMap = "DensityMap.mrc.relion.refine3d"
    /// Refine3D unfiltered half map.
    public static let refine3DHalfMap = "DensityMap.mrc.relion.halfmap.refine3d"
    /// Refine3D optimisation set.
    public static let refine3DOptimisationSet = "TomoOptimisationSet.star.relion.refine3d"
    /// Initial model map.
    public static let initialModelMap = "DensityMap.mrc.relion.initialmodel"
    /// Particles selected by a Select job.
    public static let selectParticles = "ParticleGroupMetadata.star.relion"
    /// Mask from MaskCreate.
    public static let maskCreateMask = "Mask3D.mrc.relion"
    /// PostProcess STAR file (FSC curves).
    public static let postProcessData = "ProcessData.star.relion.postprocess"
    /// Sharpened map from PostProcess.
    public static let postProcessMap = "DensityMap.mrc.relion.postprocess"
    /// Masked sharpened map from PostProcess.
    public static let postProcessMaskedMap = "DensityMap.mrc.relion.postprocess.masked"
}
