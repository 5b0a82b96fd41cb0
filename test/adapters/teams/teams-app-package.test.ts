import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { colorIcon, outlineIcon } from '../../../adapters/teams/app-package/icons.ts';
import { pngInfo } from '../../../adapters/teams/app-package/png.ts';
import { buildTeamsAppPackage } from '../../../adapters/teams/app-package/teams-app-package.ts';
import { knownCommands } from '../../../src/commands/parse-command.ts';

const appId = '6f0c1a7e-2b3d-4c5e-8f90-123456789abc';
const files = {
  manifestTemplate: readFileSync('teams-app/manifest.json', 'utf8'),
  colorIcon: readFileSync('teams-app/color.png'),
  outlineIcon: readFileSync('teams-app/outline.png'),
};
const values = {
  appId,
  version: '1.2.3',
  developerName: 'Platform team',
  developerUrl: 'https://example.com/platform',
};

/** Reads a zip through its central directory, inflating and CRC-checking each entry. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = inflateRawSync(zip.subarray(dataStart, dataStart + size));
    expect(crc32(data)).toBe(crc);
    entries.set(name, data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

describe('Teams app package', () => {
  it('ships icons that the icon script reproduces, at the sizes Teams requires', () => {
    expect(files.colorIcon.equals(colorIcon())).toBe(true);
    expect(files.outlineIcon.equals(outlineIcon())).toBe(true);
    expect(pngInfo(files.colorIcon)).toEqual({ width: 192, height: 192, colorType: 6 });
    expect(pngInfo(files.outlineIcon)).toEqual({ width: 32, height: 32, colorType: 6 });
  });

  it('zips the manifest with the bot id filled in, the RSC permission and both icons', () => {
    const { zip } = buildTeamsAppPackage(values, files);
    const entries = readZip(zip);
    expect([...entries.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    expect(entries.get('color.png')?.equals(files.colorIcon)).toBe(true);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifest.$schema).toContain('/v1.22/');
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0].botId).toBe(appId);
    expect(manifest.webApplicationInfo.id).toBe(appId);
    expect(manifest.authorization.permissions.resourceSpecific).toContainEqual({
      name: 'ChannelMessage.Read.Group',
      type: 'Application',
    });
    expect(manifest.bots[0].scopes).toEqual(expect.arrayContaining(['team', 'personal']));
  });

  it('lists every command the bot knows, for channels and personal chat', () => {
    const { manifest } = buildTeamsAppPackage(values, files);
    const lists = (manifest['bots'] as { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[])[0]!
      .commandLists;
    expect(lists.map((l) => l.scopes)).toEqual([['team', 'groupChat'], ['personal']]);
    for (const list of lists) expect(list.commands.map((c) => c.title).sort()).toEqual([...knownCommands].sort());
  });

  it('refuses a package Teams would refuse, naming each problem', () => {
    expect(() => buildTeamsAppPackage({ ...values, appId: 'my-bot', developerUrl: 'http://insecure' }, files)).toThrow(
      /TEAMS_APP_ID must be[\s\S]*developer.websiteUrl must be an https address/,
    );
    expect(() => buildTeamsAppPackage(values, { ...files, outlineIcon: files.colorIcon })).toThrow(
      /outline.png must be a 32×32/,
    );
  });
});

describe('scripts/build-teams-app.ts', () => {
  const run = promisify(execFile);
  const dir = mkdtempSync(join(tmpdir(), 'teams-app-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = ['--disable-warning=ExperimentalWarning', 'scripts/build-teams-app.ts'];

  it('writes the zip with the id from TEAMS_APP_ID', async () => {
    const out = join(dir, 'app.zip');
    const { stdout } = await run(process.execPath, [...script, '--out', out], {
      env: { ...process.env, TEAMS_APP_ID: appId, TEAMS_APP_DEVELOPER_URL: 'https://example.com/platform' },
    });
    expect(stdout).toContain('app.zip');
    const manifest = JSON.parse(readZip(readFileSync(out)).get('manifest.json')!.toString('utf8'));
    expect(manifest.bots[0].botId).toBe(appId);
  });

  it('says what is missing without TEAMS_APP_ID', async () => {
    const { TEAMS_APP_ID: _, ...rest } = process.env;
    const failure = await run(process.execPath, [...script, '--out', join(dir, 'x.zip')], { env: rest }).catch(
      (e) => e,
    );
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('TEAMS_APP_ID is not set');
  });
});
