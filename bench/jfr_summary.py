#!/usr/bin/env python3
"""Where a JFR recording of the gateway spends its CPU (jdk.ExecutionSample), as shares of all samples.

    bench/jfr_summary.py bench/results/<ts>.jfr                     top frames and packages (self time)
    bench/jfr_summary.py <ts>.jfr --inclusive Json.write WriteBatcher  samples whose stack holds each marker
    bench/jfr_summary.py <ts>.jfr --callers Scopes.scopeMatches        the frames below a frame, 5 deep
    bench/jfr_summary.py <ts>.jfr --proxies                            ArC client-proxy lookups, per bean

Stacks are read whole: `jfr print` keeps only the top 5 frames unless told otherwise, and bench/run.sh
records up to 512 (`--jfr`), so "who called Jackson" has an answer.
"""
import argparse
import collections
import json
import os
import subprocess


def stacks(recording):
    jfr = os.path.join(os.environ.get('JAVA_HOME', '/usr/lib/jvm/temurin-25-jdk-amd64'), 'bin', 'jfr')
    out = subprocess.run([jfr, 'print', '--stack-depth', '512', '--json', '--events', 'jdk.ExecutionSample',
                          recording], capture_output=True, text=True, check=True).stdout
    result = []
    for event in json.loads(out)['recording']['events']:
        trace = event['values'].get('stackTrace')
        frames = trace['frames'] if trace else []
        result.append([f"{f['method']['type']['name'].replace('/', '.')}.{f['method']['name']}" for f in frames])
    return result


def share(count, total):
    return f'{100 * count / total:5.1f}%'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('recording')
    parser.add_argument('--inclusive', nargs='+', metavar='MARKER')
    parser.add_argument('--callers', metavar='FRAME')
    parser.add_argument('--depth', type=int, default=5)
    parser.add_argument('--proxies', action='store_true')
    parser.add_argument('--top', type=int, default=30)
    args = parser.parse_args()
    all_stacks = stacks(args.recording)
    total = len(all_stacks)
    print(f'{total} samples')
    if args.inclusive:
        for marker in args.inclusive:
            print(share(sum(1 for s in all_stacks if any(marker in f for f in s)), total), marker)
    elif args.callers:
        below = collections.Counter()
        for s in all_stacks:
            at = next((i for i, f in enumerate(s) if args.callers in f), None)
            if at is not None:
                below[' < '.join(s[at:at + args.depth])] += 1
        for path, count in below.most_common(args.top):
            print(share(count, total), path)
    elif args.proxies:
        beans = collections.Counter()
        for s in all_stacks:
            proxy = next((f for f in s if f.endswith('.arc$delegate')), None)
            if proxy:
                beans[proxy.removesuffix('.arc$delegate')] += 1
        print(share(sum(beans.values()), total), 'all client-proxy lookups')
        for bean, count in beans.most_common(args.top):
            print(share(count, total), bean)
    else:
        frames = collections.Counter(s[0] for s in all_stacks if s)
        packages = collections.Counter('.'.join(s[0].split('.')[:3]) for s in all_stacks if s)
        print('-- self time by frame')
        for frame, count in frames.most_common(args.top):
            print(share(count, total), frame)
        print('-- self time by package')
        for package, count in packages.most_common(args.top):
            print(share(count, total), package)


if __name__ == '__main__':
    main()
