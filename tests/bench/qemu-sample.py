#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Sampling profiler for a guest under QEMU TCG, from the host side.

Reads the guest's instruction pointer through QEMU's human monitor (a unix
socket: kernel/vm's MCTP_VM_MONITOR) between the console markers
PROFILE-START and PROFILE-STOP, then names each sample after the kernel
symbol it falls in. Kernel symbols come from the kernel's System.map (the
test kernels are built without KASLR); module symbols from console lines
"KSYM <address> <type> <name> [<module>]" (the guest prints its
/proc/kallsyms module lines with that prefix). perf in the guest cannot
sample under TCG, which is why this exists.

  qemu-sample.py MONITOR_SOCKET CONSOLE_LOG --pid PID [--top N] [--interval MS]

PID is the process running the VM (kernel/vm): while it lives, the sampler
waits for the monitor and for the start marker.
"""
import argparse
import bisect
import collections
import os
import re
import socket
import sys
import time


def console_text(path):
    try:
        with open(path, errors='replace') as f:
            return f.read()
    except FileNotFoundError:
        return ''


def alive(pid):
    """Whether @pid runs (a finished child not yet reaped counts as gone)."""
    try:
        with open(f'/proc/{pid}/stat') as f:
            return f.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except (FileNotFoundError, IndexError):
        return False


class Monitor:
    def __init__(self, path, pid):
        self.sock = socket.socket(socket.AF_UNIX)
        while True:
            try:
                self.sock.connect(path)
                break
            except OSError:
                if not alive(pid):
                    sys.exit(f'qemu-sample: the VM ended without a monitor at {path}')
                time.sleep(0.05)
        self.buf = b''
        self.command(None)

    def command(self, line):
        if line:
            self.sock.sendall(line.encode() + b'\n')
        while b'(qemu) ' not in self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError
            self.buf += data
        reply, _, self.buf = self.buf.partition(b'(qemu) ')
        return reply.decode(errors='replace')


def sample(mon, console, interval, pid):
    """(rip, cpl, halted) samples between the two markers."""
    while 'PROFILE-START' not in console_text(console):
        if not alive(pid):
            return []
        time.sleep(0.1)
    samples, checked = [], time.monotonic()
    while True:
        try:
            regs = mon.command('info registers')
        except (EOFError, OSError):
            break
        rip = re.search(r'RIP=([0-9a-f]+)', regs)
        cpl = re.search(r'CPL=(\d)', regs)
        hlt = re.search(r'HLT=(\d)', regs)
        if rip:
            samples.append((int(rip.group(1), 16), int(cpl.group(1)) if cpl else 0,
                            bool(hlt and hlt.group(1) == '1')))
        if time.monotonic() - checked > 0.5:
            checked = time.monotonic()
            if 'PROFILE-STOP' in console_text(console):
                break
        time.sleep(interval)
    return samples


def symbols(console):
    text = console_text(console)
    m = re.search(r'booting the \S+ kernel \((\S+)\)', text)
    if not m:
        sys.exit('qemu-sample: the console log does not name the kernel directory')
    syms = []
    with open(os.path.join(m.group(1), 'System.map')) as f:
        for line in f:
            addr, kind, name = line.split()[:3]
            if kind in 'tTwW':
                syms.append((int(addr, 16), name))
    for m in re.finditer(r'^KSYM ([0-9a-f]+) [tT] (\S+)\s+\[(\S+)\]', text, re.M):
        syms.append((int(m.group(1), 16), f'{m.group(2)} [{m.group(3)}]'))
    syms.sort()
    return syms


def group(name):
    """Which part of the system a symbol belongs to."""
    m = re.search(r'\[(\S+)\]$', name)
    if m:
        return m.group(1)
    if name.startswith('mctp_i2c'):
        return 'mctp-i2c (built in)'
    if name.startswith('mctp_'):
        return 'mctp (built in)'
    return name if name.startswith('(') else 'rest of the kernel'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('monitor')
    ap.add_argument('console')
    ap.add_argument('--pid', type=int, required=True)
    ap.add_argument('--top', type=int, default=40)
    ap.add_argument('--interval', type=float, default=2.0, help='ms between samples')
    args = ap.parse_args()

    mon = Monitor(args.monitor, args.pid)
    samples = sample(mon, args.console, args.interval / 1000, args.pid)
    if not samples:
        sys.exit('qemu-sample: no samples (did the guest print PROFILE-START?)')
    syms = symbols(args.console)
    addrs = [a for a, _ in syms]

    def name(rip, cpl, halted):
        if halted:
            return '(idle)'
        if cpl == 3:
            return '(user)'
        i = bisect.bisect_right(addrs, rip) - 1
        return syms[i][1] if i >= 0 else f'{rip:#x}'

    counts = collections.Counter(name(*s) for s in samples)
    groups = collections.Counter()
    for sym, n in counts.items():
        groups[group(sym)] += n
    total = len(samples)
    print(f'{total} samples')
    print('by part:')
    for g, n in groups.most_common():
        print(f'  {100 * n / total:6.2f}%  {g}')
    print(f'top {args.top} symbols:')
    for sym, n in counts.most_common(args.top):
        print(f'  {100 * n / total:6.2f}%  {n:6d}  {sym}')


if __name__ == '__main__':
    main()
