import type { ChatOrigin, Reply } from '../message.ts';

/** A command as a user typed it: `/diagnose pod web-1 -n shop` in Slack, `diagnose pod web-1` in Teams. */
export interface CommandInvocation extends ChatOrigin {
  /** Without the slash: "diagnose", "kb", "handoff", "help"; `unknown` for any other (see `commandName`). */
  readonly name: string;
  /** What was typed as the name when the bot does not know it: help names it back. */
  readonly typed?: string;
  /** Everything after the command name, untrimmed of nothing but outer whitespace. */
  readonly args: string;
}

/**
 * One command the bot understands. Registered with createBot; the bot routes by name and answers
 * "not configured" for the known commands that have no implementation in this deployment.
 */
export interface Command {
  readonly name: string;
  /** One line: `diagnose pod <name> [-n namespace] [--context cluster]`. */
  readonly usage: string;
  /** One line for help. */
  readonly description: string;
  /**
   * A message to show at once while `run` works ("Diagnosing pod web-1…"), updated in place by the
   * result; undefined for fast commands and for malformed input (run answers those with usage).
   */
  progress?(invocation: CommandInvocation): Reply | undefined;
  /** Resolves to the answer; never rejects for user errors (those are usage or error replies). */
  run(invocation: CommandInvocation, signal: AbortSignal): Promise<Reply>;
}
