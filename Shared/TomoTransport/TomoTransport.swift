// TomoTransport — see docs/architecture.md.
