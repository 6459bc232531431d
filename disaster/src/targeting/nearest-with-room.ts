// The nearest place that still has room for a household, among a municipality's few hundred: a uniform grid
// over the places (about two per cell), searched ring by ring outwards from the household's cell until no
// nearer place can be further out. Distances are equirectangular at the places' mean latitude (exact enough
// for ranking inside a municipality, no trigonometry per pair); households outside the grid are scanned.

export interface PlaceWithRoom {
  latitude: number;
  longitude: number;
  /** Places left; decreases as households are sent. */
  room: number;
}

export interface NearestWithRoom<T extends PlaceWithRoom> {
  nearest(latitude: number, longitude: number, people: number): T | null;
}

export function createNearestWithRoom<T extends PlaceWithRoom>(places: readonly T[]): NearestWithRoom<T> {
  if (places.length === 0) return { nearest: () => null };
  const meanLat = places.reduce((sum, p) => sum + p.latitude, 0) / places.length;
  const scale = Math.cos((meanLat * Math.PI) / 180);
  const xs = places.map((p) => p.longitude * scale);
  const ys = places.map((p) => p.latitude);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const width = Math.max(...xs) - minX;
  const height = Math.max(...ys) - minY;
  const cell = Math.max(
    Math.sqrt((width * height) / Math.max(1, places.length / 2)),
    width / 64,
    height / 64,
    1e-6,
  );
  const columns = Math.floor(width / cell) + 1;
  const rows = Math.floor(height / cell) + 1;
  const cells: number[][] = Array.from({ length: columns * rows }, () => []);
  places.forEach((_, i) => {
    const column = Math.floor(((xs[i] as number) - minX) / cell);
    const row = Math.floor(((ys[i] as number) - minY) / cell);
    cells[row * columns + column]?.push(i);
  });

  // Search state, shared by the calls (one search at a time; no closure per call).
  let x = 0;
  let y = 0;
  let people = 0;
  let best = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  const consider = (i: number) => {
    const place = places[i] as T;
    if (place.room < people) return;
    const dx = (xs[i] as number) - x;
    const dy = (ys[i] as number) - y;
    const score = dx * dx + dy * dy;
    if (score < bestScore || (score === bestScore && i < best)) {
      bestScore = score;
      best = i;
    }
  };

  function nearest(latitude: number, longitude: number, wanted: number): T | null {
    x = longitude * scale;
    y = latitude;
    people = wanted;
    best = -1;
    bestScore = Number.POSITIVE_INFINITY;
    const column = Math.floor((x - minX) / cell);
    const row = Math.floor((y - minY) / cell);
    if (column < 0 || row < 0 || column >= columns || row >= rows) {
      for (let i = 0; i < places.length; i++) consider(i);
    } else {
      const rings = Math.max(columns, rows);
      for (let ring = 0; ring <= rings; ring++) {
        for (let r = row - ring; r <= row + ring; r++) {
          if (r < 0 || r >= rows) continue;
          const edge = r === row - ring || r === row + ring;
          for (let c = column - ring; c <= column + ring; c += edge ? 1 : 2 * ring) {
            if (c >= 0 && c < columns) for (const i of cells[r * columns + c] as number[]) consider(i);
            if (ring === 0) break;
          }
        }
        // Every place in a farther ring is at least `ring` cells away.
        if (best >= 0 && Math.sqrt(bestScore) <= ring * cell) break;
      }
    }
    return best < 0 ? null : (places[best] as T);
  }

  return { nearest };
}
