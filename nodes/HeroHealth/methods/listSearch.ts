import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { heroPaths, heroRequestPage } from '../transport/request';
import { nhsNumberDigits } from '../validation';

const PICKER_PAGE_SIZE = 50;

/** One page of a Hero list; the pagination token is the next page_index, which n8n hands back for the next page. */
async function pickerPage(
	this: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject,
	paginationToken: string | undefined,
): Promise<{ records: IDataObject[]; paginationToken?: string }> {
	const index = Number(paginationToken ?? 0) || 0;
	const { records, more } = await heroRequestPage.call(this, { method: 'GET', path, qs }, { index, size: PICKER_PAGE_SIZE });
	return { records, paginationToken: more ? String(index + 1) : undefined };
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

/**
 * The numeric ID already chosen in another picker of this node (top level, or among Update Fields),
 * so a list can offer only what fits it; none while that picker is empty or holds an expression.
 */
function chosenId(this: ILoadOptionsFunctions, name: string): string | undefined {
	for (const path of [name, `updateFields.${name}`]) {
		const value = this.getCurrentNodeParameter(path) as { value?: unknown } | string | undefined;
		// Our pickers have only From List and By ID modes, whose value is the ID itself.
		const id = String((typeof value === 'object' ? value?.value : value) ?? '').trim();
		if (/^\d+$/.test(id)) return id;
	}
	return undefined;
}

/** Only the locations that offer the appointment type chosen above, when one is. */
export async function searchLocations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const typeId = chosenId.call(this, 'appointmentTypeId');
	const qs: IDataObject = typeId ? { appointment_type_ids: [typeId] } : {};
	const label = (location: IDataObject) => String(location.name ?? `Location ${String(location.id)}`);
	return await searchByName.call(this, heroPaths.locations, qs, label, filter, paginationToken);
}

/** Only the practitioners at the location and for the appointment type chosen above, when they are. */
export async function searchPractitioners(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const locationId = chosenId.call(this, 'locationId');
	const typeId = chosenId.call(this, 'appointmentTypeId');
	const qs: IDataObject = {};
	if (locationId) qs.location_ids = [locationId];
	if (typeId) qs.appointment_type_ids = [typeId];
	const label = (practitioner: IDataObject) => {
		const name =
			[practitioner.first_name, practitioner.last_name].filter(Boolean).join(' ') || `Practitioner ${String(practitioner.id)}`;
		return practitioner.type ? `${name} (${String(practitioner.type)})` : name;
	};
	return await searchByName.call(this, heroPaths.practitioners, qs, label, filter, paginationToken);
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
