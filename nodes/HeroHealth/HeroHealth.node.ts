import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import * as appointmentBook from './actions/appointment/book.operation';
import * as appointmentCancel from './actions/appointment/cancel.operation';
import * as appointmentConfirm from './actions/appointment/confirm.operation';
import * as appointmentEdit from './actions/appointment/edit.operation';
import * as appointmentGet from './actions/appointment/get.operation';
import * as appointmentGetStatus from './actions/appointment/getStatus.operation';
import * as appointmentReschedule from './actions/appointment/reschedule.operation';
import * as appointmentReserve from './actions/appointment/reserve.operation';
import * as appointmentTypeGetAll from './actions/appointmentType/getAll.operation';
import * as batchMessageCreate from './actions/batchMessage/create.operation';
import * as batchMessageGet from './actions/batchMessage/get.operation';
import * as batchMessageGetAll from './actions/batchMessage/getAll.operation';
import * as batchMessageGetMessages from './actions/batchMessage/getMessages.operation';
import * as batchMessageGetRecipients from './actions/batchMessage/getRecipients.operation';
import * as batchMessageSend from './actions/batchMessage/send.operation';
import * as formResponseGet from './actions/formResponse/get.operation';
import * as linkCreateAttachmentLink from './actions/link/createAttachmentLink.operation';
import * as linkCreateBookingLink from './actions/link/createBookingLink.operation';
import * as linkCreateFormLink from './actions/link/createFormLink.operation';
import * as linkCreateVideoLink from './actions/link/createVideoLink.operation';
import * as linkGet from './actions/link/get.operation';
import * as linkGetAll from './actions/link/getAll.operation';
import * as linkGetStatus from './actions/link/getStatus.operation';
import * as linkUpdate from './actions/link/update.operation';
import * as locationGetAll from './actions/location/getAll.operation';
import * as messageGet from './actions/message/get.operation';
import * as messageSend from './actions/message/send.operation';
import * as patientConnectEhr from './actions/patient/connectEhr.operation';
import * as patientCreateOrUpdate from './actions/patient/createOrUpdate.operation';
import * as patientGet from './actions/patient/get.operation';
import * as patientGetAttachments from './actions/patient/getAttachments.operation';
import * as patientGetEhrCandidates from './actions/patient/getEhrCandidates.operation';
import * as patientMerge from './actions/patient/merge.operation';
import * as patientPreviewMerge from './actions/patient/previewMerge.operation';
import * as patientRegisterFromPds from './actions/patient/registerFromPds.operation';
import * as patientSearch from './actions/patient/search.operation';
import * as practiceGroupCreateAccessToken from './actions/practiceGroup/createAccessToken.operation';
import * as practiceGroupGet from './actions/practiceGroup/get.operation';
import * as practiceGroupGetCapabilities from './actions/practiceGroup/getCapabilities.operation';
import * as practiceGroupGetConfiguration from './actions/practiceGroup/getConfiguration.operation';
import * as practiceGroupGetElements from './actions/practiceGroup/getElements.operation';
import * as practitionerGet from './actions/practitioner/get.operation';
import * as practitionerGetAll from './actions/practitioner/getAll.operation';
import * as slotCount from './actions/slot/count.operation';
import * as slotGet from './actions/slot/get.operation';
import * as slotGetAll from './actions/slot/getAll.operation';
import type { RoutedOperation } from './actions/router';
import { router } from './actions/router';
import {
	searchAppointmentTypes,
	searchEhrCandidates,
	searchLocations,
	searchPatients,
	searchPractitioners,
} from './methods/listSearch';
import { heroHealthIcon } from './icon';

/** An operation file: its entry in the Operation dropdown, its own fields (each shown only for it) and what the router needs. */
export interface HeroOperation extends RoutedOperation {
	/** Its entry in the Operation dropdown, and whether its items are independent (for the router). */
	about: RoutedOperation['about'] & { name: string; action: string; description: string };
	description: INodeProperties[];
}

export interface HeroResource {
	/** Its name in the Resource dropdown. */
	name: string;
	defaultOperation: string;
	/** By the operation's value; listed in the Operation dropdown in this order. */
	operations: Record<string, HeroOperation>;
}

/**
 * Every operation of the node. The Resource and Operation dropdowns and the router's dispatch are all
 * read from here, so they cannot disagree: a new operation is its file, its import and its line here.
 */
export const heroResources: Record<string, HeroResource> = {
	appointment: {
		name: 'Appointment',
		defaultOperation: 'book',
		operations: {
			book: appointmentBook,
			cancel: appointmentCancel,
			confirm: appointmentConfirm,
			edit: appointmentEdit,
			get: appointmentGet,
			getStatus: appointmentGetStatus,
			reschedule: appointmentReschedule,
			reserve: appointmentReserve,
		},
	},
	appointmentType: {
		name: 'Appointment Type',
		defaultOperation: 'getAll',
		operations: { getAll: appointmentTypeGetAll },
	},
	batchMessage: {
		name: 'Batch Message',
		defaultOperation: 'create',
		operations: {
			create: batchMessageCreate,
			get: batchMessageGet,
			getAll: batchMessageGetAll,
			getMessages: batchMessageGetMessages,
			getRecipients: batchMessageGetRecipients,
			send: batchMessageSend,
		},
	},
	formResponse: {
		name: 'Form Response',
		defaultOperation: 'get',
		operations: { get: formResponseGet },
	},
	link: {
		name: 'Link',
		defaultOperation: 'createBookingLink',
		operations: {
			createAttachmentLink: linkCreateAttachmentLink,
			createBookingLink: linkCreateBookingLink,
			createFormLink: linkCreateFormLink,
			createVideoLink: linkCreateVideoLink,
			get: linkGet,
			getAll: linkGetAll,
			getStatus: linkGetStatus,
			update: linkUpdate,
		},
	},
	location: {
		name: 'Location',
		defaultOperation: 'getAll',
		operations: { getAll: locationGetAll },
	},
	message: {
		name: 'Message',
		defaultOperation: 'send',
		operations: { get: messageGet, send: messageSend },
	},
	patient: {
		name: 'Patient',
		defaultOperation: 'get',
		operations: {
			connectEhr: patientConnectEhr,
			createOrUpdate: patientCreateOrUpdate,
			get: patientGet,
			getAttachments: patientGetAttachments,
			getEhrCandidates: patientGetEhrCandidates,
			merge: patientMerge,
			previewMerge: patientPreviewMerge,
			registerFromPds: patientRegisterFromPds,
			search: patientSearch,
		},
	},
	practiceGroup: {
		name: 'Practice Group',
		defaultOperation: 'get',
		operations: {
			createAccessToken: practiceGroupCreateAccessToken,
			get: practiceGroupGet,
			getCapabilities: practiceGroupGetCapabilities,
			getConfiguration: practiceGroupGetConfiguration,
			getElements: practiceGroupGetElements,
		},
	},
	practitioner: {
		name: 'Practitioner',
		defaultOperation: 'getAll',
		operations: { get: practitionerGet, getAll: practitionerGetAll },
	},
	slot: {
		name: 'Slot',
		defaultOperation: 'getAll',
		operations: { count: slotCount, get: slotGet, getAll: slotGetAll },
	},
};

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: Object.entries(heroResources).map(([value, { name }]) => ({ name, value })),
		default: 'practiceGroup',
	},
	...Object.entries(heroResources).flatMap(([resource, { defaultOperation, operations }]): INodeProperties[] => [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: Object.entries(operations).map(([value, { about }]) => ({
				name: about.name,
				value,
				action: about.action,
				description: about.description,
			})),
			default: defaultOperation,
		},
		...Object.values(operations).flatMap((operation) => operation.description),
	]),
];

function operationFor(this: IExecuteFunctions): HeroOperation {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	// Own keys only: a value such as "constructor" names no operation.
	const operations = Object.hasOwn(heroResources, resource) ? heroResources[resource].operations : {};
	if (!Object.hasOwn(operations, operation)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return operations[operation];
}

export class HeroHealth implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hero Health',
		name: 'heroHealth',
		icon: heroHealthIcon,
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
		return await router.call(this, operationFor.call(this));
	}
}
