import Testing
import TomoCore
@testable import TomoKernels

@Suite struct SymmetryGroupTests {
    static let groups: [(String, Int)] = [("C1", 1), ("C4", 4), ("D7", 14), ("T", 12), ("O", 24), ("I", 60), ("I1", 60), ("D2", 4)]

    @Test func orders() throws {
        for (symbol, order) in Self.groups {
            #expect(try SymmetryGroup(symbol).order == order, "\(symbol)")
        }
    }

    /// Closed under multiplication (to 1e−9), proper rotations, identity first.
    @Test func closedProperRotationGroups() throws {
        for (symbol, _) in Self.groups {
            let g = try SymmetryGroup(symbol)
            #expect(g.operators[0] == .identity)
            for a in g.operators {
                #expect(abs(a.determinant - 1) < 1e-12)
                #expect((a * a.transposed).maxAbsDifference(.identity) < 1e-12)
                for b in g.operators {
                    let p = a * b
                    #expect(g.operators.contains { $0.maxAbsDifference(p) < 1e-9 }, "\(symbol) not closed")
                }
            }
        }
    }

    /// RELION's axes: Dn 2-fold about X; T 2-fold about (0, 0.816496, 0.577350);
    /// I 5-fold about (0.525731114, 0, 0.850650807).
    @Test func relionAxisSettings() throws {
        func fixesAxis(_ g: SymmetryGroup, _ axis: Vector3, fold: Int) -> Bool {
            let u = axis / axis.norm
            let n = g.operators.filter { ($0 * u - u).norm < 1e-5 }.count
            return n == fold
        }
        #expect(fixesAxis(try SymmetryGroup("D7"), Vector3(1, 0, 0), fold: 2))
        #expect(fixesAxis(try SymmetryGroup("D7"), Vector3(0, 0, 1), fold: 7))
        #expect(fixesAxis(.tetrahedral, Vector3(0, 0.816496, 0.577350), fold: 2))
        #expect(fixesAxis(.octahedral, Vector3(0, 0, 1), fold: 4))
        #expect(fixesAxis(.icosahedral, Vector3(0.525731114, 0, 0.850650807), fold: 5))
        #expect(fixesAxis(.icosahedral, Vector3(0, 0.356822076, 0.934172364), fold: 3))
        #expect(fixesAxis(.icosahedral, Vector3(0, 0, 1), fold: 2))
        #expect(fixesAxis(.icosahedralI1, Vector3(0.85065080702670, 0, -0.5257311142635), fold: 5))
    }

    @Test func rejectsUnknownSymbols() {
        for bad in ["X3", "C0", "Dx", "C4V", ""] {
            #expect(throws: SymmetryError.self) { try SymmetryGroup(bad) }
        }
    }

    /// Orientations related by a group element are 0° apart modulo symmetry.
    @Test func angularDistanceModuloSymmetry() throws {
        let g = try SymmetryGroup("C4")
        let a = EulerAngles(rot: 12, tilt: 50, psi: 80).matrix
        let b = a * Matrix3.rotationZ(degrees: 90)
        #expect(angularDistance(a, b) > 89)
        #expect(g.angularDistance(a, b) < 1e-9)
        #expect(g.equivalentOrientations(a).count == 4)
    }
}
