// Types for scripts/lib/queue-workflows.js (workflows for n8n in queue mode).
type Workflow = { id: string; name: string; nodes: any[]; connections: Record<string, unknown>; [key: string]: unknown };
type CredentialRef = { id?: string; name?: string };

export declare const PATIENTS: string[];
export declare function bulkSendWorkflow(options?: { id?: string; name?: string; path?: string; credential?: CredentialRef }): Workflow;
export declare function bulkMessages(run: string, n: number): Array<{ patient_id: string; text: string }>;
export declare function triggerWorkflow(options?: {
	id?: string;
	name?: string;
	webhookId?: string;
	events?: string[];
	credential?: CredentialRef;
}): Workflow;
