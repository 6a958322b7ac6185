import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { heroRequest } from '../transport/request';
import { heroPaths } from '../transport/paths';
import { nhsNumberDigits } from '../validation';

const PICKER_PAGE_SIZE = 50;

interface HeroPage {
	data?: IDataObject[];
	count?: number;
}

/** Hero pages from 0; n8n hands back whatever token we returned last time. */
async function pickerPage(
	this: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	paginationToken: string | undefined,
): Promise<{ records: IDataObject[]; paginationToken?: string }> {
	const pageIndex = Number(paginationToken ?? 0) || 0;
	const page = (await heroRequest.call(this, {
		method: 'GET',
		path,
		qs: { ...qs, page_index: pageIndex, page_size: PICKER_PAGE_SIZE },
	})) as HeroPage;
	const records = Array.isArray(page.data) ? page.data : [];
	const seen = pageIndex * PICKER_PAGE_SIZE + records.length;
	const more = records.length === PICKER_PAGE_SIZE && (typeof page.count !== 'number' || seen < page.count);
	return { records, paginationToken: more ? String(pageIndex + 1) : undefined };
}

/** A typed filter becomes v3 search terms: digits → NHS number, "first last" → both names, one word → surname. */
export function patientSearchTerms(filter: string): IDataObject {
	const text = filter.trim();
	const digits = nhsNumberDigits(text);
	if (/^\d{10}$/.test(digits)) return { nhs_number: digits };
	const words = text.split(/\s+/);
	if (words.length >= 2) return { first_name: words[0], last_name: words.slice(1).join(' ') };
	return { last_name: text };
}

export async function searchPatients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { records, paginationToken: next } = filter?.trim()
		? await pickerPage.call(this, heroPaths.patientsV3, patientSearchTerms(filter), paginationToken)
		: await pickerPage.call(this, heroPaths.patients, {}, paginationToken);
	return {
		results: records.map((patient) => {
			const name = [patient.first_name, patient.last_name].filter(Boolean).join(' ') || 'Unnamed patient';
			const born = patient.dob ? `, born ${String(patient.dob).slice(0, 10)}` : '';
			const nhs = patient.nhs_number ? ` (NHS ${String(patient.nhs_number)})` : '';
			return { name: `${name}${nhs}${born}`, value: String(patient.hero_id ?? patient.id) };
		}),
		paginationToken: next,
	};
}

/**
 * Hero has no name search on these short lists, so the typed filter is matched here, page by
 * page; pages with no match are skipped so the picker never shows an empty page while more remain.
 */
async function searchByName(
	this: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	labelOf: (record: IDataObject) => string,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	let token = paginationToken;
	for (;;) {
		const page = await pickerPage.call(this, path, qs, token);
		const results = page.records
			.map((record) => ({ name: labelOf(record), value: String(record.id) }))
			.filter((result) => result.name.toLowerCase().includes(needle));
		token = page.paginationToken;
		if (results.length > 0 || token === undefined) return { results, paginationToken: token };
	}
}

export async function searchAppointmentTypes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const label = (type: IDataObject) =>
		type.duration ? `${String(type.name)} (${String(type.duration)} min)` : String(type.name ?? `Type ${String(type.id)}`);
	return await searchByName.call(this, heroPaths.appointmentTypes, {}, label, filter, paginationToken);
}

export async function searchLocations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const label = (location: IDataObject) => String(location.name ?? `Location ${String(location.id)}`);
	return await searchByName.call(this, heroPaths.locations, {}, label, filter, paginationToken);
}

/** Practitioners are Hero admin users; their email tells two people of the same name apart. */
export async function searchPractitioners(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const label = (admin: IDataObject) => {
		const name = [admin.first_name, admin.last_name].filter(Boolean).join(' ') || `Admin ${String(admin.id)}`;
		return admin.email ? `${name} (${String(admin.email)})` : name;
	};
	return await searchByName.call(this, heroPaths.admins, { order_by: 'first_name' }, label, filter, paginationToken);
}

/** The EHR candidates of the patient chosen above; the value is the candidate's ehr_partner_id. */
export async function searchEhrCandidates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const patientId = String(this.getCurrentNodeParameter('patientId', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(patientId)) return { results: [] };
	const page = await pickerPage.call(this, heroPaths.patientEhrCandidates(patientId), {}, paginationToken);
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = page.records
		.filter((candidate) => candidate.ehr_partner_id)
		.map((candidate) => {
			const name = [candidate.first_name, candidate.last_name].filter(Boolean).join(' ') || 'Unnamed record';
			const born = candidate.dob ? `, born ${String(candidate.dob).slice(0, 10)}` : '';
			return { name: `${name}${born} (${String(candidate.ehr_partner_id)})`, value: String(candidate.ehr_partner_id) };
		})
		.filter((result) => result.name.toLowerCase().includes(needle));
	return { results, paginationToken: page.paginationToken };
}
