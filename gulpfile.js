const fs = require('fs');
const { src, dest, parallel } = require('gulp');

// Icons are referenced as file:../icons/... from dist/credentials and file:../../icons/... from dist/nodes/*,
// so they land in dist/icons beside them.
function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

// n8n reads each node's codex (<Name>.node.json) from beside its compiled .js file.
function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:icons'] = parallel(copyIcons, copyCodex);

// A build starts from an empty dist/: compiled leftovers of deleted sources would otherwise be packed.
exports.clean = async function clean() {
	fs.rmSync('dist', { recursive: true, force: true });
};
