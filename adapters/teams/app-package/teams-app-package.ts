/**
 * The Teams app package an admin uploads: manifest.json (from teams-app/manifest.json with the bot's id
 * filled in) and the two icons, zipped at the archive root.
 */
import { pngInfo } from './png.ts';
import { writeZip } from './zip.ts';

export interface PackageValues {
  /** The bot's Microsoft app id (TEAMS_APP_ID); also the Teams app id and the RSC application id. */
  readonly appId: string;
  /** Semver of the package; Teams only accepts an update with a higher version. */
  readonly version: string;
  readonly developerName: string;
  /** https address for the developer, privacy and terms links. */
  readonly developerUrl: string;
}

export interface PackageFiles {
  readonly manifestTemplate: string;
  readonly colorIcon: Buffer;
  readonly outlineIcon: Buffer;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Fills `{{NAME}}` placeholders; JSON-escapes the values so a name with quotes cannot break the file. */
export function fillTemplate(template: string, values: PackageValues): string {
  const table: Record<string, string> = {
    TEAMS_APP_ID: values.appId,
    VERSION: values.version,
    DEVELOPER_NAME: values.developerName,
    DEVELOPER_URL: values.developerUrl,
  };
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    const value = table[name];
    return value === undefined ? whole : JSON.stringify(value).slice(1, -1);
  });
}

interface Command {
  readonly title?: string;
  readonly description?: string;
}

/** The rules Teams applies on upload that a typo here would break; each problem names the field. */
export function validateManifest(
  manifest: Record<string, unknown>,
  files: Omit<PackageFiles, 'manifestTemplate'>,
): string[] {
  const problems: string[] = [];
  const text = JSON.stringify(manifest);
  const leftover = /\{\{[A-Z_]+\}\}/.exec(text);
  if (leftover) problems.push(`placeholder ${leftover[0]} was not filled`);
  const get = (path: string): unknown =>
    path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], manifest);

  if (!guid.test(String(get('id')))) problems.push(`id must be a GUID, got "${String(get('id'))}"`);
  if (!/^\d+\.\d+\.\d+$/.test(String(get('version'))))
    problems.push(`version must be x.y.z, got "${String(get('version'))}"`);
  const limits: [string, number][] = [
    ['name.short', 30],
    ['name.full', 100],
    ['description.short', 80],
    ['description.full', 4000],
    ['developer.name', 32],
  ];
  for (const [path, max] of limits) {
    const value = get(path);
    if (typeof value !== 'string' || value === '') problems.push(`${path} is missing`);
    else if (value.length > max) problems.push(`${path} is ${value.length} characters; at most ${max}`);
  }
  for (const path of ['developer.websiteUrl', 'developer.privacyUrl', 'developer.termsOfUseUrl']) {
    if (!/^https:\/\/\S+$/.test(String(get(path))))
      problems.push(`${path} must be an https address, got "${String(get(path))}"`);
  }

  const bots = get('bots') as { botId?: string; commandLists?: { commands?: Command[] }[] }[] | undefined;
  const bot = bots?.[0];
  if (!bot || !guid.test(bot.botId ?? '')) problems.push('bots[0].botId must be the bot app id (a GUID)');
  for (const [i, list] of (bot?.commandLists ?? []).entries()) {
    const commands = list.commands ?? [];
    if (commands.length > 10) problems.push(`bots[0].commandLists[${i}] has ${commands.length} commands; at most 10`);
    for (const [j, command] of commands.entries()) {
      if (!command.title || command.title.length > 32)
        problems.push(`bots[0].commandLists[${i}].commands[${j}].title must be 1–32 characters`);
      if ((command.description ?? '').length > 128)
        problems.push(`bots[0].commandLists[${i}].commands[${j}].description is over 128 characters`);
    }
  }
  if (get('webApplicationInfo.id') !== bot?.botId)
    problems.push('webApplicationInfo.id must be the bot app id (needed for RSC)');
  const rsc = get('authorization.permissions.resourceSpecific') as { name?: string; type?: string }[] | undefined;
  if (!rsc?.some((p) => p.name === 'ChannelMessage.Read.Group' && p.type === 'Application')) {
    problems.push('authorization.permissions.resourceSpecific must grant ChannelMessage.Read.Group (Application)');
  }

  const color = pngInfo(files.colorIcon);
  if (color?.width !== 192 || color.height !== 192) problems.push('color.png must be a 192×192 PNG');
  const outline = pngInfo(files.outlineIcon);
  if (outline?.width !== 32 || outline.height !== 32 || outline.colorType !== 6) {
    problems.push('outline.png must be a 32×32 PNG with transparency');
  }
  return problems;
}

/** Builds the zip to upload; throws with every problem listed when the result would be refused. */
export function buildTeamsAppPackage(
  values: PackageValues,
  files: PackageFiles,
): { zip: Buffer; manifest: Record<string, unknown> } {
  const problems: string[] = [];
  if (!guid.test(values.appId))
    problems.push(`TEAMS_APP_ID must be the bot's Microsoft app id (a GUID), got "${values.appId}"`);
  const manifest = JSON.parse(fillTemplate(files.manifestTemplate, values)) as Record<string, unknown>;
  problems.push(...validateManifest(manifest, files));
  if (problems.length > 0) throw new Error(`the Teams app package would be refused:\n- ${problems.join('\n- ')}`);
  const zip = writeZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'color.png', data: files.colorIcon },
    { name: 'outline.png', data: files.outlineIcon },
  ]);
  return { zip, manifest };
}
