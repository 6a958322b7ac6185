import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PageOptions } from '../transport/request';
import { anyOfFilterNames } from './common.descriptions';
import {
	calendarDateProblem,
	dateOfBirthProblem,
	nhsNumberDigits,
	nhsNumberProblem,
	nonEmptyProblem,
	notTextProblem,
	numericIdProblem,
	plainDate,
	positiveWholeNumberProblem,
	refuseInvalid,
} from '../validation';

/** A patient picker's value (list, ID or plain expression), refused unless it is a numeric Hero ID. */
export function readPatientId(this: IExecuteFunctions, itemIndex: number, name = 'patientId', field = 'Patient'): string {
	return readNumericId.call(this, itemIndex, name, field);
}

/** The Return All / Limit pair from `returnAllOrLimit`; a Limit that is not a whole number of at least 1 is refused. */
export function readPageOptions(this: IExecuteFunctions, itemIndex: number): PageOptions {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return { returnAll };
	const limit = this.getNodeParameter('limit', itemIndex, 50);
	refuseInvalid.call(this, itemIndex, 'Limit', positiveWholeNumberProblem(limit));
	return { returnAll, limit: Number(limit) };
}

function pickerValue(this: IExecuteFunctions, itemIndex: number, name: string): string {
	return String(this.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
}

/** Any other numeric Hero ID, from a picker or a plain field (appointment type, location, practitioner, appointment). */
export function readNumericId(this: IExecuteFunctions, itemIndex: number, name: string, field: string): string {
	const value = pickerValue.call(this, itemIndex, name);
	refuseInvalid.call(this, itemIndex, field, numericIdProblem(value));
	return value;
}

/** The IDs picked in the Filters' `anyOfFilter(locator)`, each refused unless numeric. */
export function readFilterIds(
	this: IExecuteFunctions,
	itemIndex: number,
	filters: IDataObject,
	locator: INodeProperties,
): string[] {
	const { name, itemName } = anyOfFilterNames(locator);
	const picked = ((filters[name] as IDataObject | undefined)?.[itemName] as unknown[] | undefined) ?? [];
	return picked.map((_, index) =>
		readNumericId.call(this, itemIndex, `filters.${name}.${itemName}[${index}].${locator.name}`, locator.displayName),
	);
}

/** An optional numeric ID picker: empty means "not given" (undefined); anything else must be digits. */
export function readOptionalNumericId(
	this: IExecuteFunctions,
	itemIndex: number,
	name: string,
	field: string,
): string | undefined {
	return pickerValue.call(this, itemIndex, name) ? readNumericId.call(this, itemIndex, name, field) : undefined;
}

/** An NHS number, refused unless it passes the check digit; returns its 10 digits. */
export function checkedNhsNumber(this: IExecuteFunctions, itemIndex: number, raw: unknown, field = 'NHS Number'): string {
	refuseInvalid.call(this, itemIndex, field, nhsNumberProblem(raw));
	return nhsNumberDigits(raw);
}

/** A date of birth, refused unless a real date not in the future; returns YYYY-MM-DD. */
export function checkedDateOfBirth(this: IExecuteFunctions, itemIndex: number, raw: unknown, field = 'Date of Birth'): string {
	refuseInvalid.call(this, itemIndex, field, dateOfBirthProblem(raw));
	return plainDate(raw);
}

/** An optional calendar day as Hero's plain YYYY-MM-DD, checked first; undefined when not given. */
export function readCalendarDay(this: IExecuteFunctions, itemIndex: number, value: unknown, field: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	refuseInvalid.call(this, itemIndex, field, calendarDateProblem(value));
	return plainDate(value);
}

/** From Date and To Date as plain calendar days, each left out when empty; a To Date before the From Date is refused. */
export function readDateRange(
	this: IExecuteFunctions,
	itemIndex: number,
	given: { fromDate?: unknown; toDate?: unknown },
): { from?: string; to?: string } {
	const from = readCalendarDay.call(this, itemIndex, given.fromDate, 'From Date');
	const to = readCalendarDay.call(this, itemIndex, given.toDate, 'To Date');
	if (from && to && to < from) refuseInvalid.call(this, itemIndex, 'To Date', `${to} is before From Date ${from}`);
	return { from, to };
}

/**
 * Options Hero takes as they are, renamed to Hero's fields (`fields`: option name → Hero field).
 * Text is trimmed; an option left empty is left out.
 */
export function heroFieldsFrom(options: IDataObject, fields: Record<string, string>): IDataObject {
	const body: IDataObject = {};
	for (const [option, heroField] of Object.entries(fields)) {
		const value = typeof options[option] === 'string' ? (options[option] as string).trim() : options[option];
		if (value !== undefined && value !== null && value !== '') body[heroField] = value;
	}
	return body;
}

/** A required text parameter (or a picker's value), trimmed; refused when empty or not text. */
export function readRequiredText(this: IExecuteFunctions, itemIndex: number, name: string, field: string): string {
	const raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true });
	refuseInvalid.call(this, itemIndex, field, notTextProblem(raw));
	const value = String(raw ?? '').trim();
	refuseInvalid.call(this, itemIndex, field, nonEmptyProblem(value));
	return value;
}
