import { describe, expect, it } from 'vitest';
import { Counter, Histogram, Registry } from '../../../adapters/server/metrics-registry.ts';

describe('the Prometheus registry', () => {
  it('renders counters with labels, escaping label values', () => {
    const registry = new Registry();
    const counter = registry.register(new Counter('demo_total', 'Demo.', ['kind']));
    counter.inc({ kind: 'a' });
    counter.inc({ kind: 'a' }, 2);
    counter.inc({ kind: 'quote"and\\slash' });
    expect(registry.render()).toBe(
      [
        '# HELP demo_total Demo.',
        '# TYPE demo_total counter',
        'demo_total{kind="a"} 3',
        'demo_total{kind="quote\\"and\\\\slash"} 1',
        '',
      ].join('\n'),
    );
  });

  it('renders cumulative histogram buckets with sum and count', () => {
    const registry = new Registry();
    const histogram = registry.register(new Histogram('latency_seconds', 'Latency.', [0.1, 1]));
    histogram.observe(0.05);
    histogram.observe(0.5);
    histogram.observe(3);
    expect(registry.render()).toContain(
      [
        'latency_seconds_bucket{le="0.1"} 1',
        'latency_seconds_bucket{le="1"} 2',
        'latency_seconds_bucket{le="+Inf"} 3',
        'latency_seconds_sum 3.55',
        'latency_seconds_count 3',
      ].join('\n'),
    );
  });

  it('refuses a second metric of the same name', () => {
    const registry = new Registry();
    registry.register(new Counter('x_total', 'x'));
    expect(() => registry.register(new Counter('x_total', 'x'))).toThrow('registered twice');
  });
});
