// The conjugate-gradient row solver of implicit ALS, compiled once per instruction set (see alskernel.h): the
// build defines TUNESCOUT_ALS_KERNEL_NAME to the function this copy provides and the instruction set through the
// compiler's flags (-mavx2 -mfma, or none: x86-64 always has SSE2). Everything else here has internal linkage, so
// the copies never meet in the linker.
//
// Per row u with stored items i and confidences c_ui, CG solves A x = b with
//   A = YᵀY + λI + Σ_i (c_ui − 1) y_i y_iᵀ   and   b = Σ_i c_ui y_i,
// never forming A: A·p = G·p + Σ_i (c_ui − 1)(y_i·p) y_i, where G = YᵀY + λI is shared by every row.
//
// Nearly all the time goes into that sum over the stored items, the gather. Each y_i is fetched once per product
// and used for its dot product and its update together, four items at a time: the four dot products are independent, so
// the multiply-adds of one never wait for another, and their four horizontal sums share one set of shuffles. The
// rows of the next items are prefetched, since Y is too big for the core's own caches and the items a row stores
// are scattered through it. 32, 64 and 128 factors take that path, with compile-time loop bounds; any other
// count takes a plain loop.

#include "engine/recommend/alskernel.h"

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#ifndef TUNESCOUT_ALS_KERNEL_NAME
#error "alskernel.cpp is compiled through engine/recommend/CMakeLists.txt, which names the kernel"
#endif

namespace engine::recommend::detail
{
namespace
{

// Rows whose residual is this small are solved (the `implicit` library's threshold).
constexpr float ResidualEpsilon = 1e-20f;

// How many stored items ahead the gather prefetches: far enough to cover a load from the shared cache, near
// enough that the rows are still in L1 when their turn comes.
constexpr int PrefetchDistance = 8;

// The vector type of this build and the few operations the gather needs beyond plain arithmetic.
#if defined(__AVX2__) && defined(__FMA__)
#define TUNESCOUT_ALS_SIMD 1
struct Simd {
    using V = __m256;
    static constexpr int Width = 8;
    static V load(const float *p)
    {
        return _mm256_loadu_ps(p);
    }
    static V broadcast(float a)
    {
        return _mm256_set1_ps(a);
    }
    static V mul(V a, V b)
    {
        return _mm256_mul_ps(a, b);
    }
    static V add(V a, V b)
    {
        return _mm256_add_ps(a, b);
    }
    static V fma(V a, V b, V c)
    {
        return _mm256_fmadd_ps(a, b, c);
    }
    static void store(float *p, V a)
    {
        _mm256_storeu_ps(p, a);
    }
    // The horizontal sums of four vectors: pairwise adds within each 128-bit half, then the halves together.
    static __m128 sum4(V a0, V a1, V a2, V a3)
    {
        const __m256 h = _mm256_hadd_ps(_mm256_hadd_ps(a0, a1), _mm256_hadd_ps(a2, a3));
        return _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
    }
    static float sum(V a)
    {
        const __m128 h = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
        const __m128 s = _mm_add_ps(h, _mm_movehl_ps(h, h));
        return _mm_cvtss_f32(_mm_add_ss(s, _mm_shuffle_ps(s, s, 1)));
    }
};
#elif defined(__SSE2__)
#define TUNESCOUT_ALS_SIMD 1
struct Simd {
    using V = __m128;
    static constexpr int Width = 4;
    static V load(const float *p)
    {
        return _mm_loadu_ps(p);
    }
    static V broadcast(float a)
    {
        return _mm_set1_ps(a);
    }
    static V mul(V a, V b)
    {
        return _mm_mul_ps(a, b);
    }
    static V add(V a, V b)
    {
        return _mm_add_ps(a, b);
    }
    static V fma(V a, V b, V c)
    {
        return _mm_add_ps(_mm_mul_ps(a, b), c);
    }
    static void store(float *p, V a)
    {
        _mm_storeu_ps(p, a);
    }
    static __m128 sum4(V a0, V a1, V a2, V a3)
    {
        _MM_TRANSPOSE4_PS(a0, a1, a2, a3);
        return _mm_add_ps(_mm_add_ps(a0, a1), _mm_add_ps(a2, a3));
    }
    static float sum(V a)
    {
        const __m128 s = _mm_add_ps(a, _mm_movehl_ps(a, a));
        return _mm_cvtss_f32(_mm_add_ss(s, _mm_shuffle_ps(s, s, 1)));
    }
};
#endif

template<int F>
struct Width {
    static constexpr int of(int)
    {
        return F;
    }
};
template<>
struct Width<0> {
    static int of(int factors)
    {
        return factors;
    }
};

// 16 independent partial sums, so that the compiler vectorises the loop, summed in a fixed order, so that the
// result depends on nothing but the inputs.
template<int F>
inline float dot(const float *__restrict a, const float *__restrict b, int factors)
{
    const int n = Width<F>::of(factors);
    float acc[16] = {};
    int k = 0;
    for (; k + 16 <= n; k += 16) {
        for (int j = 0; j < 16; ++j) {
            acc[j] += a[k + j] * b[k + j];
        }
    }
    for (int j = 0; j < 8; ++j) {
        acc[j] += acc[j + 8];
    }
    for (int j = 0; j < 4; ++j) {
        acc[j] += acc[j + 4];
    }
    float sum = (acc[0] + acc[2]) + (acc[1] + acc[3]);
    for (; k < n; ++k) {
        sum += a[k] * b[k];
    }
    return sum;
}

template<int F>
inline void axpy(float a, const float *__restrict x, float *__restrict y, int factors)
{
    const int n = Width<F>::of(factors);
    for (int k = 0; k < n; ++k) {
        y[k] += a * x[k];
    }
}

// out = G·v. G is symmetric, so this is Σ_j v_j G_j: whole-row multiply-adds, no horizontal sums.
template<int F>
inline void gramTimes(const float *__restrict gram, const float *__restrict v, float *__restrict out, int factors)
{
    const int n = Width<F>::of(factors);
    for (int k = 0; k < n; ++k) {
        out[k] = 0.0f;
    }
    for (int j = 0; j < n; ++j) {
        axpy<F>(v[j], gram + static_cast<long>(j) * n, out, factors);
    }
}

// The two sums over a row's stored items that CG needs, as one: out += Σ_i w_i y_i with
//   w_i = (c_i − 1)(y_i·v)           for the product A·p (Residual = false), and
//   w_i = c_i − (c_i − 1)(y_i·v)     for the residual b − A·x (Residual = true).
template<bool Residual>
inline float weight(float c, float yv)
{
    return Residual ? c - (c - 1.0f) * yv : (c - 1.0f) * yv;
}

#if defined(TUNESCOUT_ALS_SIMD)
inline void prefetchRow(const float *row, int factors)
{
    const char *bytes = reinterpret_cast<const char *>(row);
    for (int offset = 0; offset < factors * static_cast<int>(sizeof(float)); offset += 64) {
        __builtin_prefetch(bytes + offset);
    }
}

// The vector path: F is a multiple of the vector width, v and out stay in registers.
template<int F, bool Residual>
void gather(const CgHalfStep &step, int first, int last, const float *__restrict v, float *__restrict out)
{
    using V = Simd::V;
    constexpr int N = F / Simd::Width;
    V vv[N];
    V acc[N];
    for (int j = 0; j < N; ++j) {
        vv[j] = Simd::load(v + j * Simd::Width);
        acc[j] = Simd::load(out + j * Simd::Width);
    }
    const int *index = step.innerIndex;
    const float *values = step.values;
    const float *other = step.other;
    const int prefetchEnd = last - PrefetchDistance;

    int e = first;
    for (; e + 4 <= last; e += 4) {
        for (int k = 0; k < 4 && e + k < prefetchEnd; ++k) {
            prefetchRow(other + static_cast<long>(index[e + k + PrefetchDistance]) * F, F);
        }
        const float *y0 = other + static_cast<long>(index[e]) * F;
        const float *y1 = other + static_cast<long>(index[e + 1]) * F;
        const float *y2 = other + static_cast<long>(index[e + 2]) * F;
        const float *y3 = other + static_cast<long>(index[e + 3]) * F;
        V d0 = Simd::mul(Simd::load(y0), vv[0]);
        V d1 = Simd::mul(Simd::load(y1), vv[0]);
        V d2 = Simd::mul(Simd::load(y2), vv[0]);
        V d3 = Simd::mul(Simd::load(y3), vv[0]);
        for (int j = 1; j < N; ++j) {
            d0 = Simd::fma(Simd::load(y0 + j * Simd::Width), vv[j], d0);
            d1 = Simd::fma(Simd::load(y1 + j * Simd::Width), vv[j], d1);
            d2 = Simd::fma(Simd::load(y2 + j * Simd::Width), vv[j], d2);
            d3 = Simd::fma(Simd::load(y3 + j * Simd::Width), vv[j], d3);
        }
        alignas(16) float dots[4];
        _mm_store_ps(dots, Simd::sum4(d0, d1, d2, d3));
        const V w0 = Simd::broadcast(weight<Residual>(values[e], dots[0]));
        const V w1 = Simd::broadcast(weight<Residual>(values[e + 1], dots[1]));
        const V w2 = Simd::broadcast(weight<Residual>(values[e + 2], dots[2]));
        const V w3 = Simd::broadcast(weight<Residual>(values[e + 3], dots[3]));
        for (int j = 0; j < N; ++j) {
            const V s01 =
                Simd::fma(w0, Simd::load(y0 + j * Simd::Width), Simd::mul(w1, Simd::load(y1 + j * Simd::Width)));
            const V s23 =
                Simd::fma(w2, Simd::load(y2 + j * Simd::Width), Simd::mul(w3, Simd::load(y3 + j * Simd::Width)));
            acc[j] = Simd::add(acc[j], Simd::add(s01, s23));
        }
    }
    for (; e < last; ++e) {
        const float *y = other + static_cast<long>(index[e]) * F;
        V d = Simd::mul(Simd::load(y), vv[0]);
        for (int j = 1; j < N; ++j) {
            d = Simd::fma(Simd::load(y + j * Simd::Width), vv[j], d);
        }
        const V w = Simd::broadcast(weight<Residual>(values[e], Simd::sum(d)));
        for (int j = 0; j < N; ++j) {
            acc[j] = Simd::fma(w, Simd::load(y + j * Simd::Width), acc[j]);
        }
    }
    for (int j = 0; j < N; ++j) {
        Simd::store(out + j * Simd::Width, acc[j]);
    }
}
#endif

// Any other factor count, and builds for other processors.
template<bool Residual>
void gatherAnyWidth(const CgHalfStep &step, int first, int last, const float *__restrict v, float *__restrict out)
{
    const int n = step.factors;
    for (int e = first; e < last; ++e) {
        const float *__restrict y = step.other + static_cast<long>(step.innerIndex[e]) * n;
        axpy<0>(weight<Residual>(step.values[e], dot<0>(y, v, n)), y, out, n);
    }
}

template<int F, bool Residual>
inline void gatherRow(const CgHalfStep &step, int first, int last, const float *v, float *out)
{
#if defined(TUNESCOUT_ALS_SIMD)
    if constexpr (F > 0 && F % Simd::Width == 0) {
        gather<F, Residual>(step, first, last, v, out);
        return;
    }
#endif
    gatherAnyWidth<Residual>(step, first, last, v, out);
}

template<int F>
void cgRows(const CgHalfStep &step, int begin, int end, float *scratch)
{
    const int n = Width<F>::of(step.factors);
    constexpr int Stack = F > 0 ? F : 1;
    alignas(64) float stackR[Stack];
    alignas(64) float stackP[Stack];
    alignas(64) float stackAp[Stack];
    float *__restrict r = F > 0 ? stackR : scratch;
    float *__restrict p = F > 0 ? stackP : scratch + n;
    float *__restrict ap = F > 0 ? stackAp : scratch + 2 * n;

    for (int u = begin; u < end; ++u) {
        float *__restrict x = step.solved + static_cast<long>(u) * n;
        const int first = step.outerIndex[u];
        const int last = step.outerIndex[u + 1];
        if (first == last) {
            // With nothing stored the minimum is x = 0 (the reference and `implicit` agree).
            for (int k = 0; k < n; ++k) {
                x[k] = 0.0f;
            }
            continue;
        }

        // r = b − A·x, from the warm start.
        gramTimes<F>(step.gram, x, r, step.factors);
        for (int k = 0; k < n; ++k) {
            r[k] = -r[k];
        }
        gatherRow<F, true>(step, first, last, x, r);
        float rsOld = dot<F>(r, r, step.factors);
        if (rsOld < ResidualEpsilon) {
            continue;
        }
        for (int k = 0; k < n; ++k) {
            p[k] = r[k];
        }

        for (int it = 0; it < step.cgSteps; ++it) {
            gramTimes<F>(step.gram, p, ap, step.factors);
            gatherRow<F, false>(step, first, last, p, ap);
            const float a = rsOld / dot<F>(p, ap, step.factors);
            axpy<F>(a, p, x, step.factors);
            axpy<F>(-a, ap, r, step.factors);
            const float rsNew = dot<F>(r, r, step.factors);
            if (rsNew < ResidualEpsilon) {
                break;
            }
            const float beta = rsNew / rsOld;
            for (int k = 0; k < n; ++k) {
                p[k] = r[k] + beta * p[k];
            }
            rsOld = rsNew;
        }
    }
}

} // namespace

void TUNESCOUT_ALS_KERNEL_NAME(const CgHalfStep &step, int begin, int end, float *scratch)
{
    switch (step.factors) {
    case 32:
        cgRows<32>(step, begin, end, scratch);
        break;
    case 64:
        cgRows<64>(step, begin, end, scratch);
        break;
    case 128:
        cgRows<128>(step, begin, end, scratch);
        break;
    default:
        cgRows<0>(step, begin, end, scratch);
        break;
    }
}

} // namespace engine::recommend::detail
