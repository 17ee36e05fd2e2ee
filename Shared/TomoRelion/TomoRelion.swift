// TomoRelion — see docs/architecture.md.
