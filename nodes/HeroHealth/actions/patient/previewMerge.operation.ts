import type { INodeProperties } from 'n8n-workflow';

import { duplicatePatientField, keptPatientField, previewMerge } from './shared';

export const description: INodeProperties[] = [keptPatientField, duplicatePatientField];

export const execute = previewMerge;
