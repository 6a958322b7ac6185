// A local mailbox for the email the examples send staff (n8n's Send Email node): an SMTP server on 127.0.0.1
// that accepts any message, parses it and appends it as one JSON line to a file. The e2e suite reads that file;
// `npm run dev` prints each message. Nothing leaves the machine.
import * as fs from 'fs';
import type { AddressInfo } from 'net';
import * as path from 'path';

import { simpleParser } from 'mailparser';
import type { AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import type { CredentialDocument } from './n8n';

/** One message as received: who it was for, when it arrived, and its text. */
export interface CaughtMail {
	receivedAt: string;
	from: string;
	to: string[];
	subject: string;
	text: string;
	html: string;
}

export interface Mailbox {
	port: number;
	file: string;
	close(): Promise<void>;
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
	(Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

/** Starts the mailbox; `onMail` sees each message after it is written. */
export async function startMailbox(file: string, onMail?: (mail: CaughtMail) => void, port = 0): Promise<Mailbox> {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, '');
	const server = new SMTPServer({
		// plain SMTP without login: the local n8n's credential sends neither STARTTLS nor a user
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((parsed) => {
					const mail: CaughtMail = {
						receivedAt: new Date().toISOString(),
						from: addresses(parsed.from)[0] ?? '',
						to: addresses(parsed.to),
						subject: parsed.subject ?? '',
						text: parsed.text ?? '',
						html: typeof parsed.html === 'string' ? parsed.html : '',
					};
					// written before SMTP answers, so a message is in the file once the sending node has finished
					fs.appendFileSync(file, `${JSON.stringify(mail)}\n`);
					onMail?.(mail);
					callback();
				})
				.catch(callback);
		},
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	const address = server.server.address() as AddressInfo;
	return {
		port: address.port,
		file,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** Every message the mailbox at `file` has caught, oldest first. */
export function readMailbox(file: string): CaughtMail[] {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as CaughtMail);
}

/** The SMTP credential the examples' Send Email nodes get on the local instances. */
export function mailboxCredential(port: number): CredentialDocument {
	return {
		id: 'LocalMailbox0001',
		name: 'Local mailbox (catches staff email)',
		type: 'smtp',
		data: { host: '127.0.0.1', port, secure: false, disableStartTls: true, user: '', password: '' },
	};
}
