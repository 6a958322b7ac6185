import type { INodeProperties } from 'n8n-workflow';

import * as appointment from './appointment';
import * as appointmentType from './appointmentType';
import * as batchMessage from './batchMessage';
import * as formResponse from './formResponse';
import * as link from './link';
import * as location from './location';
import * as message from './message';
import * as patient from './patient';
import * as practiceGroup from './practiceGroup';
import * as practitioner from './practitioner';
import * as slot from './slot';
import type { HeroOperation } from './types';

export const heroResources: Record<string, { description: INodeProperties[]; operations: Record<string, HeroOperation> }> = {
	appointment,
	appointmentType,
	batchMessage,
	formResponse,
	link,
	location,
	message,
	patient,
	practiceGroup,
	practitioner,
	slot,
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Appointment', value: 'appointment' },
			{ name: 'Appointment Type', value: 'appointmentType' },
			{ name: 'Batch Message', value: 'batchMessage' },
			{ name: 'Form Response', value: 'formResponse' },
			{ name: 'Link', value: 'link' },
			{ name: 'Location', value: 'location' },
			{ name: 'Message', value: 'message' },
			{ name: 'Patient', value: 'patient' },
			{ name: 'Practice Group', value: 'practiceGroup' },
			{ name: 'Practitioner', value: 'practitioner' },
			{ name: 'Slot', value: 'slot' },
		],
		default: 'practiceGroup',
	},
	...Object.values(heroResources).flatMap((resource) => resource.description),
];
