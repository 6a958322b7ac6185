// What n8n's CLI and public API take and answer, as JSON: the fields this project's scripts and tests read.

/** A credential document for `n8n import:credentials`, `data` in plaintext. */
export interface CredentialDocument {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** An output item of a node: its JSON, of whatever shape the node gave it. */
export interface ItemJson {
	json: unknown;
}

/** One run of one node in an execution (n8n's ITaskData): its items by connection type, then by output. */
export interface TaskJson {
	data?: { main?: Array<ItemJson[] | null> };
}

/** An execution's data (n8n's IRunExecutionData): each node's runs, by node name, and the error that stopped it. */
export interface RunExecutionJson {
	resultData: {
		runData: Record<string, TaskJson[]>;
		error?: { message?: string; [field: string]: unknown };
		lastNodeExecuted?: string;
	};
}

/** A finished run as `n8n execute --rawOutput` prints it (n8n's IRun). */
export interface RunJson {
	status: string;
	data: RunExecutionJson;
}

/** An execution as the public API lists it; `data` only with includeData=true. */
export interface ExecutionJson {
	id: string | number;
	workflowId: string;
	status: string;
	data?: RunExecutionJson;
}

/** A page of the public API's lists: the next page's cursor, if any. */
export interface PageJson<T> {
	data: T[];
	nextCursor?: string | null;
}

/** A workflow node as the public API answers it and examples/ holds it. */
export interface WorkflowNodeJson {
	id: string;
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	webhookId?: string;
	/** the credential of each type the node uses, by type */
	credentials?: Record<string, { id: string; name: string }>;
}

/** A workflow as the public API answers it and examples/ holds it. */
export interface WorkflowJson {
	id: string;
	name: string;
	active?: boolean;
	nodes: WorkflowNodeJson[];
	/** by source node name, then connection type (main, ai_tool, ...): where its outputs go */
	connections?: Record<string, Record<string, unknown>>;
	/** what the nodes keep between runs, by `node:<name>` (or `global`) */
	staticData?: Record<string, unknown> | null;
}
