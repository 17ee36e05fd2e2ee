// TomoWire — see docs/architecture.md.
