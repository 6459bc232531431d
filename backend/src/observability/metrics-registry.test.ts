import { expect, it } from 'vitest';
import { MetricsRegistry } from './metrics-registry.ts';

it('renders counters, gauges, collected values and histograms in the text format 0.0.4', () => {
  const registry = new MetricsRegistry();
  const requests = registry.counter('http_requests_total', 'Requests.');
  requests.inc({ route: '/a', status: '200' });
  requests.inc({ route: '/a', status: '200' }, 2);
  requests.inc({ route: 'say "hi"\\\n', status: '500' });
  const inFlight = registry.gauge('in_flight', 'In flight.');
  inFlight.inc();
  inFlight.inc();
  inFlight.dec();
  registry.collected({ name: 'boxes', help: 'Boxes\nconnected.', kind: 'gauge', collect: () => [[{}, 7]] });
  const latency = registry.histogram('latency_seconds', 'Latency.', [0.1, 0.01]);
  latency.observe(0.005, { route: '/a' });
  latency.observe(0.05, { route: '/a' });
  latency.observe(3, { route: '/a' });

  expect(registry.render()).toBe(
    [
      '# HELP http_requests_total Requests.',
      '# TYPE http_requests_total counter',
      'http_requests_total{route="/a",status="200"} 3',
      'http_requests_total{route="say \\"hi\\"\\\\\\n",status="500"} 1',
      '# HELP in_flight In flight.',
      '# TYPE in_flight gauge',
      'in_flight 1',
      '# HELP boxes Boxes\\nconnected.',
      '# TYPE boxes gauge',
      'boxes 7',
      '# HELP latency_seconds Latency.',
      '# TYPE latency_seconds histogram',
      'latency_seconds_bucket{route="/a",le="0.01"} 1',
      'latency_seconds_bucket{route="/a",le="0.1"} 2',
      'latency_seconds_bucket{route="/a",le="+Inf"} 3',
      'latency_seconds_sum{route="/a"} 3.055',
      'latency_seconds_count{route="/a"} 3',
      '',
    ].join('\n'),
  );
});

it('refuses a name used twice or outside the Prometheus alphabet', () => {
  const registry = new MetricsRegistry();
  registry.counter('a_total', 'A.');
  expect(() => registry.counter('a_total', 'A.')).toThrow(/twice/);
  expect(() => registry.gauge('a-b', 'A.')).toThrow(/bad metric name/);
});
