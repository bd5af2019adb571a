// Clang thread-safety annotations; empty under other compilers.
#pragma once

#if defined(__clang__)
#define MYRIAD_TSA(x) __attribute__((x))
#else
#define MYRIAD_TSA(x)
#endif

#define CAPABILITY(x) MYRIAD_TSA(capability(x))
#define SCOPED_CAPABILITY MYRIAD_TSA(scoped_lockable)
#define GUARDED_BY(x) MYRIAD_TSA(guarded_by(x))
#define PT_GUARDED_BY(x) MYRIAD_TSA(pt_guarded_by(x))
#define REQUIRES(...) MYRIAD_TSA(requires_capability(__VA_ARGS__))
#define REQUIRES_SHARED(...) MYRIAD_TSA(requires_shared_capability(__VA_ARGS__))
#define ACQUIRE(...) MYRIAD_TSA(acquire_capability(__VA_ARGS__))
#define ACQUIRE_SHARED(...) MYRIAD_TSA(acquire_shared_capability(__VA_ARGS__))
#define RELEASE(...) MYRIAD_TSA(release_capability(__VA_ARGS__))
#define RELEASE_SHARED(...) MYRIAD_TSA(release_shared_capability(__VA_ARGS__))
#define RELEASE_GENERIC(...) MYRIAD_TSA(release_generic_capability(__VA_ARGS__))
#define EXCLUDES(...) MYRIAD_TSA(locks_excluded(__VA_ARGS__))
#define NO_THREAD_SAFETY_ANALYSIS MYRIAD_TSA(no_thread_safety_analysis)
