/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every benchmarked parser does with its result, so none of them can
 * be optimized into nothing and all do the same work: store
 * BENCH_RESULT(l4 proto, dport) of the innermost parsed L4 header into the
 * global bench_result (a direct store into the object's .bss map, no helper
 * call). The harness checks it after every measurement, so a parser that
 * bails out early is caught instead of timed.
 */
#ifndef BENCH_PARSE_RESULT_H
#define BENCH_PARSE_RESULT_H

/* dport in host order; BENCH_BAD: the parser gave up */
#define BENCH_RESULT(proto, dport) (((__u32)(proto) << 16) | (dport))
#define BENCH_BAD		   0xffffffffU

#endif /* BENCH_PARSE_RESULT_H */
