"""Lines of the stack benchmark's report from flood's and rtt's JSON.

report.py alone FLOOD
report.py server LABEL FLOOD RTT [KERNEL_FLOOD KERNEL_RTT]
report.py floor RTT KERNEL_RTT...
"""
import json
import os
import sys


def k(pps):
    return '%.0fk' % (pps / 1e3)


def alone(f):
    m = f['max']
    print('  generator alone:    %s frames/s offered (the peer\'s XDP drop '
          'took %s/s, veth refused %s/s)' % (
              k(m['offered_pps']), k(m['delivered_pps']), k(m['refused_pps'])))


def server(label, f, r, kf=None, kr=None):
    p, o = f['peak'], f['overload']
    print('  %-19s %s echoes/s at best (offered %s/s, veth refused %s/s), '
          'RTT p50 %.1f us p99 %.1f us' % (
              label, k(p['echo_pps']), k(p['offered_pps']),
              k(p['refused_pps']), r['p50_us'], r['p99_us']))
    print('  %-19s %s echoes/s overloaded (offered %s/s, veth refused %s/s)'
          % ('', k(o['echo_pps']), k(o['offered_pps']), k(o['refused_pps'])))
    # the server is the limit when it answered clearly less than it was
    # offered at its best step or later; else the generator may be
    if f['generator_behind'] or o['echo_pps'] > 0.9 * o['offered_pps']:
        print('    WARNING: the server was not saturated: the generator '
              'may be the limit')
    if kf is None:
        return
    s, b = p['echo_pps'] / kf['peak']['echo_pps'], r['p50_us'] / kr['p50_us']
    print('    ratio vs kernel: %.2fx echo pps (target >= 2x: %s), '
          'RTT p50 %.2fx (target <= 0.5x: %s)' % (
              s, 'met' if s >= 2 else 'MISSED',
              b, 'met' if b <= 0.5 else 'MISSED'))
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(
        __file__)), '..'))
    import result
    result.record('stack echo capacity (%s) vs the kernel server' % label.rstrip(':'),
                  p['echo_pps'], kf['peak']['echo_pps'], '>=', 2.0, 'pps')
    # the kernel server waits as the stack does (spin, or busy-poll)
    result.record('stack echo RTT p50 (%s) vs the kernel server' % label.rstrip(':'),
                  r['p50_us'], kr['p50_us'], '<=', 0.5, 'us')


def floor(r, *krs):
    """An XDP_TX reflector's RTT: what no server on A can go below."""
    print('  XDP_TX reflector (no server: the reply built in XDP on A): RTT '
          'p50 %.1f us p99 %.1f us' % (r['p50_us'], r['p99_us']))
    for kr in krs:
        print('    = %.2fx the kernel server\'s p50 of %.1f us: the RTT goal '
              '(<= 0.5x, %.1f us) is %s for any server on A' % (
                  r['p50_us'] / kr['p50_us'], kr['p50_us'],
                  kr['p50_us'] / 2,
                  'below this floor, so out of reach' if
                  r['p50_us'] > kr['p50_us'] / 2 else 'above this floor'))


def main(argv):
    docs = [json.loads(a) for a in argv[2:]] if argv[1] in ('alone', 'floor') \
        else [json.loads(a) for a in argv[3:]]
    if argv[1] == 'alone':
        alone(*docs)
    elif argv[1] == 'floor':
        floor(*docs)
    else:
        server(argv[2], *docs)


if __name__ == '__main__':
    main(sys.argv)
