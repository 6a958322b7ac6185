'use strict';
// Local stand-in of the Hero Health Public API (see README.md in this folder).
const { startStandin, DEFAULTS } = require('./server');
const { signature } = require('./webhooks');
const { loadContract, contractViolations } = require('./contract');

module.exports = { startStandin, DEFAULTS, signWebhook: signature, loadContract, contractViolations };
