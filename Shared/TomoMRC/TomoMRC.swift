// TomoMRC — see docs/architecture.md.
