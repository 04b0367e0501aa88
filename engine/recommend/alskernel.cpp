// The conjugate-gradient row solver of implicit ALS, compiled once per instruction set (see alskernel.h): the
// build defines TUNESCOUT_ALS_KERNEL_NAME to the function this copy provides. Everything else here has internal
// linkage, so the two copies never meet in the linker.
//
// Per row u with stored items i and confidences c_ui, CG solves A x = b with
//   A = YᵀY + λI + Σ_i (c_ui − 1) y_i y_iᵀ   and   b = Σ_i c_ui y_i,
// never forming A: A·p = G·p + Σ_i (c_ui − 1)(y_i·p) y_i, where G = YᵀY + λI is shared by every row. The gather
// of y_i is fused: each y_i is read once per product, for its dot product and its update together. Fixed factor
// counts (32, 64, 128) get compile-time loop bounds, which the compiler fully unrolls and vectorises.

#include "engine/recommend/alskernel.h"

#ifndef TUNESCOUT_ALS_KERNEL_NAME
#error "alskernel.cpp is compiled through engine/recommend/CMakeLists.txt, which names the kernel"
#endif

namespace engine::recommend::detail
{
namespace
{

// Rows whose residual is this small are solved (the `implicit` library's threshold).
constexpr float ResidualEpsilon = 1e-20f;

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

// 16 independent partial sums: enough parallel chains to hide the latency of the multiply-adds. Summed in a fixed
// order, so the result does not depend on anything but the inputs.
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

// out = G·v, G row-major.
template<int F>
inline void gramTimes(const float *__restrict gram, const float *__restrict v, float *__restrict out, int factors)
{
    const int n = Width<F>::of(factors);
    for (int j = 0; j < n; ++j) {
        out[j] = dot<F>(gram + static_cast<long>(j) * n, v, factors);
    }
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
        for (int e = first; e < last; ++e) {
            const float *__restrict y = step.other + static_cast<long>(step.innerIndex[e]) * n;
            const float c = step.values[e];
            axpy<F>(c - (c - 1.0f) * dot<F>(y, x, step.factors), y, r, step.factors);
        }
        float rsOld = dot<F>(r, r, step.factors);
        if (rsOld < ResidualEpsilon) {
            continue;
        }
        for (int k = 0; k < n; ++k) {
            p[k] = r[k];
        }

        for (int it = 0; it < step.cgSteps; ++it) {
            gramTimes<F>(step.gram, p, ap, step.factors);
            for (int e = first; e < last; ++e) {
                const float *__restrict y = step.other + static_cast<long>(step.innerIndex[e]) * n;
                axpy<F>((step.values[e] - 1.0f) * dot<F>(y, p, step.factors), y, ap, step.factors);
            }
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
