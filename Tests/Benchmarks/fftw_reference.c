/* Reference timing of FFTW single-precision 3D r2c transforms, for comparison with the Swift
 * TomoFFT wrapper (Tests/Benchmarks/FFTBenchmark.swift, runFFTBenchmark()).
 * Same flags as TomoFFT's default: FFTW_ESTIMATE, one thread, out-of-place, new-array execute
 * on fftwf_malloc'ed arrays, plus the 1/N scaling pass TomoFFT applies.
 * Build: gcc -O2 fftw_reference.c -o fftw_reference -lfftw3f -lm
 * Output, one line per size: "fftw_reference n=<n> ms_per_transform=<t>". */
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
    int sizes[] = {64, 84, 128, 256};
    for (int s = 0; s < 4; s++) {
        int n = sizes[s];
        size_t real = (size_t)n * n * n, cplx = (size_t)(n / 2 + 1) * n * n;
        float *in = fftwf_alloc_real(real);
        fftwf_complex *out = fftwf_alloc_complex(cplx);
        fftwf_plan p = fftwf_plan_dft_r2c_3d(n, n, n, in, out, FFTW_ESTIMATE);
        unsigned seed = 1;
        for (size_t i = 0; i < real; i++) { seed = seed * 1103515245u + 12345u; in[i] = (float)(seed >> 8) / 16777216.0f - 0.5f; }
        int reps = n <= 84 ? 50 : (n <= 128 ? 10 : 3);
        fftwf_execute_dft_r2c(p, in, out); /* warm-up */
        double t0 = now_s();
        for (int r = 0; r < reps; r++) {
            fftwf_execute_dft_r2c(p, in, out);
            float scale = 1.0f / (float)real, *f = (float *)out;
            for (size_t i = 0; i < 2 * cplx; i++) f[i] *= scale;
        }
        double ms = (now_s() - t0) * 1000.0 / reps;
        printf("fftw_reference n=%d ms_per_transform=%.4f\n", n, ms);
        fftwf_destroy_plan(p);
        fftwf_free(in);
        fftwf_free(out);
    }
    return 0;
}
