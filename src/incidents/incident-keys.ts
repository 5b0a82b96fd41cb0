import { createHash } from 'node:crypto';
import type { IncidentEvent, Place } from './incident-event.ts';

/**
 * Store keys of the incident record (README, "What the store keeps"). The workspace sits in braces: a
 * Redis Cluster hash tag, so one workspace's keys share a slot (and a node) and pipeline together.
 */
export const incidentKeys = {
  /** Hash: one field `e:<eventId>` per event, JSON. */
  incident: (workspace: string, id: string): string => `ksb:{${workspace}}:incident:${id}`,
  /** Sorted set: incident ids by the time of their latest event, for the whole workspace. */
  workspaceIndex: (workspace: string): string => `ksb:{${workspace}}:incidents`,
  /** Sorted set: incident ids by the time of their latest event, for one channel. */
  channelIndex: (workspace: string, conversationId: string): string =>
    `ksb:{${workspace}}:channel:${conversationId}:incidents`,
  /** Sorted set: workspaces by their latest event, so a handoff without a workspace can find them. */
  workspaces: 'ksb:workspaces',
} as const;

/** Key segment for a place's workspace: `_` when the platform has none (CLI, web). */
export function workspaceOf(place: Pick<Place, 'workspaceId'>): string {
  return place.workspaceId ?? '_';
}

/** One incident per thread: the id is a hash of platform, workspace, conversation and thread. */
export function incidentId(place: Place): string {
  return hash([place.platform, workspaceOf(place), place.conversationId, place.threadId].join('\u0000'));
}

/** The event's own id, or a hash of its content: the same event recorded twice is stored once. */
export function eventId(event: IncidentEvent): string {
  return event.id ?? `h:${hash(JSON.stringify(event))}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}
