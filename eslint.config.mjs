import { config } from '@n8n/node-cli/eslint';
import tseslint from 'typescript-eslint';

// Shipped code (nodes/, credentials/, package.json) gets n8n's own config for community nodes, the one
// `n8n-node lint` applies: its recommended rules with the n8n Cloud ones, eslint-plugin-n8n-nodes-base's node,
// credential and package.json rules, typescript-eslint and import-x. Dev-only code, which never ships and
// rightly uses Node's APIs, gets typescript-eslint's recommended rules.
const shipped = ['nodes/**/*.ts', 'credentials/**/*.ts'];
const devOnly = ['standin/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'];

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.n8n-e2e/**', '*.js', '*.mjs'] },
	...config.map((block) => (block.files?.includes('**/*.ts') ? { ...block, files: shipped } : block)),
	...tseslint.configs.recommended.map((block) => ({ ...block, files: devOnly })),
	{
		files: devOnly,
		rules: {
			// `const { field, ...rest } = record` is how a view leaves a field out
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	},
];
