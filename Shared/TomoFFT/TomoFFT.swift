// TomoFFT — see docs/architecture.md.
