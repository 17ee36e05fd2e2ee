// TomoSTAR — see docs/architecture.md.
