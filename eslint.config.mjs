import { config } from '@n8n/node-cli/eslint';

// n8n's own config for community nodes, the one `n8n-node lint` applies (its recommended rules with the n8n Cloud
// ones, eslint-plugin-n8n-nodes-base's node, credential and package.json rules, typescript-eslint, import-x).
// `n8n-node lint` lints the whole folder, so the dev-only code that never ships (the stand-in, the tests, the
// benches and scripts, which rightly use Node's APIs) is left out here: what remains is what `npm pack` ships.
export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'standin/**', 'bench/**', 'scripts/**', '*.js', '*.mjs'] },
	...config,
];
