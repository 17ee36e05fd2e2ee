import TomoCore

/// One of the three orthogonal planes through a map's centre.
public enum SlicePlane: String, CaseIterable, Sendable {
    /// The section `z = nz/2`: columns are x, rows are y.
    case xy
    /// The section `y = ny/2`: columns are x, rows are z.
    case xz
    /// The section `x = nx/2`: columns are y, rows are z.
    case yz
}

/// A 2D section of a map as shown on screen: `width × height` values, row 0 at the top,
/// `values[column + width·row]`.
///
/// Row 0 holds the lowest y (or z), as `relion_display` and `numpy`'s `imshow` show an MRC
/// section; the centre is voxel `(nx/2, ny/2, nz/2)` (integer division, RELION §10.2).
public struct CentralSection: Equatable, Sendable {
    /// Which plane.
    public let plane: SlicePlane
    /// Number of columns.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// Values, `values[column + width·row]`.
    public let values: [Float]

    /// The central section of `volume` in `plane`.
    public init(_ volume: RealVolume, plane: SlicePlane) {
        let (cx, cy, cz) = volume.centre
        self.plane = plane
        switch plane {
        case .xy:
            width = volume.nx; height = volume.ny
            values = (0..<volume.ny).flatMap { y in (0..<volume.nx).map { x in volume[x, y, cz] } }
        case .xz:
            width = volume.nx; height = volume.nz
            values = (0..<volume.nz).flatMap { z in (0..<volume.nx).map { x in volume[x, cy, z] } }
        case .yz:
            width = volume.ny; height = volume.nz
            values = (0..<volume.nz).flatMap { z in (0..<volume.ny).map { y in volume[cx, y, z] } }
        }
    }

    /// The value at `column`, `row`.
    public subscript(column: Int, row: Int) -> Float { values[column + width * row] }
}
