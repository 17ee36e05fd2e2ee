/// The RELION metadata labels the tomography workflow reads or writes, with their value types
/// (from RELION's label registry, `src/metadata_label.h`). Raw values are the label names without the
/// leading `_`. Unknown labels are still readable by name through ``StarBlock``'s `String` API.
public enum RelionLabel: String, CaseIterable, Sendable {
    // MARK: Tomogram set (`tomograms.star`, `data_global`; spec §2.1)
    /// `rlnTomoName` (string).
    case tomoName = "rlnTomoName"
    /// `rlnTomoTiltSeriesStarFile` (string).
    case tomoTiltSeriesStarFile = "rlnTomoTiltSeriesStarFile"
    /// `rlnVoltage` (double).
    case voltage = "rlnVoltage"
    /// `rlnSphericalAberration` (double).
    case sphericalAberration = "rlnSphericalAberration"
    /// `rlnAmplitudeContrast` (double).
    case amplitudeContrast = "rlnAmplitudeContrast"
    /// `rlnTomoHand` (double).
    case tomoHand = "rlnTomoHand"
    /// `rlnTomoTiltSeriesPixelSize` (double).
    case tomoTiltSeriesPixelSize = "rlnTomoTiltSeriesPixelSize"
    /// `rlnMicrographOriginalPixelSize` (double).
    case micrographOriginalPixelSize = "rlnMicrographOriginalPixelSize"
    /// `rlnTomoSizeX` (int).
    case tomoSizeX = "rlnTomoSizeX"
    /// `rlnTomoSizeY` (int).
    case tomoSizeY = "rlnTomoSizeY"
    /// `rlnTomoSizeZ` (int).
    case tomoSizeZ = "rlnTomoSizeZ"
    /// `rlnTomoTomogramBinning` (double).
    case tomoTomogramBinning = "rlnTomoTomogramBinning"
    /// `rlnTomoReconstructedTomogram` (string).
    case tomoReconstructedTomogram = "rlnTomoReconstructedTomogram"
    /// `rlnTomoReconstructedTomogramHalf1` (string).
    case tomoReconstructedTomogramHalf1 = "rlnTomoReconstructedTomogramHalf1"
    /// `rlnTomoReconstructedTomogramHalf2` (string).
    case tomoReconstructedTomogramHalf2 = "rlnTomoReconstructedTomogramHalf2"
    /// `rlnTomoDenoisedTomogram` (string).
    case tomoDenoisedTomogram = "rlnTomoDenoisedTomogram"
    /// `rlnOpticsGroupName` (string).
    case opticsGroupName = "rlnOpticsGroupName"
    /// `rlnEtomoDirectiveFile` (string).
    case etomoDirectiveFile = "rlnEtomoDirectiveFile"
    /// `rlnTomoFrameCount` (int).
    case tomoFrameCount = "rlnTomoFrameCount"
    /// `rlnTomoTiltSeriesName` (string).
    case tomoTiltSeriesName = "rlnTomoTiltSeriesName"
    /// `rlnCtfBfactorPerElectronDose` (double).
    case ctfBfactorPerElectronDose = "rlnCtfBfactorPerElectronDose"
    /// `rlnTomoImportFractionalDose` (double).
    case tomoImportFractionalDose = "rlnTomoImportFractionalDose"
    /// `rlnTomoDefocusSlope` (double).
    case tomoDefocusSlope = "rlnTomoDefocusSlope"
    /// `rlnTomoDeformationGridSizeX` (int).
    case tomoDeformationGridSizeX = "rlnTomoDeformationGridSizeX"
    /// `rlnTomoDeformationGridSizeY` (int).
    case tomoDeformationGridSizeY = "rlnTomoDeformationGridSizeY"
    /// `rlnTomoDeformationType` (string).
    case tomoDeformationType = "rlnTomoDeformationType"
    /// `rlnTomoFiducialsStarFile` (string).
    case tomoFiducialsStarFile = "rlnTomoFiducialsStarFile"
    // MARK: Per-tilt-series table (`data_<rlnTomoName>`; spec §2.2)
    /// `rlnMicrographName` (string).
    case micrographName = "rlnMicrographName"
    /// `rlnMicrographPreExposure` (double).
    case micrographPreExposure = "rlnMicrographPreExposure"
    /// `rlnDefocusU` (double).
    case defocusU = "rlnDefocusU"
    /// `rlnDefocusV` (double).
    case defocusV = "rlnDefocusV"
    /// `rlnDefocusAngle` (double).
    case defocusAngle = "rlnDefocusAngle"
    /// `rlnCtfScalefactor` (double).
    case ctfScalefactor = "rlnCtfScalefactor"
    /// `rlnCtfBfactor` (double).
    case ctfBfactor = "rlnCtfBfactor"
    /// `rlnPhaseShift` (double).
    case phaseShift = "rlnPhaseShift"
    /// `rlnTomoXTilt` (double).
    case tomoXTilt = "rlnTomoXTilt"
    /// `rlnTomoYTilt` (double).
    case tomoYTilt = "rlnTomoYTilt"
    /// `rlnTomoZRot` (double).
    case tomoZRot = "rlnTomoZRot"
    /// `rlnTomoXShiftAngst` (double).
    case tomoXShiftAngst = "rlnTomoXShiftAngst"
    /// `rlnTomoYShiftAngst` (double).
    case tomoYShiftAngst = "rlnTomoYShiftAngst"
    /// `rlnTomoProjX` (doubleVector).
    case tomoProjX = "rlnTomoProjX"
    /// `rlnTomoProjY` (doubleVector).
    case tomoProjY = "rlnTomoProjY"
    /// `rlnTomoProjZ` (doubleVector).
    case tomoProjZ = "rlnTomoProjZ"
    /// `rlnTomoProjW` (doubleVector).
    case tomoProjW = "rlnTomoProjW"
    /// `rlnTomoNominalStageTiltAngle` (double).
    case tomoNominalStageTiltAngle = "rlnTomoNominalStageTiltAngle"
    /// `rlnTomoNominalTiltAxisAngle` (double).
    case tomoNominalTiltAxisAngle = "rlnTomoNominalTiltAxisAngle"
    /// `rlnTomoNominalDefocus` (double).
    case tomoNominalDefocus = "rlnTomoNominalDefocus"
    /// `rlnMicrographMovieName` (string).
    case micrographMovieName = "rlnMicrographMovieName"
    /// `rlnTomoTiltMovieFrameCount` (int).
    case tomoTiltMovieFrameCount = "rlnTomoTiltMovieFrameCount"
    /// `rlnTomoTiltMovieIndex` (int).
    case tomoTiltMovieIndex = "rlnTomoTiltMovieIndex"
    /// `rlnCtfPowerSpectrum` (string).
    case ctfPowerSpectrum = "rlnCtfPowerSpectrum"
    /// `rlnMicrographMetadata` (string).
    case micrographMetadata = "rlnMicrographMetadata"
    /// `rlnAccumMotionTotal` (double).
    case accumMotionTotal = "rlnAccumMotionTotal"
    /// `rlnAccumMotionEarly` (double).
    case accumMotionEarly = "rlnAccumMotionEarly"
    /// `rlnAccumMotionLate` (double).
    case accumMotionLate = "rlnAccumMotionLate"
    /// `rlnCtfImage` (string).
    case ctfImage = "rlnCtfImage"
    /// `rlnCtfAstigmatism` (double).
    case ctfAstigmatism = "rlnCtfAstigmatism"
    /// `rlnCtfFigureOfMerit` (double).
    case ctfFigureOfMerit = "rlnCtfFigureOfMerit"
    /// `rlnCtfMaxResolution` (double).
    case ctfMaxResolution = "rlnCtfMaxResolution"
    /// `rlnTomoMicrographNameEven` (string).
    case tomoMicrographNameEven = "rlnTomoMicrographNameEven"
    /// `rlnTomoMicrographNameOdd` (string).
    case tomoMicrographNameOdd = "rlnTomoMicrographNameOdd"
    /// `rlnTomoDeformationCoefficients` (doubleVector).
    case tomoDeformationCoefficients = "rlnTomoDeformationCoefficients"
    // MARK: Particle set (`particles.star`: `data_general`, `data_optics`, `data_particles`; spec §2.6, §2.8)
    /// `rlnTomoSubTomosAre2DStacks` (bool).
    case tomoSubTomosAre2DStacks = "rlnTomoSubTomosAre2DStacks"
    /// `rlnOpticsGroup` (int).
    case opticsGroup = "rlnOpticsGroup"
    /// `rlnCtfDataAreCtfPremultiplied` (bool).
    case ctfDataAreCtfPremultiplied = "rlnCtfDataAreCtfPremultiplied"
    /// `rlnImageDimensionality` (int).
    case imageDimensionality = "rlnImageDimensionality"
    /// `rlnTomoSubtomogramBinning` (double).
    case tomoSubtomogramBinning = "rlnTomoSubtomogramBinning"
    /// `rlnImagePixelSize` (double).
    case imagePixelSize = "rlnImagePixelSize"
    /// `rlnImageSize` (int).
    case imageSize = "rlnImageSize"
    /// `rlnEvenZernike` (doubleVector).
    case evenZernike = "rlnEvenZernike"
    /// `rlnOddZernike` (doubleVector).
    case oddZernike = "rlnOddZernike"
    /// `rlnMagMat00` (double).
    case magMat00 = "rlnMagMat00"
    /// `rlnMagMat01` (double).
    case magMat01 = "rlnMagMat01"
    /// `rlnMagMat10` (double).
    case magMat10 = "rlnMagMat10"
    /// `rlnMagMat11` (double).
    case magMat11 = "rlnMagMat11"
    /// `rlnBeamTiltX` (double).
    case beamTiltX = "rlnBeamTiltX"
    /// `rlnBeamTiltY` (double).
    case beamTiltY = "rlnBeamTiltY"
    /// `rlnTomoParticleName` (string).
    case tomoParticleName = "rlnTomoParticleName"
    /// `rlnTomoParticleId` (int).
    case tomoParticleId = "rlnTomoParticleId"
    /// `rlnCenteredCoordinateXAngst` (double).
    case centeredCoordinateXAngst = "rlnCenteredCoordinateXAngst"
    /// `rlnCenteredCoordinateYAngst` (double).
    case centeredCoordinateYAngst = "rlnCenteredCoordinateYAngst"
    /// `rlnCenteredCoordinateZAngst` (double).
    case centeredCoordinateZAngst = "rlnCenteredCoordinateZAngst"
    /// `rlnCoordinateX` (double).
    case coordinateX = "rlnCoordinateX"
    /// `rlnCoordinateY` (double).
    case coordinateY = "rlnCoordinateY"
    /// `rlnCoordinateZ` (double).
    case coordinateZ = "rlnCoordinateZ"
    /// `rlnOriginXAngst` (double).
    case originXAngst = "rlnOriginXAngst"
    /// `rlnOriginYAngst` (double).
    case originYAngst = "rlnOriginYAngst"
    /// `rlnOriginZAngst` (double).
    case originZAngst = "rlnOriginZAngst"
    /// `rlnTomoSubtomogramRot` (double).
    case tomoSubtomogramRot = "rlnTomoSubtomogramRot"
    /// `rlnTomoSubtomogramTilt` (double).
    case tomoSubtomogramTilt = "rlnTomoSubtomogramTilt"
    /// `rlnTomoSubtomogramPsi` (double).
    case tomoSubtomogramPsi = "rlnTomoSubtomogramPsi"
    /// `rlnAngleRot` (double).
    case angleRot = "rlnAngleRot"
    /// `rlnAngleTilt` (double).
    case angleTilt = "rlnAngleTilt"
    /// `rlnAnglePsi` (double).
    case anglePsi = "rlnAnglePsi"
    /// `rlnAngleRotPrior` (double).
    case angleRotPrior = "rlnAngleRotPrior"
    /// `rlnAngleTiltPrior` (double).
    case angleTiltPrior = "rlnAngleTiltPrior"
    /// `rlnAnglePsiPrior` (double).
    case anglePsiPrior = "rlnAnglePsiPrior"
    /// `rlnOriginXPriorAngst` (double).
    case originXPriorAngst = "rlnOriginXPriorAngst"
    /// `rlnOriginYPriorAngst` (double).
    case originYPriorAngst = "rlnOriginYPriorAngst"
    /// `rlnOriginZPriorAngst` (double).
    case originZPriorAngst = "rlnOriginZPriorAngst"
    /// `rlnImageName` (string).
    case imageName = "rlnImageName"
    /// `rlnTomoVisibleFrames` (intVector).
    case tomoVisibleFrames = "rlnTomoVisibleFrames"
    /// `rlnRandomSubset` (int).
    case randomSubset = "rlnRandomSubset"
    /// `rlnGroupNumber` (int).
    case groupNumber = "rlnGroupNumber"
    /// `rlnClassNumber` (int).
    case classNumber = "rlnClassNumber"
    /// `rlnNormCorrection` (double).
    case normCorrection = "rlnNormCorrection"
    /// `rlnLogLikeliContribution` (double).
    case logLikeliContribution = "rlnLogLikeliContribution"
    /// `rlnMaxValueProbDistribution` (double).
    case maxValueProbDistribution = "rlnMaxValueProbDistribution"
    /// `rlnNrOfSignificantSamples` (int).
    case nrOfSignificantSamples = "rlnNrOfSignificantSamples"
    /// `rlnParticleNumber` (int).
    case particleNumber = "rlnParticleNumber"
    // MARK: Optimisation set (spec §2.7)
    /// `rlnTomoParticlesFile` (string).
    case tomoParticlesFile = "rlnTomoParticlesFile"
    /// `rlnTomoTomogramsFile` (string).
    case tomoTomogramsFile = "rlnTomoTomogramsFile"
    /// `rlnTomoTrajectoriesFile` (string).
    case tomoTrajectoriesFile = "rlnTomoTrajectoriesFile"
    /// `rlnTomoManifoldsFile` (string).
    case tomoManifoldsFile = "rlnTomoManifoldsFile"
    /// `rlnTomoReferenceMap1File` (string).
    case tomoReferenceMap1File = "rlnTomoReferenceMap1File"
    /// `rlnTomoReferenceMap2File` (string).
    case tomoReferenceMap2File = "rlnTomoReferenceMap2File"
    /// `rlnTomoReferenceMaskFile` (string).
    case tomoReferenceMaskFile = "rlnTomoReferenceMaskFile"
    /// `rlnTomoReferenceFscFile` (string).
    case tomoReferenceFscFile = "rlnTomoReferenceFscFile"
    // MARK: Refinement model (`_model.star`; spec §6.3)
    /// `rlnReferenceDimensionality` (int).
    case referenceDimensionality = "rlnReferenceDimensionality"
    /// `rlnDataDimensionality` (int).
    case dataDimensionality = "rlnDataDimensionality"
    /// `rlnOriginalImageSize` (int).
    case originalImageSize = "rlnOriginalImageSize"
    /// `rlnCurrentResolution` (double).
    case currentResolution = "rlnCurrentResolution"
    /// `rlnCurrentImageSize` (int).
    case currentImageSize = "rlnCurrentImageSize"
    /// `rlnPaddingFactor` (double).
    case paddingFactor = "rlnPaddingFactor"
    /// `rlnIsHelix` (bool).
    case isHelix = "rlnIsHelix"
    /// `rlnFourierSpaceInterpolator` (int).
    case fourierSpaceInterpolator = "rlnFourierSpaceInterpolator"
    /// `rlnMinRadiusNnInterpolation` (int).
    case minRadiusNnInterpolation = "rlnMinRadiusNnInterpolation"
    /// `rlnPixelSize` (double).
    case pixelSize = "rlnPixelSize"
    /// `rlnNrClasses` (int).
    case nrClasses = "rlnNrClasses"
    /// `rlnNrBodies` (int).
    case nrBodies = "rlnNrBodies"
    /// `rlnNrGroups` (int).
    case nrGroups = "rlnNrGroups"
    /// `rlnNrOpticsGroups` (int).
    case nrOpticsGroups = "rlnNrOpticsGroups"
    /// `rlnTau2FudgeFactor` (double).
    case tau2FudgeFactor = "rlnTau2FudgeFactor"
    /// `rlnNormCorrectionAverage` (double).
    case normCorrectionAverage = "rlnNormCorrectionAverage"
    /// `rlnSigmaOffsetsAngst` (double).
    case sigmaOffsetsAngst = "rlnSigmaOffsetsAngst"
    /// `rlnOrientationalPriorMode` (int).
    case orientationalPriorMode = "rlnOrientationalPriorMode"
    /// `rlnSigmaPriorRotAngle` (double).
    case sigmaPriorRotAngle = "rlnSigmaPriorRotAngle"
    /// `rlnSigmaPriorTiltAngle` (double).
    case sigmaPriorTiltAngle = "rlnSigmaPriorTiltAngle"
    /// `rlnSigmaPriorPsiAngle` (double).
    case sigmaPriorPsiAngle = "rlnSigmaPriorPsiAngle"
    /// `rlnLogLikelihood` (double).
    case logLikelihood = "rlnLogLikelihood"
    /// `rlnAveragePmax` (double).
    case averagePmax = "rlnAveragePmax"
    /// `rlnReferenceImage` (string).
    case referenceImage = "rlnReferenceImage"
    /// `rlnClassDistribution` (double).
    case classDistribution = "rlnClassDistribution"
    /// `rlnAccuracyRotations` (double).
    case accuracyRotations = "rlnAccuracyRotations"
    /// `rlnAccuracyTranslationsAngst` (double).
    case accuracyTranslationsAngst = "rlnAccuracyTranslationsAngst"
    /// `rlnEstimatedResolution` (double).
    case estimatedResolution = "rlnEstimatedResolution"
    /// `rlnOverallFourierCompleteness` (double).
    case overallFourierCompleteness = "rlnOverallFourierCompleteness"
    /// `rlnSpectralIndex` (int).
    case spectralIndex = "rlnSpectralIndex"
    /// `rlnResolution` (double).
    case resolution = "rlnResolution"
    /// `rlnAngstromResolution` (double).
    case angstromResolution = "rlnAngstromResolution"
    /// `rlnSsnrMap` (double).
    case ssnrMap = "rlnSsnrMap"
    /// `rlnGoldStandardFsc` (double).
    case goldStandardFsc = "rlnGoldStandardFsc"
    /// `rlnFourierCompleteness` (double).
    case fourierCompleteness = "rlnFourierCompleteness"
    /// `rlnReferenceSigma2` (double).
    case referenceSigma2 = "rlnReferenceSigma2"
    /// `rlnReferenceTau2` (double).
    case referenceTau2 = "rlnReferenceTau2"
    /// `rlnSpectralOrientabilityContribution` (double).
    case spectralOrientabilityContribution = "rlnSpectralOrientabilityContribution"
    /// `rlnGroupName` (string).
    case groupName = "rlnGroupName"
    /// `rlnGroupNrParticles` (int).
    case groupNrParticles = "rlnGroupNrParticles"
    /// `rlnGroupScaleCorrection` (double).
    case groupScaleCorrection = "rlnGroupScaleCorrection"
    /// `rlnSigma2Noise` (double).
    case sigma2Noise = "rlnSigma2Noise"
    /// `rlnOrientationDistribution` (double).
    case orientationDistribution = "rlnOrientationDistribution"
    // MARK: Optimiser and sampling (`_optimiser.star`, `_sampling.star`; spec §6.4, §6.5)
    /// `rlnOutputRootName` (string).
    case outputRootName = "rlnOutputRootName"
    /// `rlnModelStarFile` (string).
    case modelStarFile = "rlnModelStarFile"
    /// `rlnModelStarFile2` (string).
    case modelStarFile2 = "rlnModelStarFile2"
    /// `rlnExperimentalDataStarFile` (string).
    case experimentalDataStarFile = "rlnExperimentalDataStarFile"
    /// `rlnOrientSamplingStarFile` (string).
    case orientSamplingStarFile = "rlnOrientSamplingStarFile"
    /// `rlnCurrentIteration` (int).
    case currentIteration = "rlnCurrentIteration"
    /// `rlnNumberOfIterations` (int).
    case numberOfIterations = "rlnNumberOfIterations"
    /// `rlnDoSplitRandomHalves` (bool).
    case doSplitRandomHalves = "rlnDoSplitRandomHalves"
    /// `rlnJoinHalvesUntilThisResolution` (double).
    case joinHalvesUntilThisResolution = "rlnJoinHalvesUntilThisResolution"
    /// `rlnRandomSeed` (int).
    case randomSeed = "rlnRandomSeed"
    /// `rlnParticleDiameter` (double).
    case particleDiameter = "rlnParticleDiameter"
    /// `rlnWidthMaskEdge` (int).
    case widthMaskEdge = "rlnWidthMaskEdge"
    /// `rlnDoZeroMask` (bool).
    case doZeroMask = "rlnDoZeroMask"
    /// `rlnDoSolventFlattening` (bool).
    case doSolventFlattening = "rlnDoSolventFlattening"
    /// `rlnDoSolventFscCorrection` (bool).
    case doSolventFscCorrection = "rlnDoSolventFscCorrection"
    /// `rlnSolventMaskName` (string).
    case solventMaskName = "rlnSolventMaskName"
    /// `rlnSolventMask2Name` (string).
    case solventMask2Name = "rlnSolventMask2Name"
    /// `rlnBestResolutionThusFar` (double).
    case bestResolutionThusFar = "rlnBestResolutionThusFar"
    /// `rlnHasConverged` (bool).
    case hasConverged = "rlnHasConverged"
    /// `rlnDoAutoRefine` (bool).
    case doAutoRefine = "rlnDoAutoRefine"
    /// `rlnDoCorrectCtf` (bool).
    case doCorrectCtf = "rlnDoCorrectCtf"
    /// `rlnDoCorrectNorm` (bool).
    case doCorrectNorm = "rlnDoCorrectNorm"
    /// `rlnDoCorrectScale` (bool).
    case doCorrectScale = "rlnDoCorrectScale"
    /// `rlnRefsAreCtfCorrected` (bool).
    case refsAreCtfCorrected = "rlnRefsAreCtfCorrected"
    /// `rlnSymmetryGroup` (string).
    case symmetryGroup = "rlnSymmetryGroup"
    /// `rlnHealpixOrder` (int).
    case healpixOrder = "rlnHealpixOrder"
    /// `rlnPsiStep` (double).
    case psiStep = "rlnPsiStep"
    /// `rlnOffsetRange` (double).
    case offsetRange = "rlnOffsetRange"
    /// `rlnOffsetStep` (double).
    case offsetStep = "rlnOffsetStep"
    /// `rlnChangesOptimalOrientations` (double).
    case changesOptimalOrientations = "rlnChangesOptimalOrientations"
    /// `rlnChangesOptimalOffsets` (double).
    case changesOptimalOffsets = "rlnChangesOptimalOffsets"
    /// `rlnChangesOptimalClasses` (double).
    case changesOptimalClasses = "rlnChangesOptimalClasses"
    /// `rlnOverallAccuracyRotations` (double).
    case overallAccuracyRotations = "rlnOverallAccuracyRotations"
    /// `rlnOverallAccuracyTranslationsAngst` (double).
    case overallAccuracyTranslationsAngst = "rlnOverallAccuracyTranslationsAngst"
    /// `rlnIs3DSampling` (bool).
    case is3DSampling = "rlnIs3DSampling"
    /// `rlnIs3DTranslationalSampling` (bool).
    case is3DTranslationalSampling = "rlnIs3DTranslationalSampling"
    // MARK: Post-processing (`postprocess.star`; spec §8.2)
    /// `rlnFinalResolution` (double).
    case finalResolution = "rlnFinalResolution"
    /// `rlnBfactorUsedForSharpening` (double).
    case bfactorUsedForSharpening = "rlnBfactorUsedForSharpening"
    /// `rlnUnfilteredMapHalf1` (string).
    case unfilteredMapHalf1 = "rlnUnfilteredMapHalf1"
    /// `rlnUnfilteredMapHalf2` (string).
    case unfilteredMapHalf2 = "rlnUnfilteredMapHalf2"
    /// `rlnMaskName` (string).
    case maskName = "rlnMaskName"
    /// `rlnPostprocessedMap` (string).
    case postprocessedMap = "rlnPostprocessedMap"
    /// `rlnPostprocessedMapMasked` (string).
    case postprocessedMapMasked = "rlnPostprocessedMapMasked"
    /// `rlnRandomiseFrom` (double).
    case randomiseFrom = "rlnRandomiseFrom"
    /// `rlnFourierShellCorrelationCorrected` (double).
    case fourierShellCorrelationCorrected = "rlnFourierShellCorrelationCorrected"
    /// `rlnFourierShellCorrelationUnmaskedMaps` (double).
    case fourierShellCorrelationUnmaskedMaps = "rlnFourierShellCorrelationUnmaskedMaps"
    /// `rlnFourierShellCorrelationMaskedMaps` (double).
    case fourierShellCorrelationMaskedMaps = "rlnFourierShellCorrelationMaskedMaps"
    /// `rlnCorrectedFourierShellCorrelationPhaseRandomizedMaskedMaps` (double).
    case correctedFourierShellCorrelationPhaseRandomizedMaskedMaps = "rlnCorrectedFourierShellCorrelationPhaseRandomizedMaskedMaps"
    /// `rlnResolutionSquared` (double).
    case resolutionSquared = "rlnResolutionSquared"
    /// `rlnLogAmplitudesOriginal` (double).
    case logAmplitudesOriginal = "rlnLogAmplitudesOriginal"
    /// `rlnLogAmplitudesMTFCorrected` (double).
    case logAmplitudesMTFCorrected = "rlnLogAmplitudesMTFCorrected"
    /// `rlnLogAmplitudesWeighted` (double).
    case logAmplitudesWeighted = "rlnLogAmplitudesWeighted"
    /// `rlnLogAmplitudesSharpened` (double).
    case logAmplitudesSharpened = "rlnLogAmplitudesSharpened"
    /// `rlnLogAmplitudesIntercept` (double).
    case logAmplitudesIntercept = "rlnLogAmplitudesIntercept"
    /// `rlnFittedSlopeGuinierPlot` (double).
    case fittedSlopeGuinierPlot = "rlnFittedSlopeGuinierPlot"
    /// `rlnFittedInterceptGuinierPlot` (double).
    case fittedInterceptGuinierPlot = "rlnFittedInterceptGuinierPlot"
    /// `rlnCorrelationFitGuinierPlot` (double).
    case correlationFitGuinierPlot = "rlnCorrelationFitGuinierPlot"

    /// The type RELION stores under this label.
    public var valueType: StarValueType {
        switch self {
        case .tomoName, .tomoTiltSeriesStarFile, .tomoReconstructedTomogram, .tomoReconstructedTomogramHalf1, .tomoReconstructedTomogramHalf2, .tomoDenoisedTomogram, .opticsGroupName, .etomoDirectiveFile, .tomoTiltSeriesName, .tomoDeformationType, .tomoFiducialsStarFile, .micrographName, .micrographMovieName, .ctfPowerSpectrum, .micrographMetadata, .ctfImage, .tomoMicrographNameEven, .tomoMicrographNameOdd, .tomoParticleName, .imageName, .tomoParticlesFile, .tomoTomogramsFile, .tomoTrajectoriesFile, .tomoManifoldsFile, .tomoReferenceMap1File, .tomoReferenceMap2File, .tomoReferenceMaskFile, .tomoReferenceFscFile, .referenceImage, .groupName, .outputRootName, .modelStarFile, .modelStarFile2, .experimentalDataStarFile, .orientSamplingStarFile, .solventMaskName, .solventMask2Name, .symmetryGroup, .unfilteredMapHalf1, .unfilteredMapHalf2, .maskName, .postprocessedMap, .postprocessedMapMasked:
            return .string
        case .tomoSizeX, .tomoSizeY, .tomoSizeZ, .tomoFrameCount, .tomoDeformationGridSizeX, .tomoDeformationGridSizeY, .tomoTiltMovieFrameCount, .tomoTiltMovieIndex, .opticsGroup, .imageDimensionality, .imageSize, .tomoParticleId, .randomSubset, .groupNumber, .classNumber, .nrOfSignificantSamples, .particleNumber, .referenceDimensionality, .dataDimensionality, .originalImageSize, .currentImageSize, .fourierSpaceInterpolator, .minRadiusNnInterpolation, .nrClasses, .nrBodies, .nrGroups, .nrOpticsGroups, .orientationalPriorMode, .spectralIndex, .groupNrParticles, .currentIteration, .numberOfIterations, .randomSeed, .widthMaskEdge, .healpixOrder:
            return .int
        case .tomoSubTomosAre2DStacks, .ctfDataAreCtfPremultiplied, .isHelix, .doSplitRandomHalves, .doZeroMask, .doSolventFlattening, .doSolventFscCorrection, .hasConverged, .doAutoRefine, .doCorrectCtf, .doCorrectNorm, .doCorrectScale, .refsAreCtfCorrected, .is3DSampling, .is3DTranslationalSampling:
            return .bool
        case .tomoVisibleFrames:
            return .intVector
        case .tomoProjX, .tomoProjY, .tomoProjZ, .tomoProjW, .tomoDeformationCoefficients, .evenZernike, .oddZernike:
            return .doubleVector
        default:
            return .double
        }
    }
}

/// The value type of a RELION label, which decides how values are formatted.
public enum StarValueType: Sendable, Equatable, Hashable {
    /// `%12.6f` / `%12.6e` (see ``StarFormat/double(_:)``).
    case double
    /// A decimal integer.
    case int
    /// `0` or `1`.
    case bool
    /// Verbatim text, quoted if needed.
    case string
    /// `[0,1,1]`.
    case intVector
    /// `[0.1,-0.9,0,1]`.
    case doubleVector
}
