import { describe, expect, it } from 'vitest';
import {
  boundInput,
  cleanPaste,
  extractQuery,
  looksLikeError,
  MAX_QUERY_CHARS,
  missingPrograms,
  normalizeVariables,
  reportingShells,
  stripLinePrefix,
} from '../../../src/matching/normalize-query.ts';

describe('cleanPaste', () => {
  it('removes ANSI colour codes and control bytes', () => {
    expect(cleanPaste('\u001b[1;31mError:\u001b[0m pod\u0007 failed')).toBe('Error: pod  failed');
  });

  it('drops a failure flag reported false, and keeps one that is true', () => {
    expect(cleanPaste('    "OOMKilled": false,\n    "Dead": false,').trim()).toBe('');
    expect(cleanPaste("container's **State.OOMKilled** is false, ExitCode is 137")).not.toMatch(/OOMKilled/);
    expect(cleanPaste('    "OOMKilled": true,')).toContain('OOMKilled');
    expect(cleanPaste('      Reason:       OOMKilled')).toContain('OOMKilled');
  });

  it('unwraps Slack links, drops mentions and decodes entities', () => {
    const slack = '<@U024BE7LH> see <https://kubernetes.io/docs|the docs> &gt; x &lt;y&gt; &amp; z';
    expect(cleanPaste(slack)).toBe('  see the docs > x <y> & z');
  });

  it('removes code fences, inline code marks and quote markers', () => {
    const text = '> quoted line\n```yaml\nkind: Pod\n```\nrun `kubectl get pods`';
    expect(cleanPaste(text)).toBe('quoted line\n\nkind: Pod\n\nrun kubectl get pods');
  });
});

describe('stripLinePrefix', () => {
  it('removes journald and klog prefixes, also stacked', () => {
    const line =
      'Mar 03 10:11:12 worker-7 kubelet[2211]: E0303 10:11:12.123456    2211 pod_workers.go:191] Error syncing pod';
    expect(stripLinePrefix(line)).toBe('Error syncing pod');
  });

  it('removes ISO timestamps with a level, and shell prompts', () => {
    expect(stripLinePrefix('2024-05-01T08:00:01.123Z ERROR dial failed')).toBe('dial failed');
    expect(stripLinePrefix('ops@bastion:~/deploy$ kubectl apply -f app.yaml')).toBe('kubectl apply -f app.yaml');
    expect(stripLinePrefix('[admin@master-1 ~]# kubectl get nodes')).toBe('kubectl get nodes');
    expect(stripLinePrefix('PS C:\\k> .\\start.ps1')).toBe('.\\start.ps1');
  });

  it('leaves ordinary lines alone', () => {
    expect(stripLinePrefix('Back-off restarting failed container')).toBe('Back-off restarting failed container');
  });
});

describe('looksLikeError', () => {
  it('recognises errors by words, reasons and status codes', () => {
    expect(looksLikeError('Warning  FailedMount  3m  kubelet  MountVolume.SetUp failed')).toBe(true);
    expect(looksLikeError('status: CrashLoopBackOff')).toBe(true);
    expect(looksLikeError('received 503 Service Unavailable')).toBe(true);
    expect(looksLikeError('NAME READY STATUS')).toBe(false);
  });
});

describe('normalizeVariables', () => {
  it('meets a user image reference with the documents placeholder form', () => {
    const user = normalizeVariables('Failed to pull image "de.icr.io/payments/api:2.4.1": 401 Unauthorized');
    const doc = normalizeVariables(
      'Failed to pull image "<region>.icr.io/<namespace>/<image>:<tag>" ... 401 Unauthorized',
    );
    expect(user).toContain('imageref icr');
    expect(doc).toContain('imageref icr');
  });

  it('turns IPs, masked IPs and worker placeholders into ipaddr and keeps the port', () => {
    expect(normalizeVariables('dial tcp 10.20.30.40:10250: i/o timeout')).toMatch(
      /dial tcp\s+ipaddr 10250\s*: i\/o timeout/,
    );
    expect(normalizeVariables('dial tcp XXX.XXX.XXX:10250: getsockopt')).toMatch(/ipaddr 10250/);
    expect(normalizeVariables('Public IP 169.xx.xxx.xxx')).toMatch(/Public IP\s+ipaddr/);
    expect(normalizeVariables('<workerIP>:10250')).toMatch(/ipaddr\s*:10250/);
  });

  it('names the program a not-found message says is missing', () => {
    expect(missingPrograms('exec: "bash": executable file not found in $PATH')).toEqual(['bash']);
    expect(missingPrograms('exec: \\"/usr/bin/tar\\": executable file not found in $PATH')).toEqual(['tar']);
    expect(missingPrograms('bash: vim.tiny: command not found\nsh: 1: ps: not found')).toEqual(['vim.tiny', 'ps']);
    expect(missingPrograms('Error: release: not found')).toEqual([]);
    // The runtime's message inside the kubelet's inside the API server's: each layer escapes the quotes again.
    expect(missingPrograms('caused \\"exec: \\\\\\"bash\\\\\\": executable file not found in $PATH\\"')).toEqual([
      'bash',
    ]);
    expect(
      missingPrograms('OCI runtime exec failed: exec failed: unable to start: stat /bin/sh: no such file or directory'),
    ).toEqual(['sh']);
    // Go's exec given a path stats it, and says so.
    expect(missingPrograms('exec: "/bin/bash": stat /bin/bash: no such file or directory')).toEqual(['bash']);
    expect(missingPrograms('stat /var/lib/kubelet/pods: no such file or directory')).toEqual([]);
    expect(missingPrograms('configmap "app-config" not found')).toEqual([]);
  });

  it('names the shell that reports a missing program', () => {
    expect(reportingShells('"-bash: vi: command not found"')).toEqual(['bash']);
    expect(reportingShells('/bin/sh: 1: ps: not found\nbash: line 1: tar: command not found')).toEqual(['sh', 'bash']);
    expect(reportingShells('vim: command not found')).toEqual([]);
  });

  it("keeps an image's own name beside the placeholder, not its tag, path or registry region", () => {
    expect(normalizeVariables('kubelet fails to pull docker.io/rancher/pause:3.6')).toBe(
      'kubelet fails to pull imageref docker pause ',
    );
    expect(normalizeVariables('Failed to pull image "us.icr.io/<namespace>/<image>:<tag>"')).toBe(
      'Failed to pull image " imageref icr "',
    );
  });

  it('keeps a version of three numbers: only a masked address has three parts', () => {
    expect(normalizeVariables('Kubernetes installed with kubespray-2.8.3')).toBe(
      'Kubernetes installed with kubespray-2.8.3',
    );
    expect(normalizeVariables('After upgrade from 1.18.9 to 1.19.3')).toBe('After upgrade from 1.18.9 to 1.19.3');
    expect(normalizeVariables('dial tcp 10.1.2.3:443')).toMatch(/ipaddr 443/);
  });

  it('replaces pod names with hash suffixes, generated node names and UUIDs', () => {
    expect(normalizeVariables('pod checkout-7d9f8b6c5d-x2k9q failed')).toBe('pod podname failed');
    expect(normalizeVariables('node ip-10-0-1-17.eu-west-1.compute.internal')).toBe('node nodename ');
    expect(normalizeVariables('kubectl describe pod <pod_name>')).toBe('kubectl describe pod podname ');
    expect(normalizeVariables('incident 3f2b8c1e-1d2a-4e5f-9a0b-123456789abc')).toBe('incident someid ');
  });

  it('replaces quoted names but keeps dotted identifiers', () => {
    expect(normalizeVariables('secrets "registry-creds-prod" not found')).toBe('secrets "somename" not found');
    expect(normalizeVariables('messageId: "no.scale.down.node.pod.has.local.storage"')).toContain(
      'no.scale.down.node.pod.has.local.storage',
    );
  });

  it('replaces host names, keeping the registry domain name', () => {
    expect(normalizeVariables('Get https://registry.eu-de.bluemix.net/v2/: denied')).toMatch(/hostname bluemix/);
    expect(normalizeVariables('Post https://hooks.acme.example.com:443/admit')).toMatch(/hostname example 443/);
  });

  it('removes timestamps and event ages', () => {
    const n = normalizeVariables('Warning BackOff 3m12s (x7 over 10m) kubelet at 2023-01-02T03:04:05Z');
    expect(n).not.toMatch(/\d/);
  });

  it('keeps file names as they are', () => {
    expect(normalizeVariables('open /run/flannel/subnet.env: no such file')).toContain('subnet.env');
  });
});

describe('extractQuery', () => {
  it('takes the error lines out of a describe Events table and folds repeats', () => {
    const paste = [
      'Events:',
      '  Type     Reason     Age                From               Message',
      '  ----     ------     ----               ----               -------',
      '  Normal   Scheduled  2m                 default-scheduler  Successfully assigned shop/web-5c8d7f9b4-abcde to node-3',
      '  Warning  Failed     90s (x3 over 2m)   kubelet            Failed to pull image "quay.io/acme/web:9.9": manifest unknown',
      '  Warning  Failed     60s (x4 over 2m)   kubelet            Failed to pull image "quay.io/acme/web:9.9": manifest unknown',
      '  Warning  Failed     60s                kubelet            Error: ErrImagePull',
    ].join('\n');
    const q = extractQuery(paste);
    expect(q.errorLines).toHaveLength(2);
    expect(q.errorLines[0]).toContain('Failed to pull image');
    expect(q.errorLines[0]).toContain('imageref');
    expect(q.errorLines[1]).toContain('ErrImagePull');
  });

  it('keeps several different errors of one paste', () => {
    const q = extractQuery('first: x509: certificate has expired\nok line\nsecond: context deadline exceeded');
    expect(q.errorLines).toHaveLength(2);
  });

  it('uses the whole text of a typed question', () => {
    const q = extractQuery('노드 풀을 늘리려면 어떻게 하나요?');
    expect(q.errorLines).toHaveLength(0);
    expect(q.normalized).toContain('노드 풀');
  });

  it('says why a query is empty', () => {
    expect(extractQuery('   \n\t ').notes).toContain('empty');
    expect(extractQuery('\u0000\u0001\u0002\u0003garbage\u0004\u0005\u0006').notes).toContain('binary');
  });

  it('bounds long input, keeping head and tail', () => {
    const long = `HEAD ${'x '.repeat(MAX_QUERY_CHARS)} TAIL`;
    const b = boundInput(long);
    expect(b.truncated).toBe(true);
    expect(b.text.length).toBeLessThanOrEqual(MAX_QUERY_CHARS + 1);
    expect(b.text.startsWith('HEAD')).toBe(true);
    expect(b.text.endsWith('TAIL')).toBe(true);
    expect(extractQuery(long).notes).toContain('truncated');
  });
});

describe('normalizeVariables and shell messages', () => {
  it('keeps the missing command as the subject, not the shell that reports it', () => {
    expect(normalizeVariables('bash: ps: command not found')).toBe('ps: command not found');
    expect(normalizeVariables('sh: 1: vim: not found')).toBe('vim: not found');
    expect(normalizeVariables('exec: "bash": executable file not found in $PATH')).toContain(
      'executable file not found',
    );
  });
});

describe('normalizeVariables and quoted words', () => {
  it('keeps a quoted plain word, which is a word, and masks a quoted name', () => {
    expect(normalizeVariables("My cluster is stuck in 'pending'")).toBe("My cluster is stuck in 'pending'");
    expect(normalizeVariables("'cr' is not a registered command")).toBe("'cr' is not a registered command");
    expect(normalizeVariables('configmap "loki-stack-promtail" not found')).toBe('configmap "somename" not found');
    expect(normalizeVariables('secret "regcred2" not found')).toBe('secret "somename" not found');
  });

  it("keeps the command Go's exec error says it could not find", () => {
    expect(normalizeVariables('exec: "tar": executable file not found in $PATH')).toContain(
      'exec: tar: executable file not found',
    );
    expect(normalizeVariables('exec: "apt-get": executable file not found in $PATH')).toContain('exec: apt-get:');
  });
});
