// ts-node for the benchmarks, preferring .ts over a same-named file: `HeroHealth.node` must load
// HeroHealth.node.ts, not the codex file HeroHealth.node.json next to it.
require('ts-node').register({ transpileOnly: true, preferTsExts: true });
