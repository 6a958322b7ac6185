import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/node.description';
import { router } from './actions/router';
import {
	searchAppointmentTypes,
	searchEhrCandidates,
	searchLocations,
	searchPatients,
	searchPractitioners,
} from './methods/listSearch';

export class HeroHealth implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hero Health',
		name: 'heroHealth',
		icon: { light: 'file:../../icons/hero-health.svg', dark: 'file:../../icons/hero-health.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Message patients, book appointments and manage patient records with Hero Health',
		defaults: { name: 'Hero Health' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heroHealthApi', required: true }],
		properties,
	};

	methods = {
		listSearch: { searchAppointmentTypes, searchEhrCandidates, searchLocations, searchPatients, searchPractitioners },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
