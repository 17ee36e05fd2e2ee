private import CFFTW
import Synchronization

/// Direction of a real transform.
enum FFTDirection: Hashable, Sendable { case realToComplex, complexToReal }

/// What identifies a cached plan.
struct FFTPlanKey: Hashable, Sendable {
    var shape: FFTShape
    var batch: Int
    var direction: FFTDirection
    var options: FFTOptions
    /// Planned with `FFTW_UNALIGNED` (for arrays whose SIMD alignment differs from fftwf_malloc's).
    var unaligned: Bool
}

/// An FFTW plan. Plans are immutable after creation and never destroyed (the cache lives as long
/// as the process); FFTW's new-array execute functions are thread-safe, so sharing is sound.
struct FFTPlan: @unchecked Sendable {
    let raw: OpaquePointer
}

/// The process-wide plan cache. All FFTW planner calls (which are not thread-safe) happen under
/// its one lock; execution happens outside it with the new-array functions.
enum FFTPlanCache {
    private struct State: ~Copyable {
        var plans: [FFTPlanKey: FFTPlan] = [:]
        var threadsInitialised = false
    }
    private static let state = Mutex(State())

    /// The cached plan for `key`, planning it under the lock on first use.
    static func plan(_ key: FFTPlanKey) -> FFTPlan {
        state.withLock { s in
            if let p = s.plans[key] { return p }
            if key.options.threads > 1 && !s.threadsInitialised {
                precondition(fftwf_init_threads() != 0, "fftwf_init_threads failed")
                s.threadsInitialised = true
            }
            if s.threadsInitialised { fftwf_plan_with_nthreads(Int32(key.options.threads)) }
            let p = makePlan(key)
            s.plans[key] = p
            return p
        }
    }

    /// Number of cached plans (for tests).
    static var count: Int { state.withLock { $0.plans.count } }

    /// Plans on scratch arrays from `fftwf_malloc` (FFTW_MEASURE overwrites them).
    private static func makePlan(_ key: FFTPlanKey) -> FFTPlan {
        let shape = key.shape
        let realDist = shape.realCount, complexDist = shape.complexCount
        let real = fftwf_alloc_real(realDist * key.batch)!
        let complex = fftwf_alloc_complex(complexDist * key.batch)!
        defer { fftwf_free(real); fftwf_free(complex) }
        var flags: UInt32 = key.options.effort == .estimate ? FFTW_ESTIMATE : FFTW_MEASURE
        if key.unaligned { flags |= FFTW_UNALIGNED }
        let dims = shape.fftwDimensions
        let rank = Int32(dims.count)
        let raw: OpaquePointer? = dims.withUnsafeBufferPointer { n in
            switch key.direction {
            case .realToComplex:
                return fftwf_plan_many_dft_r2c(rank, n.baseAddress, Int32(key.batch),
                                               real, nil, 1, Int32(realDist),
                                               complex, nil, 1, Int32(complexDist), flags)
            case .complexToReal:
                return fftwf_plan_many_dft_c2r(rank, n.baseAddress, Int32(key.batch),
                                               complex, nil, 1, Int32(complexDist),
                                               real, nil, 1, Int32(realDist), flags | FFTW_DESTROY_INPUT)
            }
        }
        guard let raw else {
            preconditionFailure("FFTW could not plan a \(key.direction) transform of \(shape) × \(key.batch) (\(key.options))")
        }
        return FFTPlan(raw: raw)
    }
}

/// Whether a pointer has the SIMD alignment of `fftwf_malloc` (so an aligned plan may run on it).
func fftwIsAligned(_ p: UnsafeMutableRawPointer) -> Bool {
    fftwf_alignment_of(p.assumingMemoryBound(to: Float.self)) == 0
}

/// Runs an r2c plan on caller arrays (new-array execute; thread-safe).
func fftwExecuteR2C(_ plan: FFTPlan, _ input: UnsafeMutablePointer<Float>, _ output: UnsafeMutableRawPointer) {
    fftwf_execute_dft_r2c(plan.raw, input, output.assumingMemoryBound(to: fftwf_complex.self))
}

/// Runs a c2r plan on caller arrays (new-array execute; destroys `input`).
func fftwExecuteC2R(_ plan: FFTPlan, _ input: UnsafeMutableRawPointer, _ output: UnsafeMutablePointer<Float>) {
    fftwf_execute_dft_c2r(plan.raw, input.assumingMemoryBound(to: fftwf_complex.self), output)
}
