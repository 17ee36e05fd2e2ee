// TomoKernels — see docs/architecture.md.
