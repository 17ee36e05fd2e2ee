import TomoCore

/// A ribosome-like phantom made of pseudo-atoms: two lobes (a large and a small subunit, about
/// 350 Å across together) packed with Gaussian "atoms", with denser rod-like clusters (helices)
/// that give high-resolution detail, and an optional removable "factor" domain so a second state
/// differs by a known fraction of the mass.
///
/// Coordinates are in Å relative to the particle centre, in the reference frame (x, y, z).
public struct PseudoAtomicPhantom: Sendable {
    /// One pseudo-atom: position (Å) and relative mass.
    public struct Atom: Sendable, Hashable {
        public var position: Vector3
        public var mass: Double
        /// Whether the atom belongs to the removable factor domain.
        public var inFactor: Bool
    }

    public private(set) var atoms: [Atom]

    /// Builds the phantom.
    /// - Parameters:
    ///   - seed: random seed; the same seed gives the same phantom.
    ///   - atomCount: number of pseudo-atoms in the two lobes.
    ///   - factorFraction: mass fraction of the factor domain (0 for none).
    public init(seed: UInt64 = 1, atomCount: Int = 4000, factorFraction: Double = 0.15) {
        var rng = SplitMix64(seed: seed)
        var atoms: [Atom] = []
        // Large subunit: an ellipsoid centred below the middle; small subunit above it.
        let lobes: [(centre: Vector3, axes: Vector3, share: Double)] = [
            (Vector3(0, -35, 0), Vector3(135, 105, 115), 0.62),
            (Vector3(10, 95, -10), Vector3(100, 60, 80), 0.38),
        ]
        let baseCount = Int(Double(atomCount) * (1 - factorFraction))
        for lobe in lobes {
            let n = Int(Double(baseCount) * lobe.share)
            var placed = 0
            while placed < n {
                // Helices: short rods of 6 atoms 5 Å apart, which carry the fine detail.
                let start = Self.pointInEllipsoid(&rng, centre: lobe.centre, axes: lobe.axes)
                let dir = Self.unitVector(&rng)
                for j in 0..<6 where placed < n {
                    let p = start + Double(j) * 5.0 * dir
                    if Self.inside(p, centre: lobe.centre, axes: lobe.axes) {
                        atoms.append(Atom(position: p, mass: 1, inFactor: false)); placed += 1
                    }
                }
            }
        }
        // Factor domain: a compact blob on the side of the large subunit, at the lobe interface.
        let factorCentre = Vector3(-115, 40, 30), factorAxes = Vector3(48, 40, 44)
        let nFactor = atomCount - baseCount
        for _ in 0..<nFactor {
            atoms.append(Atom(position: Self.pointInEllipsoid(&rng, centre: factorCentre, axes: factorAxes),
                              mass: 1, inFactor: true))
        }
        self.atoms = atoms
    }

    /// Wraps explicit atoms (e.g. a junk particle).
    public init(atoms: [Atom]) { self.atoms = atoms }

    /// The same phantom without the factor domain (the second state).
    public var withoutFactor: PseudoAtomicPhantom { PseudoAtomicPhantom(atoms: atoms.filter { !$0.inFactor }) }

    /// Fraction of the mass in the factor domain.
    public var factorMassFraction: Double {
        let total = atoms.reduce(0) { $0 + $1.mass }
        return atoms.filter(\.inFactor).reduce(0) { $0 + $1.mass } / max(total, 1e-30)
    }

    /// A junk particle: an irregular cluster of blobs with the mass of a real one, no fixed shape.
    public static func junk(seed: UInt64, atomCount: Int = 4000) -> PseudoAtomicPhantom {
        var rng = SplitMix64(seed: seed)
        var atoms: [Atom] = []
        let clusters = 5 + Int(rng.next() % 6)
        for _ in 0..<clusters {
            let c = 90 * unitVector(&rng) * rng.uniform(0.2, 1.0)
            let axes = Vector3(rng.uniform(25, 70), rng.uniform(25, 70), rng.uniform(25, 70))
            for _ in 0..<(atomCount / clusters) {
                atoms.append(Atom(position: pointInEllipsoid(&rng, centre: c, axes: axes), mass: 1, inFactor: false))
            }
        }
        return PseudoAtomicPhantom(atoms: atoms)
    }

    /// Renders the phantom into a cubic box of `size` voxels at `pixelSize` Å, each atom a
    /// Gaussian of standard deviation `max(atomSigma, 0.6·pixelSize)` Å, centred at voxel `size/2`.
    /// The map is scaled so the total mass is `size³ · 0.1` (a mean of 0.1), independent of pixel size.
    public func render(size: Int, pixelSize: Double, atomSigma: Double = 2.0) -> RealVolume {
        var v = RealVolume(cube: size)
        let sigmaPx = max(atomSigma, 0.6 * pixelSize) / pixelSize
        let reach = Int((3 * sigmaPx).rounded(.up))
        let inv2s2 = 1 / (2 * sigmaPx * sigmaPx)
        let c = Double(size / 2)
        var total = 0.0
        for atom in atoms {
            let p = atom.position / pixelSize
            let px = p.x + c, py = p.y + c, pz = p.z + c
            let ix = Int(px.rounded()), iy = Int(py.rounded()), iz = Int(pz.rounded())
            let x0 = max(0, ix - reach), x1 = min(size - 1, ix + reach)
            let y0 = max(0, iy - reach), y1 = min(size - 1, iy + reach)
            let z0 = max(0, iz - reach), z1 = min(size - 1, iz + reach)
            guard x0 <= x1, y0 <= y1, z0 <= z1 else { continue }
            for z in z0...z1 {
                let dz = Double(z) - pz
                for y in y0...y1 {
                    let dy = Double(y) - py
                    for x in x0...x1 {
                        let dx = Double(x) - px
                        let w = atom.mass * _exp(-(dx * dx + dy * dy + dz * dz) * inv2s2)
                        v.data[x + size * (y + size * z)] += Float(w)
                        total += w
                    }
                }
            }
        }
        let scale = Float(Double(v.count) * 0.1 / max(total, 1e-30))
        for i in 0..<v.count { v.data[i] *= scale }
        return v
    }

    static func unitVector(_ rng: inout SplitMix64) -> Vector3 {
        let z = rng.uniform(-1, 1), phi = rng.uniform(0, 2 * .pi)
        let r = (1 - z * z).squareRoot()
        return Vector3(r * _cos(phi), r * _sin(phi), z)
    }
    static func inside(_ p: Vector3, centre: Vector3, axes: Vector3) -> Bool {
        let d = p - centre
        return (d.x / axes.x) * (d.x / axes.x) + (d.y / axes.y) * (d.y / axes.y) + (d.z / axes.z) * (d.z / axes.z) <= 1
    }
    static func pointInEllipsoid(_ rng: inout SplitMix64, centre: Vector3, axes: Vector3) -> Vector3 {
        while true {
            let u = Vector3(rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1))
            if u.dot(u) <= 1 { return centre + Vector3(u.x * axes.x, u.y * axes.y, u.z * axes.z) }
        }
    }
}
