#pragma once

// The hot loop of ALS training: conjugate-gradient updates of a block of rows. alskernel.cpp is compiled twice —
// once for baseline x86-64 and once with AVX2 and FMA — and als.cpp picks one at run time, so that the packages
// run on any x86-64 while machines that have AVX2 get twice the vector width. This header and the kernel use
// nothing but plain pointers: an inline function or template shared by both builds (Eigen, the standard
// containers) could be merged by the linker into its AVX2 copy and then crash a baseline machine.

namespace engine::recommend::detail
{

// One half-iteration: solve the rows of the CSR confidence matrix for fixed `other` factors.
struct CgHalfStep {
    const int *outerIndex; // rows + 1 offsets into innerIndex/values
    const int *innerIndex; // column (row of `other`) of each stored confidence
    const float *values; // the confidences C
    const float *other; // the fixed factors, row-major, `factors` floats per row
    const float *gram; // otherᵀ·other + regularization·I, factors × factors, row-major
    float *solved; // the factors being solved, row-major; warm start in, result out
    int factors;
    int cgSteps;
};

// Updates rows [begin, end). `scratch` holds 3 × factors floats (used only when factors is not 32, 64 or 128).
using CgRowsKernel = void (*)(const CgHalfStep &step, int begin, int end, float *scratch);

void cgRowsBaseline(const CgHalfStep &step, int begin, int end, float *scratch);
void cgRowsAvx2(const CgHalfStep &step, int begin, int end, float *scratch);

// Whether this processor runs cgRowsAvx2 (it has AVX2 and FMA); training uses it when it does. In als.cpp.
bool cpuHasAvx2();

} // namespace engine::recommend::detail
