// Point in polygon for one ring tested against many households: the ring's edges are bucketed by latitude
// band once, so each test looks at the few edges crossing its band instead of all of them. Measured against
// @turf/boolean-point-in-polygon (which walks every edge per point): 100,000 points in a 1,000-vertex ring
// took turf about 0.4 s on the 2-core CI machine, this a few ms (docs/benchmarks.md, Disaster alerts).
// Even-odd ray casting (rings from the alert parser are simple); a point on an edge or a vertex is inside.

export interface PolygonTest {
  readonly minLat: number;
  readonly maxLat: number;
  readonly minLon: number;
  readonly maxLon: number;
  contains(lat: number, lon: number): boolean;
}

/** `ring`: closed, [lat, lon] order as CAP writes it (first point equal to the last). */
export function createPolygonTest(ring: readonly { lat: number; lon: number }[]): PolygonTest {
  const edges = ring.length - 1;
  const lat1 = new Float64Array(edges);
  const lon1 = new Float64Array(edges);
  const lat2 = new Float64Array(edges);
  const lon2 = new Float64Array(edges);
  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  let minLon = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < edges; i++) {
    const a = ring[i] as { lat: number; lon: number };
    const b = ring[i + 1] as { lat: number; lon: number };
    lat1[i] = a.lat;
    lon1[i] = a.lon;
    lat2[i] = b.lat;
    lon2[i] = b.lon;
    minLat = Math.min(minLat, a.lat);
    maxLat = Math.max(maxLat, a.lat);
    minLon = Math.min(minLon, a.lon);
    maxLon = Math.max(maxLon, a.lon);
  }
  // About two edges per band on average; a band lists every edge whose latitude span touches it.
  const bands = Math.max(1, Math.min(65_536, Math.ceil(edges / 2)));
  const height = (maxLat - minLat) / bands || 1;
  const bandOf = (lat: number) => Math.min(bands - 1, Math.max(0, Math.floor((lat - minLat) / height)));
  const counts = new Uint32Array(bands + 1);
  for (let i = 0; i < edges; i++) {
    const from = bandOf(Math.min(lat1[i] as number, lat2[i] as number));
    const to = bandOf(Math.max(lat1[i] as number, lat2[i] as number));
    for (let band = from; band <= to; band++) counts[band + 1] = (counts[band + 1] as number) + 1;
  }
  for (let band = 0; band < bands; band++)
    counts[band + 1] = (counts[band + 1] as number) + (counts[band] as number);
  const start = counts.slice();
  const members = new Uint32Array(counts[bands] as number);
  for (let i = 0; i < edges; i++) {
    const from = bandOf(Math.min(lat1[i] as number, lat2[i] as number));
    const to = bandOf(Math.max(lat1[i] as number, lat2[i] as number));
    for (let band = from; band <= to; band++) {
      members[start[band] as number] = i;
      start[band] = (start[band] as number) + 1;
    }
  }

  return {
    minLat,
    maxLat,
    minLon,
    maxLon,
    contains(lat, lon) {
      if (!(lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon)) return false;
      const band = bandOf(lat);
      let inside = false;
      for (let k = counts[band] as number, end = counts[band + 1] as number; k < end; k++) {
        const i = members[k] as number;
        const y1 = lat1[i] as number;
        const x1 = lon1[i] as number;
        const y2 = lat2[i] as number;
        const x2 = lon2[i] as number;
        // On the edge: collinear and within its box.
        const cross = (x2 - x1) * (lat - y1) - (y2 - y1) * (lon - x1);
        if (
          cross === 0 &&
          lon >= Math.min(x1, x2) &&
          lon <= Math.max(x1, x2) &&
          lat >= Math.min(y1, y2) &&
          lat <= Math.max(y1, y2)
        ) {
          return true;
        }
        // Crossing of the ray towards east; half-open in latitude so a vertex counts once.
        if (y1 > lat !== y2 > lat && lon < ((x2 - x1) * (lat - y1)) / (y2 - y1) + x1) inside = !inside;
      }
      return inside;
    },
  };
}
