import type { Command } from './command.ts';
import { knownCommands } from './parse-command.ts';

/** One line each for help, including the commands this deployment does not implement. */
const builtinSummaries: Record<string, { usage: string; description: { ko: string; en: string } }> = {
  diagnose: {
    usage: 'diagnose pod <name> [-n namespace] [--context cluster]',
    description: {
      ko: '클러스터에서 팟을 읽어 무엇이 잘못됐는지 진단합니다',
      en: 'read a pod from the cluster and say what is wrong',
    },
  },
  kb: {
    usage: 'kb <query>',
    description: {
      ko: '문서를 검색해 가장 맞는 항목을 보여 줍니다',
      en: 'search the documents and show the best section',
    },
  },
  handoff: {
    usage: 'handoff [window]',
    description: { ko: '당직 교대 요약을 만듭니다', en: 'summarise an on-call shift' },
  },
  help: {
    usage: 'help',
    description: { ko: '이 도움말', en: 'this help' },
  },
};

/**
 * Routes commands by name. Implementations are registered by the areas that own them (diagnosis, handoff);
 * a known name without one answers "not configured" rather than "unknown".
 */
export class CommandRegistry {
  readonly #commands = new Map<string, Command>();

  constructor(commands: readonly Command[] = []) {
    for (const command of commands) this.register(command);
  }

  register(command: Command): void {
    this.#commands.set(command.name, command);
  }

  get(name: string): Command | undefined {
    return this.#commands.get(name);
  }

  isKnown(name: string): boolean {
    return this.#commands.has(name) || (knownCommands as readonly string[]).includes(name);
  }

  /** Usage and description of every known or registered command, for help. */
  summaries(language: 'ko' | 'en'): { usage: string; description: string }[] {
    const names = [...new Set([...knownCommands.filter((n) => n !== 'help'), ...this.#commands.keys(), 'help'])];
    return names.map((name) => {
      const command = this.#commands.get(name);
      const builtin = builtinSummaries[name];
      return {
        usage: command?.usage ?? builtin?.usage ?? name,
        // The built-in line is in the reply's language; a registered command's own line is a fallback.
        description: builtin?.description[language] ?? command?.description ?? '',
      };
    });
  }
}
