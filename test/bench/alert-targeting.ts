// Alert targeting speed: from a parsed alert to every household's payload composed (select by polygon,
// order, assign a shelter with room, compose Japanese and English). Goal (issue 5): 100,000 households in a
// 1,000-vertex polygon in under 1 s. Generated and deterministic (seeded): a wavy 1,000-vertex ring of about
// 8 km radius at 美波町, 100,000 households inside it and 20,000 outside in its bounding box, 200 shelters
// with capacities (10 of them welfare shelters), a level 3 tsunami alert (people needing assistance first).
// The household index is built once per node, as the backend holds it, and timed apart; so is the parse.
// Run alone: `npx tsx test/bench/alert-targeting.ts [RUNS]`.
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createHouseholdIndex,
  createPolygonTest,
  createShelterRegistry,
  noNeeds,
  parseAlert,
  type TargetHousehold,
  targetAlert,
} from '@myna-tv/disaster';

const centre = { lat: 33.73, lon: 134.53 };
const vertices = 1000;
const inside = 100_000;
const outside = 20_000;

/** mulberry32: small, fast, deterministic. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ring(next: () => number): [number, number][] {
  // Rounded to the 6 decimals the CAP text carries, so the households inside are inside the parsed ring.
  const points: [number, number][] = [];
  const kmPerLat = 111.2;
  const kmPerLon = kmPerLat * Math.cos((centre.lat * Math.PI) / 180);
  for (let i = 0; i < vertices - 1; i++) {
    const angle = (2 * Math.PI * i) / (vertices - 1);
    // A radius that depends on the angle only keeps the ring simple (no self-intersection).
    const km = 8 * (0.75 + 0.2 * Math.sin(7 * angle) + 0.05 * next());
    points.push([
      Number((centre.lat + (km * Math.cos(angle)) / kmPerLat).toFixed(6)),
      Number((centre.lon + (km * Math.sin(angle)) / kmPerLon).toFixed(6)),
    ]);
  }
  points.push([...(points[0] as [number, number])]);
  return points;
}

function capXml(points: [number, number][]): string {
  const polygon = points.map(([lat, lon]) => `${lat.toFixed(6)},${lon.toFixed(6)}`).join(' ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>BENCH-363871-0001</identifier><sender>bousai@town.minami.example.jp</sender>
  <sent>2026-11-24T10:00:00+09:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
  <info><language>ja-JP</language><category>Geo</category><event>高齢者等避難</event>
    <urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty>
    <expires>2026-11-24T22:00:00+09:00</expires>
    <parameter><valueName>DisasterName</valueName><value>津波</value></parameter>
    <area><areaDesc>美波町 沿岸部</areaDesc><polygon>${polygon}</polygon></area>
  </info>
</alert>`;
}

function households(points: [number, number][], next: () => number): TargetHousehold[] {
  const polygon = createPolygonTest(points.map(([lat, lon]) => ({ lat, lon })));
  const [south, north, west, east] = [polygon.minLat, polygon.maxLat, polygon.minLon, polygon.maxLon];
  const list: TargetHousehold[] = [];
  let wantedIn = inside;
  let wantedOut = outside;
  while (wantedIn + wantedOut > 0) {
    const latitude = south + (north - south) * next();
    const longitude = west + (east - west) * next();
    const isIn = polygon.contains(latitude, longitude);
    if (isIn ? wantedIn === 0 : wantedOut === 0) continue;
    if (isIn) wantedIn--;
    else wantedOut--;
    const n = list.length;
    const roll = next();
    list.push({
      id: `h${n}`,
      latitude,
      longitude,
      localGovernmentCode: '363871',
      machiazaId: null,
      people: 1 + Math.floor(next() * 4),
      needs: { ...noNeeds, elderly: roll < 0.15, welfareShelter: roll < 0.03, hasSupporter: roll < 0.05 },
      // Every 20th household supports the one before it.
      supports: n % 20 === 19 ? [`h${n - 1}`] : [],
      language: next() < 0.05 ? 'en' : 'ja',
      names: ['山田', '花子'],
      namesConsent: next() < 0.5,
    });
  }
  return list;
}

function shelters(next: () => number) {
  const sites = Array.from({ length: 200 }, (_, i) => {
    const latitude = centre.lat + (next() - 0.5) * 0.16;
    const longitude = centre.lon + (next() - 0.5) * 0.18;
    const common = { id: `S${i}`, address: '徳島県美波町', latitude, longitude };
    return i < 10
      ? {
          ...common,
          kind: 'evacuation-shelter',
          name: `福祉避難所${i}`,
          acceptedPeople: '要配慮者',
          sameAddressAsEmergencySite: false,
        }
      : {
          ...common,
          kind: 'emergency-site',
          name: `避難場所${i}（小学校）`,
          hazards: next() < 0.7 ? ['earthquake', 'tsunami'] : ['flood'],
          capacity: { people: 500 + Math.floor(next() * 3500), text: '' },
          sameAddressAsShelter: false,
        };
  });
  return createShelterRegistry({
    title: 'bench',
    localGovernmentCode: '363871',
    prefecture: '徳島県',
    municipality: '美波町',
    source: { publisher: 'bench', title: 'bench', url: 'https://example.jp/', credit: 'bench' },
    sites,
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function benchAlertTargeting(
  runs = 7,
): Promise<{ name: string; figures: Record<string, number | string> }> {
  const next = random(20261124);
  const points = ring(next);
  const list = households(points, next);
  const registry = shelters(next);

  let started = performance.now();
  const alert = parseAlert(capXml(points));
  const parseMs = performance.now() - started;
  started = performance.now();
  const { index, rejected } = createHouseholdIndex(list);
  const indexMs = performance.now() - started;
  if (rejected.length > 0) throw new Error(`bench households rejected: ${rejected[0]?.reason}`);

  const times: number[] = [];
  const cpu: number[] = [];
  // Garbage collection inside the timed runs: the 100,000 payloads are kept, so their allocation is copied.
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  let result = targetAlert(alert, { households: index, shelters: registry }); // warm-up
  gc.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < runs; i++) {
    const cpuBefore = process.cpuUsage();
    started = performance.now();
    result = targetAlert(alert, { households: index, shelters: registry });
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc.disconnect();
  const sizes = result.deliveries.map((d) => Buffer.byteLength(JSON.stringify(d.payload)));
  const [load1] = os.loadavg();
  return {
    name: `alert targeting: ${inside.toLocaleString('en')} households in a ${vertices}-vertex polygon (+${outside.toLocaleString('en')} outside)`,
    figures: {
      'targeted and composed, median': `${median(times).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')}; target < 1000 ms)`,
      'CPU time of the same, median': `${median(cpu).toFixed(0)} ms`,
      'garbage collection pauses, mean per run': `${(gcMs / runs).toFixed(0)} ms`,
      'households reached / payloads': `${result.reached} / ${result.deliveries.length}`,
      'first payloads priority (needs assistance or supporter)': result.deliveries.filter(
        (d) => d.payload.priority,
      ).length,
      'without a shelter with room': result.withoutShelter,
      'payload bytes (JSON), mean / max': `${Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length)} / ${Math.max(...sizes)}`,
      'parse of the CAP alert (not in the figure)': `${parseMs.toFixed(0)} ms`,
      'household index build, once per node (not in the figure)': `${indexMs.toFixed(0)} ms`,
      'load average (1 min) at the end': load1?.toFixed(2) ?? 'unknown',
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchAlertTargeting(Number(process.argv[2] ?? 7));
  console.log(`## ${result.name}`);
  for (const [key, value] of Object.entries(result.figures)) console.log(`- ${key}: ${value}`);
}
