// The e2e and queue-mode suites run their files in a fixed order, alphabetical by file name (package load
// first: when the nodes do not load, its failure is the one to read). JavaScript, like the jest configs: jest
// loads a test sequencer with a plain require(), which would not compile TypeScript.
const Sequencer = require('@jest/test-sequencer').default;

module.exports = class AlphabeticalSequencer extends Sequencer {
	sort(tests) {
		return [...tests].sort((a, b) => a.path.localeCompare(b.path));
	}
};
