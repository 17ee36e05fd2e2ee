import Testing
import TomoCore
@testable import TomoWire

/// Tiles round-trip at the sizes the services send: 84³ subtomograms and 41-image 84² stacks.
@Suite struct TileCodecTests {
    /// Gaussian noise (σ = 1) plus a smooth Gaussian blob of amplitude 3, like a noisy particle.
    static func noisyParticle(nx: Int, ny: Int, nz: Int, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        var out = [Float](repeating: 0, count: nx * ny * nz)
        let c = (Double(nx) / 2, Double(ny) / 2, Double(nz) / 2), s2 = 2 * 12.0 * 12.0
        for z in 0..<nz { for y in 0..<ny { for x in 0..<nx {
            let dx = Double(x) - c.0, dy = Double(y) - c.1, dz = nz == 1 ? 0 : Double(z) - c.2
            let blob = 3 * _exp(-(dx * dx + dy * dy + dz * dz) / s2)
            out[x + nx * (y + ny * z)] = Float(blob + rng.gaussian())
        } } }
        return out
    }

    static let volume = noisyParticle(nx: 84, ny: 84, nz: 84, seed: 7)
    static let stack = noisyParticle(nx: 84, ny: 84, nz: 41, seed: 8)

    @Test(arguments: [PayloadEncoding.raw, .zstd, .shuffleZstd])
    func float32VolumeRoundTripsExactly(encoding: PayloadEncoding) throws {
        let tile = try TileCodec.encode(Self.volume, nx: 84, ny: 84, nz: 84, voxelSize: 5.4, tileID: 9, dtype: .float32,
                                        encoding: encoding)
        #expect(tile.descriptor.byteCount == 84 * 84 * 84 * 4)
        let back = try TileCodec.decode(tile)
        #expect(back.map(\.bitPattern) == Self.volume.map(\.bitPattern))
    }

    @Test(arguments: [PayloadEncoding.raw, .shuffleZstd])
    func float16StackRoundTripsWithinHalfPrecision(encoding: PayloadEncoding) throws {
        let tile = try TileCodec.encode(Self.stack, nx: 84, ny: 84, nz: 41, voxelSize: 1.35, tileID: 10, dtype: .float16,
                                        encoding: encoding)
        #expect(tile.descriptor.byteCount == 84 * 84 * 41 * 2)
        let back = try TileCodec.decode(tile)
        #expect(back.count == Self.stack.count)
        // binary16 has an 11-bit significand: round-to-nearest error ≤ 2⁻¹¹ relative (normal
        // range) or half the subnormal spacing 2⁻²⁵ absolute.
        var worst = 0.0
        for (a, b) in zip(Self.stack, back) {
            let bound = max(Double(abs(a)) * 0x1p-11, 0x1p-25)
            worst = max(worst, Double(abs(a - b)) / bound)
        }
        #expect(worst <= 1.0)
        // And it is the correctly rounded value, element by element.
        #expect(back == Self.stack.map { Binary16.float(fromBits: Binary16.bits(from: $0)) })
    }

    @Test func shuffleCompressesNoisyDataBetterThanPlainZstd() throws {
        func ratio(_ dtype: TileDType, _ encoding: PayloadEncoding) throws -> Double {
            let t = try TileCodec.encode(Self.volume, nx: 84, ny: 84, nz: 84, voxelSize: 5.4, tileID: 1, dtype: dtype,
                                         encoding: encoding)
            return Double(t.descriptor.byteCount) / Double(t.data.count)
        }
        let plain32 = try ratio(.float32, .zstd), shuffled32 = try ratio(.float32, .shuffleZstd)
        let plain16 = try ratio(.float16, .zstd), shuffled16 = try ratio(.float16, .shuffleZstd)
        print("compression ratio, 84³ noisy particle: float32 zstd \(plain32), shuffle+zstd \(shuffled32); float16 zstd \(plain16), shuffle+zstd \(shuffled16)")
        // Noise is incompressible in the low mantissa bytes; shuffling lets zstd exploit the
        // near-constant sign/exponent bytes.
        #expect(shuffled32 > plain32 * 1.05)
        #expect(shuffled16 > plain16)
        #expect(shuffled32 > 1.1)
    }

    @Test func refusesTilesOverTheLimitBeforeDecompressing() throws {
        let tile = try TileCodec.encode(Self.stack, nx: 84, ny: 84, nz: 41, voxelSize: 1, tileID: 3, dtype: .float32)
        let small = WireLimits(maxTileBytes: 1 << 20)
        #expect(throws: WireError.self) { try TileCodec.decode(tile, limits: small) }
        do { _ = try TileCodec.decode(tile, limits: small) } catch { #expect(error.code == .tooLarge) }
    }

    @Test func detectsCorruptRawDataThroughTheCRC() throws {
        var tile = try TileCodec.encode(GoldenExamples.tinyImage, nx: 4, ny: 4, nz: 1, voxelSize: 1, tileID: 1,
                                        dtype: .float32, encoding: .raw)
        tile.data[5] ^= 0x40
        do { _ = try TileCodec.decode(tile); Issue.record("corruption not detected") } catch {
            #expect(error.code == .malformed)
            #expect(error.message.contains("CRC-32"))
        }
    }
}
