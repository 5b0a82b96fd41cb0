import { describe, expect, it } from 'vitest';
import { parseBlocks } from '../../../src/knowledge/blocks.ts';
import { errorPhrases, errorsFromCode, looksLikeCommand, looksLikeError } from '../../../src/knowledge/signals.ts';
import { stepsFromBlocks } from '../../../src/knowledge/steps.ts';

const steps = (markdown: string) => stepsFromBlocks(parseBlocks(markdown.split('\n')), (raw) => raw.trim());

describe('telling commands, errors and output apart', () => {
  it('recognises commands by their program or prompt', () => {
    expect(looksLikeCommand('kubectl get pods -n kube-system')).toBe(true);
    expect(looksLikeCommand('$ ls /var/log')).toBe(true);
    expect(looksLikeCommand('Get-HnsNetwork | ? Name -ieq "cbr0"')).toBe(true);
    expect(looksLikeCommand('Failed to pull image "nginx"')).toBe(false);
  });

  it('recognises error messages but not bare words or table headers', () => {
    expect(looksLikeError('unauthorized: authentication required')).toBe(true);
    expect(looksLikeError('The specified worker node could not be found. (E0011)')).toBe(true);
    expect(looksLikeError('ImagePullBackOff')).toBe(true);
    expect(looksLikeError('FAILED')).toBe(false);
    expect(looksLikeError('NAME READY STATUS')).toBe(false);
  });

  it('reduces kubectl table rows to their reason and joins a wrapped message', () => {
    expect(
      errorsFromCode(
        'NAME         READY     STATUS             RESTARTS   AGE\nweb-1   0/1       ImagePullBackOff   0          2m',
        true,
      ),
    ).toEqual(['ImagePullBackOff']);
    expect(
      errorsFromCode('We were unable to connect to your account.\nCreating a cluster requires a linked account', true),
    ).toEqual(['We were unable to connect to your account. Creating a cluster requires a linked account']);
    expect(
      errorsFromCode(
        'spec:\n  terminationMessagePolicy: FallbackToLogsOnError\nreason: EKLetHasInsufficientSubnetIP',
        false,
      ),
    ).toEqual(['reason: EKLetHasInsufficientSubnetIP']);
    expect(errorsFromCode('kubectl describe pod x\nError: configmap "a" not found', false)).toEqual([
      'Error: configmap "a" not found',
    ]);
  });

  it('finds quoted messages and English error runs in Korean prose', () => {
    expect(errorPhrases('`Error: failed to download "ibm/<chart_name>"` 오류 메시지가 표시됩니다.')).toContain(
      'Error: failed to download "ibm/<chart_name>"',
    );
    expect(errorPhrases('top과 같은 명령을 실행할 때 TERM environment variable not set 오류가 발생하면')).toEqual([
      'TERM environment variable not set',
    ]);
    expect(errorPhrases('`kubectl get events`를 실행하여')).toEqual([]);
  });
});

describe('steps from a resolution', () => {
  it('takes numbered items as steps, nested items into their text and code under them as commands', () => {
    const result = steps(
      [
        'Before you start, log in.',
        '',
        '1. Check the nodes.',
        '   ```',
        '   kubectl get nodes',
        '   ```',
        '   {: pre}',
        '   Example output:',
        '   ```',
        '   NAME   STATUS',
        '   ```',
        '   {: screen}',
        '2. Fix them.',
        '   1. Drain the node.',
        '      ```',
        '      kubectl drain <node>',
        '      ```',
      ].join('\n'),
    );
    expect(result).toEqual([
      { text: 'Check the nodes.', commands: ['kubectl get nodes'] },
      { text: 'Fix them.\n- Drain the node.', commands: ['kubectl drain <node>'] },
    ]);
  });

  it('takes bullets as alternative steps when there is no numbered list', () => {
    expect(steps('You can fix it in these ways:\n\n- Restart Docker.\n- Run `ibmcloud cr login` again.\n')).toEqual([
      { text: 'Restart Docker.', commands: [] },
      { text: 'Run `ibmcloud cr login` again.', commands: ['ibmcloud cr login'] },
    ]);
  });

  it('takes paragraphs as steps when there is no list, with the code that follows them', () => {
    expect(steps('Remove the stale node.\n\n```\nkubectl delete node <node>\n```\n')).toEqual([
      { text: 'Remove the stale node.', commands: ['kubectl delete node <node>'] },
    ]);
  });
});
