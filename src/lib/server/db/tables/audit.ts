// Signed checkpoints of the audit chain's head (migration 0010).
import type { Generated } from 'kysely';

export interface AuditCheckpointTable {
	id: Generated<number>;
	seq: number;
	head_hash: string;
	at: number;
	reason: string;
	campaign_id: number | null;
	key_id: string;
	signature: string;
}
