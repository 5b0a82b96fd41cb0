import type { CoreV1Event } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Check } from '../../../src/diagnosis/check.ts';
import { configError } from '../../../src/diagnosis/checks/config-error.ts';
import { containerCreating } from '../../../src/diagnosis/checks/container-creating.ts';
import { crashLoop } from '../../../src/diagnosis/checks/crash-loop.ts';
import { eventsAgedOut } from '../../../src/diagnosis/checks/events-aged-out.ts';
import { evicted } from '../../../src/diagnosis/checks/evicted.ts';
import { classifyPullError, imagePull, registryOf } from '../../../src/diagnosis/checks/image-pull.ts';
import { oomKilledCheck } from '../../../src/diagnosis/checks/oom-killed.ts';
import { podSecurity } from '../../../src/diagnosis/checks/pod-security.ts';
import { preempted } from '../../../src/diagnosis/checks/preempted.ts';
import { probes } from '../../../src/diagnosis/checks/probes.ts';
import { scheduling } from '../../../src/diagnosis/checks/scheduling.ts';
import { diagnose } from '../../../src/diagnosis/diagnose.ts';
import { silentLogger } from '../../../src/log.ts';
import { readNodes } from '../../fakes/k8s-fixtures.ts';
import { snapshotOf } from '../../fakes/snapshot-of.ts';

const run = (check: Check, snapshot: ReturnType<typeof snapshotOf>) => check.run({ snapshot, log: silentLogger });

/** A running, ready container whose previous instance was OOMKilled at 2024-11-04T09:29Z, read at `now`. */
const runningAfterOomKill = (now: string) =>
  snapshotOf('running-healthy-1', {
    edit: (pod) => {
      const status = pod.status!.containerStatuses![0]!;
      status.restartCount = 1;
      status.lastState = {
        terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: '2024-11-04T09:29:00Z' as unknown as Date },
      };
    },
    now,
  });

describe('image pull causes', () => {
  it.each([
    {
      why: 'containerd 401',
      message: 'failed to resolve reference "x": unauthorized: authentication required',
      cause: 'auth',
    },
    {
      why: 'docker no basic auth',
      message: 'Error response from daemon: Get https://us.icr.io/v2/: no basic auth credentials',
      cause: 'auth',
    },
    {
      why: 'a tag that does not exist',
      message: 'failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
      cause: 'not-found',
    },
    {
      why: 'manifest unknown',
      message: 'Error response from daemon: manifest for us.icr.io/ns/app:v2 not found: manifest unknown',
      cause: 'not-found',
    },
    { why: 'DNS', message: 'dial tcp: lookup registry.example.com: no such host', cause: 'network' },
    {
      why: 'no endpoint',
      message: 'failed to do request: Head https://reg:227/v2/: no available registry endpoint',
      cause: 'network',
    },
    { why: 'rate limit', message: 'toomanyrequests: You have reached your pull rate limit', cause: 'rate-limit' },
    { why: 'nothing specific', message: 'Error: ErrImagePull', cause: 'unknown' },
  ])('$why → $cause', ({ message, cause }) => {
    expect(classifyPullError(message)).toBe(cause);
  });

  it.each([
    ['nginx', 'docker.io'],
    ['library/nginx:1.25', 'docker.io'],
    ['us.icr.io/team/app:1', 'us.icr.io'],
    ['reg.gitpod.io:227/i/x:latest', 'reg.gitpod.io:227'],
    ['localhost/app', 'localhost'],
  ])('%s is pulled from %s', (image, registry) => {
    expect(registryOf(image)).toBe(registry);
  });

  it('says a pull secret is missing from the namespace, by name and type only', () => {
    const s = snapshotOf('imagepull-unauthorized-1', {
      edit: (pod) => {
        pod.spec!.imagePullSecrets = [{ name: 'docker-io-creds' }];
      },
      extra: { pullSecrets: [{ name: 'docker-io-creds', found: false }] },
    });
    const [finding] = run(imagePull, s);
    expect(finding?.evidence).toContain(
      'imagePullSecret `docker-io-creds` from the pod spec: MISSING from namespace `default` (pull secrets are per namespace)',
    );
    expect(finding?.evidence.join('\n')).toContain("suggests the image's registry docker.io");
  });

  it.each([
    {
      why: 'the kubelet could not retrieve it',
      events: [
        {
          type: 'Warning',
          reason: 'FailedToRetrieveImagePullSecret',
          message:
            'Unable to retrieve some image pull secrets (regcred, other); attempting to pull the image may not succeed.',
        },
      ],
      extra: {},
      says: 'imagePullSecret `regcred` from the pod spec: MISSING or unreadable: the kubelet could not retrieve it (FailedToRetrieveImagePullSecret)',
    },
    {
      why: 'no event names it and the bot may not read secrets',
      events: [],
      extra: {},
      says: 'imagePullSecret `regcred` from the pod spec: no FailedToRetrieveImagePullSecret event names it (the bot does not read secrets to check further)',
    },
    {
      why: 'the events could not be read either',
      events: [],
      extra: { gaps: [{ what: 'events', reason: 'timed out' }] },
      says: 'imagePullSecret `regcred` from the pod spec: not verified (the bot does not read secrets, and the events could not be read)',
    },
    {
      why: 'the optional grant found it of another type',
      events: [],
      extra: { pullSecrets: [{ name: 'regcred', found: true }] },
      says: 'imagePullSecret `regcred` from the pod spec: exists in namespace `default` but is not of a pull-secret type (kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg): the kubelet ignores it',
    },
  ])('says what it knows of a pull secret when $why', ({ events, extra, says }) => {
    const s = snapshotOf('imagepull-unauthorized-1', {
      edit: (pod) => {
        pod.spec!.imagePullSecrets = [{ name: 'regcred' }];
      },
      events: events as CoreV1Event[],
      extra,
    });
    const [finding] = run(imagePull, s);
    expect(finding?.evidence).toContain(says);
  });

  it('says when the attached secret names another registry than the image', () => {
    const s = snapshotOf('imagepull-unauthorized-1', {
      extra: {
        serviceAccount: {
          metadata: { name: 'robusta-runner-service-account' },
          imagePullSecrets: [{ name: 'all-icr-io' }],
        },
        pullSecrets: [{ name: 'all-icr-io', found: true, type: 'kubernetes.io/dockerconfigjson' }],
      },
    });
    const [finding] = run(imagePull, s);
    const evidence = finding?.evidence.join('\n') ?? '';
    expect(evidence).toContain(
      '`all-icr-io` from service account `robusta-runner-service-account`: exists in namespace `default`',
    );
    expect(evidence).toContain("no attached secret's name mentions the image's registry docker.io");
  });
});

describe('terminations', () => {
  it('a Succeeded pod is not a crash, even with a failed earlier instance', () => {
    const s = snapshotOf('crashloopbackoff-1', {
      edit: (pod) => {
        pod.status!.phase = 'Succeeded';
      },
    });
    expect(run(crashLoop, s)).toEqual([]);
  });

  it('an OOMKilled previous instance counts while the container still restarts', () => {
    const s = snapshotOf('crashloopbackoff-1', {
      edit: (pod) => {
        const last = pod.status!.containerStatuses![0]!.lastState!.terminated!;
        last.reason = 'OOMKilled';
        last.exitCode = 137;
      },
    });
    expect(run(oomKilledCheck, s).map((f) => f.check)).toEqual(['oom-killed']);
    expect(run(crashLoop, s)).toEqual([]);
  });

  it('an old OOMKilled previous instance of a running, ready container is a note, not a problem', () => {
    const s = runningAfterOomKill('2024-11-06T00:00:00Z');
    const findings = run(oomKilledCheck, s);
    expect(findings.map((f) => [f.severity, f.query])).toEqual([['info', '']]);
    expect(findings[0]?.summary).toBe(
      'Last restart of container `runner`: OOMKilled at 2024-11-04T09:29:00Z (38h31m ago), limit 1Gi; running since.',
    );
  });

  it('a recent OOMKilled previous instance counts even once the container runs again', () => {
    const s = runningAfterOomKill('2024-11-04T09:40:00Z');
    const [finding] = run(oomKilledCheck, s);
    expect(finding?.summary).toContain('memory limit of 1Gi');
  });
});

describe('scheduling against the nodes', () => {
  it('names requests larger than every node', () => {
    const s = snapshotOf('pending-insufficient-cpu-1', {
      edit: (pod) => {
        pod.spec!.containers[0]!.resources!.requests!['cpu'] = '4';
      },
      extra: { nodes: readNodes('nodes-eks-3') },
    });
    expect(run(scheduling, s)[0]?.summary).toContain("it requests 4 CPU, more than any node's allocatable CPU");
  });

  it('names a taint no toleration covers', () => {
    const nodes = readNodes('nodes-eks-3').map((n) => ({
      ...n,
      spec: { ...n['spec'], taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
    }));
    const s = snapshotOf('pending-insufficient-cpu-1', { extra: { nodes } });
    expect(run(scheduling, s)[0]?.summary).toContain('dedicated=gpu:NoSchedule');
  });

  it('names an unbound claim', () => {
    const s = snapshotOf('pending-insufficient-cpu-1', {
      edit: (pod) => {
        pod.spec!.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'data-0' } }];
      },
      extra: {
        claims: [{ metadata: { name: 'data-0' }, spec: { storageClassName: 'gp3' }, status: { phase: 'Pending' } }],
      },
    });
    expect(run(scheduling, s)[0]?.summary).toContain('PersistentVolumeClaim `data-0` is Pending');
  });
});

describe('diagnose', () => {
  it('reports the other checks when one throws, and names the one that failed', () => {
    const broken: Check = {
      name: 'broken',
      description: 'throws',
      reads: [],
      run: () => {
        throw new Error('bug');
      },
    };
    const d = diagnose(snapshotOf('crashloopbackoff-1'), silentLogger, { primary: [broken, crashLoop] });
    expect(d.failedChecks).toEqual(['broken']);
    expect(d.findings.map((f) => f.check)).toEqual(['crash-loop']);
  });

  it('says the events aged out instead of calling a not-ready pod healthy', () => {
    const s = snapshotOf('readiness-probe-failing-1', { events: [], now: '2020-03-01T00:00:00Z' });
    const d = diagnose(s, silentLogger);
    expect(d.findings.map((f) => f.check)).toEqual(['events-aged-out']);
    expect(d.findings[0]?.summary).toContain('aged out');
    expect(run(eventsAgedOut, snapshotOf('running-healthy-1'))).toEqual([]);
  });

  it('redacts env token values that leak into a finding', () => {
    const s = snapshotOf('imagepullbackoff-1');
    // biome-ignore lint/suspicious/noExplicitAny: raw fixture JSON
    const token = (s.pod.spec!.containers[0]!.env as any[]).find((e) => e.name === 'THEIA_SUPERVISOR_TOKEN')
      .value as string;
    const leaky: Check = {
      name: 'leaky',
      description: 'echoes a token',
      reads: [],
      run: () => [
        {
          check: 'leaky',
          severity: 'info',
          summary: `saw ${token}`,
          evidence: [`env ${token}`],
          query: token,
          commands: [],
        },
      ],
    };
    const d = diagnose(s, silentLogger, { primary: [leaky] });
    expect(JSON.stringify(d)).not.toContain(token);
  });
});

const event = (reason: string, message: string, extra: Record<string, unknown> = {}) =>
  ({ type: 'Warning', reason, message, count: 1, involvedObject: { kind: 'Pod', name: 'p' }, ...extra }) as never;

describe('more states, built from real pods by changing status and events', () => {
  it('a Windows sandbox failure without an IP error points at the pause image', () => {
    const s = snapshotOf('failedcreatepodsandbox-allocate-1', {
      events: [
        event(
          'FailedCreatePodSandBox',
          'Failed to create pod sandbox: rpc error: code = Unknown desc = failed pulling image "mcr.microsoft.com/k8s/core/pause:1.2.0": no matching manifest for windows/amd64 10.0.17763 in the manifest list entries',
        ),
      ],
    });
    const [finding] = run(containerCreating, s);
    expect(finding?.summary).toContain('Windows pause (infrastructure) image');
    expect(finding?.topics).toEqual(['containercreating']);
  });

  it('a missing key in an existing config map is named with the env var that reads it', () => {
    const s = snapshotOf('createcontainerconfigerror-1', {
      edit: (pod) => {
        pod.status!.containerStatuses![0]!.state!.waiting!.message =
          "couldn't find key some-key in ConfigMap default/some-cm";
      },
    });
    const [finding] = run(configError, s);
    expect(finding?.summary).toContain('key `some-key` is missing from ConfigMap `some-cm`');
    expect(finding?.evidence).toContain('env SOME_ENV_VAR ← configmap `some-cm` key `some-key`');
  });

  it('a failing liveness probe is critical: it restarts the container', () => {
    const s = snapshotOf('readiness-probe-failing-1', {
      edit: (pod) => {
        pod.spec!.containers[0]!.livenessProbe = { tcpSocket: { port: 23000 as never } };
      },
      events: [
        event('Unhealthy', 'Liveness probe failed: dial tcp 10.56.8.29:23000: connect: connection refused', {
          count: 5,
        }),
      ],
    });
    const [finding] = run(probes, s);
    expect(finding).toMatchObject({ severity: 'critical' });
    expect(finding?.summary).toContain(
      'Liveness probe of container `workspace` failed 5 times: the kubelet restarts the container',
    );
  });

  it('memory pressure evictions name the memory', () => {
    const s = snapshotOf('evicted-1', {
      edit: (pod) => {
        pod.status!.message =
          'The node was low on resource: memory. Container workspace was using 3Gi, which exceeds its request of 1Gi.';
      },
    });
    expect(run(evicted, s)[0]?.summary).toContain('low on memory (MemoryPressure)');
  });

  it('a preempted pod names its priority', () => {
    const s = snapshotOf('running-healthy-1', {
      edit: (pod) => {
        pod.spec!.priorityClassName = 'batch-low';
        pod.spec!.priority = 100;
        pod.status!.conditions!.push({
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'PreemptionByScheduler',
          message: 'kube-scheduler: preempting to accommodate a higher priority pod',
        });
      },
      extra: { priorityClass: { metadata: { name: 'batch-low' }, value: 100 } },
    });
    const [finding] = run(preempted, s);
    expect(finding?.summary).toContain('priority: 100, class `batch-low`');
    expect(finding?.evidence).toContain('priority 100 from PriorityClass `batch-low` = 100');
  });

  it('a pod security rejection recorded on the ReplicaSet is reported', () => {
    const s = snapshotOf('running-healthy-1', {
      extra: {
        owners: [{ kind: 'ReplicaSet', name: 'robusta-runner-6958c5bdd8' }],
        ownerEvents: [
          event(
            'FailedCreate',
            'Error creating: pods "robusta-runner-6958c5bdd8-" is forbidden: unable to validate against any pod security policy: []',
            {
              involvedObject: { kind: 'ReplicaSet', name: 'robusta-runner-6958c5bdd8' },
            },
          ),
        ],
      },
    });
    const [finding] = run(podSecurity, s);
    expect(finding?.summary).toContain('A pod security policy rejects pods of ReplicaSet `robusta-runner-6958c5bdd8`');
    expect(finding?.query).toContain('unable to validate against any pod security policy');
  });
});
