extension MRCFile {
    /// Every voxel as `Float`, x fastest, then y, then z; `nx·ny·nz` values.
    /// - Throws: `.unsupportedMode` for mode 4, `.ioError`/`.truncated` if reading fails.
    public func readAll() throws(MRCError) -> [Float] {
        try requireReal("readAll")
        let count = header.voxelCount
        return try typedThrows { try [Float](unsafeUninitializedCapacity: count) { (buffer, initialized) in
            if count > 0 { try readVoxels(first: 0, count: count, into: buffer.baseAddress!) }
            initialized = count
        } }
    }

    /// Section `z` (one image of a stack, one z slice of a volume): `nx·ny` values, x fastest.
    /// Reads only that section's bytes.
    /// - Throws: `.outOfRange` unless `0 ≤ z < nz`; `.unsupportedMode` for mode 4.
    public func readSection(_ z: Int) throws(MRCError) -> [Float] {
        try requireReal("readSection")
        let (nx, ny, nz) = shape
        guard (0 ..< nz).contains(z) else {
            throw MRCError(code: .outOfRange, path: path, message: "section \(z) requested, file has sections 0..<\(nz)")
        }
        let count = nx * ny
        return try typedThrows { try [Float](unsafeUninitializedCapacity: count) { (buffer, initialized) in
            if count > 0 { try readVoxels(first: z * count, count: count, into: buffer.baseAddress!) }
            initialized = count
        } }
    }

    /// The box `x × y × z` (half-open voxel ranges), x fastest; `x.count·y.count·z.count` values.
    /// Reads, per section, only the span from the box's first to its last row.
    /// - Throws: `.outOfRange` if a range leaves the map; `.unsupportedMode` for mode 4.
    public func readSubvolume(x: Range<Int>, y: Range<Int>, z: Range<Int>) throws(MRCError) -> [Float] {
        try requireReal("readSubvolume")
        let (nx, ny, nz) = shape
        for (name, r, n) in [("x", x, nx), ("y", y, ny), ("z", z, nz)] where r.lowerBound < 0 || r.upperBound > n {
            throw MRCError(code: .outOfRange, path: path,
                           message: "sub-volume \(name) range \(r) lies outside 0..<\(n) (map \(nx)×\(ny)×\(nz))")
        }
        let count = x.count * y.count * z.count
        guard count > 0 else { return [] }
        // One read per section covering rows y.lowerBound…y.upperBound-1, from x.lowerBound of the
        // first row to x.upperBound of the last.
        let span = (y.count - 1) * nx + x.count
        var rows = [Float](repeating: 0, count: span)
        var out = [Float]()
        out.reserveCapacity(count)
        for k in z {
            let first = (k * ny + y.lowerBound) * nx + x.lowerBound
            try typedThrows { try rows.withUnsafeMutableBufferPointer { (b) in
                try readVoxels(first: first, count: span, into: b.baseAddress!)
            } }
            for j in 0 ..< y.count { out.append(contentsOf: rows[j * nx ..< j * nx + x.count]) }
        }
        return out
    }

    /// The voxels of a mode-4 (complex64) file as interleaved `(real, imaginary)` float pairs,
    /// `2·nx·ny·nz` values, x fastest. For a real mode, returns ``readAll()``.
    public func readComplexInterleaved() throws(MRCError) -> [Float] {
        guard header.mode == .complex64 else { return try readAll() }
        let count = 2 * header.voxelCount
        return try typedThrows { try [Float](unsafeUninitializedCapacity: count) { (buffer, initialized) in
            if count > 0 { try readVoxels(first: 0, count: count, into: buffer.baseAddress!) }
            initialized = count
        } }
    }
}
