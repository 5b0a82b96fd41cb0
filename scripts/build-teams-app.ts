/**
 * Builds the Teams app package to upload: `npm run -s teams-app` writes teams-app/kube-support-bot.zip
 * from teams-app/manifest.json and its icons, with the bot's id from TEAMS_APP_ID.
 *
 *   TEAMS_APP_ID               the Azure Bot's Microsoft app id (required)
 *   TEAMS_APP_DEVELOPER_NAME   shown in the Teams app store entry (default "Platform team")
 *   TEAMS_APP_DEVELOPER_URL    https page for the developer, privacy and terms links
 *   --out <file>               where to write the zip
 *   --icons                    redraw teams-app/color.png and outline.png first
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { argv, env, exit, stderr, stdout } from 'node:process';
import { fileURLToPath } from 'node:url';
import { colorIcon, outlineIcon } from '../adapters/teams/app-package/icons.ts';
import { buildTeamsAppPackage } from '../adapters/teams/app-package/teams-app-package.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const appDir = join(root, 'teams-app');

function option(name: string): string | undefined {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
}

function main(): number {
  if (argv.includes('--icons')) {
    writeFileSync(join(appDir, 'color.png'), colorIcon());
    writeFileSync(join(appDir, 'outline.png'), outlineIcon());
    stdout.write('redrew teams-app/color.png (192×192) and teams-app/outline.png (32×32)\n');
  }
  const appId = env['TEAMS_APP_ID']?.trim();
  if (!appId) {
    stderr.write('TEAMS_APP_ID is not set: set it to the Microsoft app id of your Azure Bot resource\n');
    return 2;
  }
  let developerUrl = env['TEAMS_APP_DEVELOPER_URL']?.trim();
  if (!developerUrl) {
    developerUrl = 'https://example.com/kube-support-bot';
    stderr.write(
      `TEAMS_APP_DEVELOPER_URL is not set: using ${developerUrl}; set it to your team's page before publishing\n`,
    );
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const out = option('--out') ?? join(appDir, 'kube-support-bot.zip');
  try {
    const { zip } = buildTeamsAppPackage(
      { appId, version, developerName: env['TEAMS_APP_DEVELOPER_NAME']?.trim() || 'Platform team', developerUrl },
      {
        manifestTemplate: readFileSync(join(appDir, 'manifest.json'), 'utf8'),
        colorIcon: readFileSync(join(appDir, 'color.png')),
        outlineIcon: readFileSync(join(appDir, 'outline.png')),
      },
    );
    writeFileSync(out, zip);
    stdout.write(
      `wrote ${relative(process.cwd(), out) || out} (${zip.length} bytes): upload it in Teams (Apps › Manage your apps › Upload an app)\n`,
    );
    return 0;
  } catch (err) {
    stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

exit(main());
