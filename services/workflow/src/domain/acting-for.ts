import type { ServiceClaims } from '@astron/kit/crypto';
import type { ActingFor } from '../engine/node-type.js';

/** Who the link and memory services see acting: the run's space, for the run's owner (kept as the actor there). */
export const actingFor = (on: ActingFor): Omit<ServiceClaims, 'caller'> => ({ space: on.spaceId, ...(on.owner.kind === 'user' ? { user: on.owner.id } : { app: on.owner.id }) });
