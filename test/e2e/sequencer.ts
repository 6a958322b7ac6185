'use strict';
// Runs the e2e files in a fixed order: package load, examples, trigger (alphabetical by file name).
const Sequencer = require('@jest/test-sequencer').default;

module.exports = class AlphabeticalSequencer extends Sequencer {
	sort(tests) {
		return [...tests].sort((a, b) => a.path.localeCompare(b.path));
	}
};
